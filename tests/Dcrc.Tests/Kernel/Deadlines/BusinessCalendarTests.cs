using Dcrc.Kernel.Deadlines;

namespace Dcrc.Tests.Kernel.Deadlines;

public class BusinessCalendarTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Mon–Fri 08:30–12:00 and 13:30–17:30, Saturday 09:00–12:00, Sunday off.</summary>
    public static BusinessCalendar Store(IEnumerable<DateOnly>? holidays = null, Dictionary<DateOnly, DayOfWeek>? makeUp = null)
    {
        WorkPeriod[] weekday = [WorkPeriod.Parse("08:30-12:00"), WorkPeriod.Parse("13:30-17:30")];
        return new BusinessCalendar(Shanghai, new Dictionary<DayOfWeek, WorkPeriod[]>
        {
            [DayOfWeek.Monday] = weekday, [DayOfWeek.Tuesday] = weekday, [DayOfWeek.Wednesday] = weekday, [DayOfWeek.Thursday] = weekday,
            [DayOfWeek.Friday] = weekday, [DayOfWeek.Saturday] = [WorkPeriod.Parse("09:00-12:00")],
        }, holidays, makeUp);
    }

    /// <summary>Store-local wall time → UTC (Shanghai is UTC+8 all year).</summary>
    public static DateTime At(string local) => DateTime.SpecifyKind(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture).AddHours(-8), DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-11-23 09:00", 30, "2026-11-23 09:30")]  // Monday morning
    [InlineData("2026-11-23 11:45", 30, "2026-11-23 13:45")]  // across lunch
    [InlineData("2026-11-23 17:20", 30, "2026-11-24 08:50")]  // overnight
    [InlineData("2026-11-23 20:00", 30, "2026-11-24 09:00")]  // received after hours: the clock starts next morning
    [InlineData("2026-11-28 11:50", 30, "2026-11-30 08:50")]  // Saturday noon → Monday (Sunday off)
    [InlineData("2026-11-23 08:30", 24 * 60, "2026-11-26 10:00")] // 24 working hours = three 7.5 h days + 1.5 h
    public void Working_time_is_added_in_store_hours(string start, int minutes, string due) =>
        Store().Add(At(start), TimeSpan.FromMinutes(minutes)).ShouldBe(At(due));

    [Fact]
    public void A_holiday_span_is_skipped_and_a_make_up_Sunday_is_worked()
    {
        // A made-up week: Wed 30 Sep – Wed 7 Oct off, Sunday 27 Sep worked like a Monday (调休).
        var holidays = Enumerable.Range(0, 8).Select(i => new DateOnly(2026, 9, 30).AddDays(i));
        var calendar = Store(holidays, new() { [new DateOnly(2026, 9, 27)] = DayOfWeek.Monday });
        calendar.Add(At("2026-09-29 17:00"), TimeSpan.FromHours(1)).ShouldBe(At("2026-10-08 09:00"));
        calendar.Add(At("2026-09-26 11:30"), TimeSpan.FromHours(1)).ShouldBe(At("2026-09-27 09:00")); // Saturday → the make-up Sunday
        calendar.IsWorkingDay(new DateOnly(2026, 9, 27)).ShouldBeTrue();
        calendar.IsWorkingDay(new DateOnly(2026, 10, 5)).ShouldBeFalse(); // a Monday inside the holiday
    }

    [Fact]
    public void Working_time_between_two_instants_counts_only_open_hours()
    {
        var c = Store();
        c.Between(At("2026-11-27 17:00"), At("2026-11-30 09:00")).ShouldBe(TimeSpan.FromMinutes(30 + 180 + 30)); // Fri 17:00–17:30, Sat 09–12, Mon 08:30–09:00
        c.Between(At("2026-11-29 10:00"), At("2026-11-29 16:00")).ShouldBe(TimeSpan.Zero); // Sunday
        c.Between(At("2026-11-24 10:00"), At("2026-11-23 10:00")).ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("2026-11-23 09:10", 0)]
    [InlineData("2026-11-23 07:00", 95)]
    [InlineData("2026-11-27 16:00", 600)]
    public void Adding_and_measuring_agree(string start, int minutes)
    {
        var c = Store();
        var due = c.Add(At(start), TimeSpan.FromMinutes(minutes));
        c.Between(At(start), due).ShouldBe(TimeSpan.FromMinutes(minutes));
    }

    [Fact]
    public void A_calendar_without_working_time_or_with_overlapping_periods_is_refused()
    {
        Should.Throw<ArgumentException>(() => new BusinessCalendar(Shanghai, new Dictionary<DayOfWeek, WorkPeriod[]>()));
        Should.Throw<ArgumentException>(() => new BusinessCalendar(Shanghai, new Dictionary<DayOfWeek, WorkPeriod[]>
            { [DayOfWeek.Monday] = [WorkPeriod.Parse("08:00-12:00"), WorkPeriod.Parse("11:00-13:00")] }));
    }
}
