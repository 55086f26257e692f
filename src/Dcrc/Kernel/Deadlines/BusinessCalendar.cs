namespace Dcrc.Kernel.Deadlines;

/// <summary>A stretch of working time within a day, in the store's local time: [From, To).</summary>
public readonly record struct WorkPeriod(TimeOnly From, TimeOnly To)
{
    public static WorkPeriod Parse(string text)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        return new(TimeOnly.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// A store's working calendar: working periods per weekday, public holidays (no work) and the make-up
/// working days of the Chinese calendar (调休: a weekend day worked with the hours of a given weekday).
/// Times are local to <see cref="Zone"/>; everything this computes is in UTC.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly Dictionary<DayOfWeek, WorkPeriod[]> _week;
    private readonly HashSet<DateOnly> _holidays;
    private readonly Dictionary<DateOnly, DayOfWeek> _makeUpDays;

    public TimeZoneInfo Zone { get; }

    public BusinessCalendar(TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, WorkPeriod[]> week,
        IEnumerable<DateOnly>? holidays = null, IReadOnlyDictionary<DateOnly, DayOfWeek>? makeUpDays = null)
    {
        Zone = zone;
        _week = Enum.GetValues<DayOfWeek>().ToDictionary(d => d, d => week.TryGetValue(d, out var p) ? Checked(p) : []);
        _holidays = [.. holidays ?? []];
        _makeUpDays = new(makeUpDays ?? new Dictionary<DateOnly, DayOfWeek>());
        if (_week.Values.All(p => p.Length == 0) && _makeUpDays.Count == 0) throw new ArgumentException("A calendar needs working time on at least one weekday.");
    }

    private static WorkPeriod[] Checked(WorkPeriod[] periods)
    {
        var sorted = periods.OrderBy(p => p.From).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].To <= sorted[i].From) throw new ArgumentException($"Working period {sorted[i].From}-{sorted[i].To} ends before it starts.");
            if (i > 0 && sorted[i].From < sorted[i - 1].To) throw new ArgumentException("Working periods overlap.");
        }
        return sorted;
    }

    /// <summary>The working periods of a local date: none on a holiday, a weekday's on a make-up day.</summary>
    public IReadOnlyList<WorkPeriod> PeriodsOf(DateOnly day) =>
        _holidays.Contains(day) ? [] : _makeUpDays.TryGetValue(day, out var like) ? _week[like] : _week[day.DayOfWeek];

    public bool IsWorkingDay(DateOnly day) => PeriodsOf(day).Count > 0;

    /// <summary>The day's working periods as UTC instants.</summary>
    private IEnumerable<(DateTime From, DateTime To)> UtcPeriods(DateOnly day) => PeriodsOf(day).Select(p =>
        (ToUtc(day.ToDateTime(p.From)), ToUtc(p.To == TimeOnly.MinValue ? day.AddDays(1).ToDateTime(TimeOnly.MinValue) : day.ToDateTime(p.To))));

    private DateTime ToUtc(DateTime local) => Time.StoreTime.ToUtc(local, Zone);
    private DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(Time.StoreTime.ToLocal(utc, Zone));

    /// <summary>How far ahead a deadline may lie before the calendar is taken to have no working time left.</summary>
    private const int HorizonDays = 3 * 366;

    /// <summary>The instant <paramref name="amount"/> of working time after <paramref name="startUtc"/>.</summary>
    public DateTime Add(DateTime startUtc, TimeSpan amount)
    {
        if (amount < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(amount));
        var left = amount;
        var day = LocalDate(startUtc);
        for (var i = 0; i < HorizonDays; i++, day = day.AddDays(1))
        {
            foreach (var (from, to) in UtcPeriods(day))
            {
                if (to <= startUtc) continue;
                var begin = from > startUtc ? from : startUtc;
                var available = to - begin;
                if (left <= available) return begin + left;
                left -= available;
            }
        }
        throw new InvalidOperationException($"No working time within {HorizonDays} days of {startUtc:u}.");
    }

    /// <summary>
    /// The close (end of the last working period) of the <paramref name="n"/>-th working day after the local day of
    /// <paramref name="startUtc"/>: "within N working days" of something that happened that day.
    /// </summary>
    public DateTime CloseOfWorkingDay(DateTime startUtc, int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n));
        var day = LocalDate(startUtc);
        for (int i = 0, found = 0; i < HorizonDays; i++)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day) && ++found == n) return UtcPeriods(day).Max(p => p.To);
        }
        throw new InvalidOperationException($"No {n} working days within {HorizonDays} days of {startUtc:u}.");
    }

    /// <summary>Working time between two instants (zero when <paramref name="toUtc"/> is not after <paramref name="fromUtc"/>).</summary>
    public TimeSpan Between(DateTime fromUtc, DateTime toUtc)
    {
        var total = TimeSpan.Zero;
        if (toUtc <= fromUtc) return total;
        for (var day = LocalDate(fromUtc); day <= LocalDate(toUtc); day = day.AddDays(1))
            foreach (var (from, to) in UtcPeriods(day))
            {
                var begin = from > fromUtc ? from : fromUtc;
                var end = to < toUtc ? to : toUtc;
                if (end > begin) total += end - begin;
            }
        return total;
    }
}
