using System.Globalization;
using System.Reflection;

namespace Dcrc.Kernel.Settings;

/// <summary>
/// A setting's unit, shown beside its value. The time limits say how they count: <see cref="WorkingMinutes"/> of the
/// store's work calendar, <see cref="ClockHours"/> day and night, <see cref="WorkingDays"/> (the N-th working day after),
/// <see cref="CalendarDays"/>.
/// </summary>
public enum SettingUnit { None, Minutes, Hours, Days, WorkingDays, Weeks, Months, Count, Percent, Score, Kilometres, Yuan, Megabytes, WorkingMinutes, ClockHours, CalendarDays }

/// <summary>
/// A business setting: a typed value with the seed manual's number as default, overridable for the group
/// and per store. Features declare theirs as static fields of a class marked <see cref="SettingsGroupAttribute"/>.
/// Labels come from the resources: "Setting.{Key}".
/// </summary>
public abstract record SettingDefinition(string Key, SettingUnit Unit)
{
    public string Group => Key[..Key.IndexOf('.')];
    public abstract string DefaultText { get; }

    /// <summary>Parses and range-checks a typed value; on failure gives a resource key for the message.</summary>
    public abstract bool TryNormalise(string text, out string normalised, out string? errorKey, out object?[] errorArgs);
}

public sealed record IntSetting(string Key, int Default, int Min, int Max, SettingUnit Unit = SettingUnit.None) : SettingDefinition(Key, Unit)
{
    public override string DefaultText => Default.ToString(CultureInfo.InvariantCulture);

    public override bool TryNormalise(string text, out string normalised, out string? errorKey, out object?[] errorArgs)
    {
        normalised = text.Trim();
        errorArgs = [Min, Max];
        if (!int.TryParse(normalised, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) { errorKey = "Validation.Integer"; return false; }
        if (v < Min || v > Max) { errorKey = "Validation.Range"; return false; }
        normalised = v.ToString(CultureInfo.InvariantCulture);
        errorKey = null;
        return true;
    }

    public int Parse(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}

public sealed record TextSetting(string Key, string Default, int MaxLength, bool Multiline = false) : SettingDefinition(Key, SettingUnit.None)
{
    /// <summary>An extra rule for the text, with the resource key of its message.</summary>
    public (Func<string, bool> IsValid, string ErrorKey)? Rule { get; init; }

    public override string DefaultText => Default;

    public override bool TryNormalise(string text, out string normalised, out string? errorKey, out object?[] errorArgs)
    {
        normalised = text.Trim();
        errorArgs = [MaxLength];
        if (normalised.Length == 0) { errorKey = "Validation.Required"; return false; }
        if (normalised.Length > MaxLength) { errorKey = "Validation.MaxLength"; return false; }
        if (Rule is { } rule && !rule.IsValid(normalised)) { errorKey = rule.ErrorKey; return false; }
        errorKey = null;
        return true;
    }
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class SettingsGroupAttribute : Attribute;

public static class SettingsCatalog
{
    private static readonly Lazy<IReadOnlyList<SettingDefinition>> _all = new(() =>
        typeof(SettingsCatalog).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<SettingsGroupAttribute>() != null)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => typeof(SettingDefinition).IsAssignableFrom(f.FieldType))
            .Select(f => (SettingDefinition)f.GetValue(null)!)
            .OrderBy(d => d.Group, StringComparer.Ordinal) // stable: declaration order within a group
            .ToList());

    public static IReadOnlyList<SettingDefinition> All => _all.Value;
    public static SettingDefinition? Find(string key) => All.FirstOrDefault(d => d.Key == key);
}
