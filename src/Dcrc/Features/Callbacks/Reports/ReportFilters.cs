using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>
/// What a report covers: the stores (the query filter's — the store switcher's current store, or every store the user
/// may see — narrowed to <see cref="StoreId"/> when one is named), and store-local dates from <see cref="From"/> to
/// <see cref="To"/> inclusive. Instants are compared in <see cref="Zone"/>: the named store's, else the current
/// store's, else the group's.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, int? StoreId, TimeZoneInfo Zone, DateOnly Today)
{
    public DateTime StartUtc => StoreTime.ToUtc(From.ToDateTime(TimeOnly.MinValue), Zone);
    public DateTime EndUtc => StoreTime.ToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue), Zone);
    public int Days => To.DayNumber - From.DayNumber + 1;
    public string Label => From == To ? Format(From) : $"{Format(From)} – {Format(To)}";
    public static string Format(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Reads and checks the date range, day and store of a report, for the pages and the API alike.</summary>
public class ReportFilters(DcrcDb db, StoreScope scope, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>The longest range a report covers.</summary>
    public const int MaxDays = 366;

    /// <summary>A range given without its start covers this many days up to its end (today when none): never empty on the 3rd of a month.</summary>
    public const int DefaultDays = 30;

    public sealed record Parsed(ReportPeriod Period, Dictionary<string, string[]> Errors, bool DatesGiven)
    {
        public bool Ok => Errors.Count == 0;
    }

    /// <summary>
    /// A range of dates (yyyy-MM-dd); a missing end is today, a missing start <see cref="DefaultDays"/> days before the end. Refused:
    /// a date that is not one, a start after the end, more than <see cref="MaxDays"/> days, a store not visible.
    /// </summary>
    public Task<Parsed> RangeAsync(string? from, string? to, int? storeId) => ParseAsync(from, to, storeId, _ => null);

    /// <summary>A range whose default, when neither end is given, is the last <paramref name="weeks"/> whole weeks up to today.</summary>
    public Task<Parsed> WeeksAsync(string? from, string? to, int? storeId, int weeks) =>
        ParseAsync(from, to, storeId, today => string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to) ? Monday(today).AddDays(-7 * (weeks - 1)) : null);

    /// <summary>One day (default today), as a range of that day.</summary>
    public async Task<Parsed> DayAsync(string? date, int? storeId)
    {
        var errors = new Dictionary<string, string[]>();
        var (store, zone, today) = await StoreAsync(storeId, errors);
        var day = Date(date, "date", "Field.ReportDate", errors) ?? today;
        return new(new ReportPeriod(day, day, store, zone, today), errors, !string.IsNullOrWhiteSpace(date));
    }

    public static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    private async Task<Parsed> ParseAsync(string? from, string? to, int? storeId, Func<DateOnly, DateOnly?> defaultFrom)
    {
        var errors = new Dictionary<string, string[]>();
        var (store, zone, today) = await StoreAsync(storeId, errors);
        var end = Date(to, "to", "Field.ToDate", errors);
        var start = Date(from, "from", "Field.FromDate", errors);
        var last = end ?? today;
        var first = start ?? defaultFrom(today) ?? last.AddDays(-(DefaultDays - 1));
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (first > last) errors["to"] = [l["Reports.ToBeforeFrom"]];
            else if (last.DayNumber - first.DayNumber + 1 > MaxDays) errors["to"] = [l["Reports.RangeTooLong", MaxDays]];
        }
        var given = !string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to);
        // A refused range still leaves the page something sensible to show: the last days up to today.
        if (errors.ContainsKey("from") || errors.ContainsKey("to")) (first, last) = (today.AddDays(-(DefaultDays - 1)), today);
        return new(new ReportPeriod(first, last, store, zone, today), errors, given);
    }

    private DateOnly? Date(string? text, string key, string label, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 1990 && d.Year <= 2999) return d;
        errors[key] = [l["Reports.DateFormat", l[label]]];
        return null;
    }

    /// <summary>The store named (when the user may see it), its zone and today there.</summary>
    private async Task<(int? Store, TimeZoneInfo Zone, DateOnly Today)> StoreAsync(int? storeId, Dictionary<string, string[]> errors)
    {
        int? store = null;
        if (storeId is { } id)
        {
            if (scope.CanSee(id) && await db.Stores.AnyAsync(s => s.Id == id)) store = id;
            else errors["storeId"] = [l["Validation.InvalidValue", l["Field.Store"]]];
        }
        var zoneOf = store ?? scope.CurrentStoreId;
        var zoneId = zoneOf is { } z ? await db.Stores.Where(s => s.Id == z).Select(s => s.TimeZone).FirstOrDefaultAsync() : null;
        var zone = StoreTime.Zone(zoneId);
        return (store, zone, StoreTime.DateOf(clock.GetUtcNow().UtcDateTime, zone));
    }
}
