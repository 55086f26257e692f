namespace Dcrc.Features.Service;

/// <summary>The intervals of one maintenance plan: the first maintenance (首保) after delivery, then the regular one (定期保养).</summary>
public sealed record PlanIntervals(int FirstKm, int FirstMonths, int IntervalKm, int IntervalMonths);

public enum DueKind { First = 0, Regular = 1 }

/// <summary>Which rule set the date: the distance at the vehicle's pace, or the time since the last maintenance (or delivery).</summary>
public enum DueBy { Distance = 0, Time = 1 }

/// <summary>Where the pace comes from: the vehicle's own readings, or the store's default (too little history).</summary>
public enum PaceSource { History = 0, Default = 1 }

/// <summary>
/// The maintenance forecast of one vehicle (SPEC §8): its pace in km per day from the mileage of its repair orders,
/// and its next maintenance — the earlier of the distance rule and the time rule. Pure: the readings and "today"
/// are passed in.
/// <para>
/// The pace: readings are taken in date order (the highest of a day). A reading below the one before is a typing
/// error and is left out — unless it is marked as an odometer change, which starts the readings afresh from it. A
/// reading that would mean more than <see cref="Rules.MaxKmPerDay"/> since the one before is left out too (a digit
/// too many). Of what remains after the last odometer change, the readings of the last <see cref="Rules.WindowDays"/>
/// days before the newest one give the pace: km between the first and the last of them over the days between (so a
/// long gap counts as the average it was, not as a jump). The delivery counts as a reading of 0 km when the vehicle
/// was sold new here and no odometer change followed. Fewer than two readings, or fewer than
/// <see cref="Rules.MinDays"/> days between them, and the store's default pace is used.
/// </para>
/// </summary>
public static class MaintenanceForecast
{
    public sealed record Reading(DateOnly Date, int Km, bool OdometerChanged = false);

    /// <param name="DefaultKmPerDay">The pace where the history is too short.</param>
    /// <param name="MinDays">The shortest span of readings trusted for a pace.</param>
    /// <param name="WindowDays">How far back from the newest reading the pace looks.</param>
    /// <param name="MaxKmPerDay">Above this between two readings, the later one is a typing error.</param>
    public sealed record Rules(decimal DefaultKmPerDay, int MinDays, int WindowDays, int MaxKmPerDay);

    /// <param name="Delivered">The delivery (or purchase) day, if known.</param>
    /// <param name="SoldNew">Delivered new by this dealer: the delivery is a reading of 0 km.</param>
    /// <param name="LastMaintenance">The last maintenance's day (null: none since delivery, the first is due); its mileage is
    /// the trusted reading of that day, or the pace's estimate when it has none (or a wrong one).</param>
    public sealed record Vehicle(DateOnly? Delivered, bool SoldNew, IReadOnlyList<Reading> Readings, DateOnly? LastMaintenance);

    /// <param name="LastKm">The last trusted reading, and its day.</param>
    /// <param name="From">What the due counts from: the last maintenance, or the delivery.</param>
    public sealed record Result(decimal KmPerDay, PaceSource Pace, int? LastKm, DateOnly? LastReadOn, DueKind Kind, DateOnly DueOn, int DueKm, DueBy By, DateOnly From);

    /// <summary>The pace and its source from the trusted readings.</summary>
    public static (decimal KmPerDay, PaceSource Source, Reading? Last) Pace(IReadOnlyList<Reading> trusted, Rules rules)
    {
        if (trusted.Count == 0) return (rules.DefaultKmPerDay, PaceSource.Default, null);
        var last = trusted[^1];
        var from = trusted.First(r => r.Date >= last.Date.AddDays(-rules.WindowDays));
        var days = last.Date.DayNumber - from.Date.DayNumber;
        if (trusted.Count < 2 || days < rules.MinDays) return (rules.DefaultKmPerDay, PaceSource.Default, last);
        return (Math.Round((decimal)(last.Km - from.Km) / days, 1), PaceSource.History, last);
    }

    /// <summary>
    /// The readings the pace may use: in date order, one per day (the highest), those after the last odometer change,
    /// without the ones lower than the reading before or implausibly far beyond it.
    /// </summary>
    public static List<Reading> Trusted(Vehicle v, Rules rules)
    {
        var all = v.Readings.GroupBy(r => r.Date).Select(g => new Reading(g.Key, g.Max(r => r.Km), g.Any(r => r.OdometerChanged))).OrderBy(r => r.Date).ToList();
        var restart = all.FindLastIndex(r => r.OdometerChanged);
        var readings = restart >= 0 ? all.Skip(restart).ToList() : all;
        var kept = new List<Reading>();
        if (restart < 0 && v.SoldNew && v.Delivered is { } d && (readings.Count == 0 || readings[0].Date >= d)) kept.Add(new Reading(d, 0));
        foreach (var r in readings)
        {
            if (kept.Count == 0) { kept.Add(r); continue; }
            var before = kept[^1];
            var days = Math.Max(1, r.Date.DayNumber - before.Date.DayNumber);
            if (r.Km < before.Km || (r.Km - before.Km) / (decimal)days > rules.MaxKmPerDay) continue;
            kept.Add(r);
        }
        return kept;
    }

    /// <summary>The forecast, or null when nothing is known to count from (neither a maintenance nor the delivery day).</summary>
    public static Result? Of(Vehicle v, PlanIntervals plan, Rules rules)
    {
        var trusted = Trusted(v, rules);
        var (pace, source, last) = Pace(trusted, rules);
        DueKind kind;
        DateOnly start;
        int targetKm, months;
        if (v.LastMaintenance is { } done)
            (kind, start, targetKm, months) = (DueKind.Regular, done, KmOn(trusted, done, pace) + plan.IntervalKm, plan.IntervalMonths);
        else if (v.Delivered is { } delivered)
            (kind, start, targetKm, months) = (DueKind.First, delivered, plan.FirstKm, plan.FirstMonths);
        else return null;
        var byTime = start.AddMonths(months);
        // The distance rule: from the last trusted reading (or the start, at 0 km) at the pace, to the target.
        var (readOn, readKm) = last is not null ? (last.Date, last.Km) : (start, 0);
        var byDistance = pace <= 0 ? DateOnly.MaxValue
            : targetKm <= readKm ? readOn
            : readOn.AddDays((int)Math.Min(36500, Math.Ceiling((targetKm - readKm) / pace)));
        return byDistance < byTime
            ? new Result(pace, source, last?.Km, last?.Date, kind, byDistance, targetKm, DueBy.Distance, start)
            : new Result(pace, source, last?.Km, last?.Date, kind, byTime, targetKm, DueBy.Time, start);
    }

    /// <summary>The mileage on a day: its trusted reading, else estimated from the one before at the pace.</summary>
    private static int KmOn(IReadOnlyList<Reading> trusted, DateOnly day, decimal pace)
    {
        var before = trusted.LastOrDefault(r => r.Date <= day);
        return before is null ? 0 : before.Km + (int)Math.Round(pace * (day.DayNumber - before.Date.DayNumber));
    }
}
