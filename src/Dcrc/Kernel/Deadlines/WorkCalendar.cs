using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Kernel.Deadlines;

/// <summary>
/// The working week as business settings (per store, group default): each day's periods as
/// <c>08:30-12:00,13:30-17:30</c>, or <c>-</c> for a day off.
/// </summary>
[SettingsGroup]
public static class CalendarSettings
{
    private const string Weekday = "08:30-12:00,13:30-17:30";
    private static TextSetting Day(string key, string value) => new($"calendar.{key}", value, 60) { Rule = (WorkWeek.IsValidDay, "Validation.WorkPeriods") };
    public static readonly TextSetting Monday = Day("monday", Weekday);
    public static readonly TextSetting Tuesday = Day("tuesday", Weekday);
    public static readonly TextSetting Wednesday = Day("wednesday", Weekday);
    public static readonly TextSetting Thursday = Day("thursday", Weekday);
    public static readonly TextSetting Friday = Day("friday", Weekday);
    public static readonly TextSetting Saturday = Day("saturday", Weekday);
    public static readonly TextSetting Sunday = Day("sunday", "-");

    public static TextSetting For(DayOfWeek d) => d switch
    {
        DayOfWeek.Monday => Monday, DayOfWeek.Tuesday => Tuesday, DayOfWeek.Wednesday => Wednesday, DayOfWeek.Thursday => Thursday,
        DayOfWeek.Friday => Friday, DayOfWeek.Saturday => Saturday, _ => Sunday,
    };
}

public static class WorkWeek
{
    public static bool IsValidDay(string text) => TryParseDay(text, out _);

    /// <summary>"-" (closed) or sorted, non-overlapping "HH:mm-HH:mm" periods separated by commas.</summary>
    public static bool TryParseDay(string text, out WorkPeriod[] periods)
    {
        periods = [];
        var t = text.Trim();
        if (t is "-" or "—") return true;
        var list = new List<WorkPeriod>();
        foreach (var part in t.Split([',', '，'], StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || !TimeOnly.TryParseExact(ends[0], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !TimeOnly.TryParseExact(ends[1], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || to <= from) return false;
            if (list.Count > 0 && from < list[^1].To) return false;
            list.Add(new(from, to));
        }
        periods = [.. list];
        return list.Count > 0;
    }
}

public enum CalendarDayKind { Holiday = 0, WorkingDay = 1 }

/// <summary>
/// A public holiday or a make-up working day (调休) of the Chinese calendar, for the whole group
/// (<see cref="StoreId"/> null) or one store; a store's entry for a date replaces the group's.
/// </summary>
public class CalendarDay
{
    public int Id { get; set; }
    public int? StoreId { get; set; }
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    /// <summary>A make-up day is worked with the hours of this weekday.</summary>
    public DayOfWeek? WorkedAs { get; set; }
    [MaxLength(50)] public string Name { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    [MaxLength(64)] public string? UpdatedBy { get; set; }
}

public class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> e) => e.HasIndex(x => new { x.StoreId, x.Date }).IsUnique();
}

/// <summary>Builds a store's <see cref="BusinessCalendar"/> from the week settings and the calendar days, in the store's time zone.</summary>
public class StoreCalendars(DcrcDb db, SettingsStore settings, TimeProvider clock)
{
    public async Task<BusinessCalendar> ForStoreAsync(int storeId)
    {
        var zone = StoreTime.Zone(await db.Stores.Where(s => s.Id == storeId).Select(s => s.TimeZone).SingleAsync());
        var week = new Dictionary<DayOfWeek, WorkPeriod[]>();
        foreach (var d in Enum.GetValues<DayOfWeek>())
            week[d] = WorkWeek.TryParseDay(await settings.GetTextAsync(CalendarSettings.For(d), storeId), out var p) ? p : [];
        // A week set closed on every day would leave no time to count in: the defaults apply then.
        if (week.Values.All(p => p.Length == 0))
            foreach (var d in Enum.GetValues<DayOfWeek>())
                week[d] = WorkWeek.TryParseDay(CalendarSettings.For(d).Default, out var p) ? p : [];
        // Deadlines look back a little and ahead a few years at most.
        var from = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(-2);
        var days = (await db.CalendarDays.AsNoTracking().Where(x => (x.StoreId == null || x.StoreId == storeId) && x.Date >= from).ToListAsync())
            .GroupBy(x => x.Date).Select(g => g.OrderByDescending(x => x.StoreId.HasValue).First()).ToList();
        return new BusinessCalendar(zone, week, days.Where(x => x.Kind == CalendarDayKind.Holiday).Select(x => x.Date),
            days.Where(x => x.Kind == CalendarDayKind.WorkingDay).ToDictionary(x => x.Date, x => x.WorkedAs ?? DayOfWeek.Monday));
    }
}
