using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Help;

/// <summary>
/// A number put into a guide's text: a setting's current value — <see cref="WithUnit"/> as "30 working minutes", or
/// bare ("the 4th working day" says its unit in the sentence), read for the store when the guide is shown — or one of
/// the code's fixed numbers (<see cref="Fixed"/>, as a report's default span), so that no number is typed twice.
/// </summary>
public sealed record HelpValue(SettingDefinition? Setting, bool WithUnit, int Fixed = 0);

/// <summary>One paragraph of the guide: a resource key, and the values that fill its {0}, {1}…</summary>
public sealed record HelpParagraph(string Key, params HelpValue[] Values)
{
    /// <summary>The value with its unit ("30 工作分钟", "30 working minutes").</summary>
    public static HelpValue V(SettingDefinition setting) => new(setting, true);

    /// <summary>The bare number, for a sentence that names the unit itself ("第 {0} 个工作日").</summary>
    public static HelpValue N(SettingDefinition setting) => new(setting, false);

    /// <summary>A fixed number of the code (a constant), bare.</summary>
    public static HelpValue C(int constant) => new(null, false, constant);
}
