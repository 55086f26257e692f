using Dcrc.Kernel.Deadlines;
using static Dcrc.Tests.Kernel.Deadlines.BusinessCalendarTests;

namespace Dcrc.Tests.Kernel.Deadlines;

/// <summary>
/// Each unit's arithmetic across a weekend and a holiday. The store works Mon–Fri 08:30–12:00 and 13:30–17:30 and
/// Saturday 09:00–12:00; Sunday is off, and Monday 30 November 2026 is a holiday here.
/// </summary>
public class TimeLimitUnitTests
{
    private static readonly BusinessCalendar Calendar = Store(holidays: [new DateOnly(2026, 11, 30)]);
    private static readonly EscalationStep[] CrManager = [new(TimeSpan.Zero, "CrManager")];

    private static LimitEvent E(LimitEventKind kind, string local, int level = 0) => new(kind, At(local), level);

    [Fact]
    public void Working_minutes_stop_over_the_weekend_and_the_holiday()
    {
        var policy = LimitPolicy.Of(TimeSpan.FromMinutes(30), CrManager);
        List<LimitEvent> events = [E(LimitEventKind.Started, "2026-11-28 11:50")]; // Saturday, ten minutes before closing
        var s = TimeLimit.Evaluate(Calendar, policy, events, At("2026-11-30 15:00"));
        (s.Status, s.Used, s.DueAt, s.Breached).ShouldBe((LimitStatus.Running, TimeSpan.FromMinutes(10), At("2026-12-01 08:50"), false));
        s.WarnAt.ShouldBe(At("2026-12-01 08:44")); // a fifth (6 minutes) before
        TimeLimit.Evaluate(Calendar, policy, events, At("2026-12-01 09:00")).BreachedAt.ShouldBe(At("2026-12-01 08:50"));
    }

    [Fact]
    public void Clock_hours_run_day_and_night_through_the_weekend_and_the_holiday()
    {
        var policy = LimitPolicy.OfClockTime(TimeSpan.FromHours(24), [new(TimeSpan.Zero, "CrManager"), new(TimeSpan.FromHours(24), "GeneralManager")]);
        List<LimitEvent> events = [E(LimitEventKind.Started, "2026-11-29 10:00")]; // Sunday, a day off
        var s = TimeLimit.Evaluate(Calendar, policy, events, At("2026-11-29 20:00"));
        (s.Used, s.Remaining, s.DueAt).ShouldBe((TimeSpan.FromHours(10), TimeSpan.FromHours(14), At("2026-11-30 10:00"))); // on the holiday
        s.WarnAt.ShouldBe(At("2026-11-30 05:12")); // 4.8 hours before
        var late = TimeLimit.Evaluate(Calendar, policy, events, At("2026-12-01 11:00"));
        late.BreachedAt.ShouldBe(At("2026-11-30 10:00"));
        late.Level.ShouldBe(2); // the GM 24 clock hours after the breach
        late.Pending.Single(p => p.Level == 2).At.ShouldBe(At("2026-12-01 10:00"));
    }

    [Fact]
    public void Clock_hours_stop_only_while_paused()
    {
        var policy = LimitPolicy.OfClockTime(TimeSpan.FromHours(24), CrManager);
        List<LimitEvent> events = [E(LimitEventKind.Started, "2026-11-27 16:00"), E(LimitEventKind.Paused, "2026-11-27 18:00"), E(LimitEventKind.Resumed, "2026-11-30 09:00")];
        var s = TimeLimit.Evaluate(Calendar, policy, events, At("2026-11-30 10:00"));
        (s.Used, s.DueAt).ShouldBe((TimeSpan.FromHours(3), At("2026-12-01 07:00"))); // 2 h on Friday, 22 h left from Monday 09:00
    }

    [Fact]
    public void Working_days_fall_due_at_the_close_of_the_nth_working_day_after_the_start()
    {
        var policy = LimitPolicy.OfWorkingDays(3, CrManager);
        // Closed on Friday: Saturday is the 1st working day (closing at 12:00), Sunday off, Monday the holiday,
        // Tuesday the 2nd, Wednesday the 3rd — due at its close.
        List<LimitEvent> events = [E(LimitEventKind.Started, "2026-11-27 10:00")];
        var s = TimeLimit.Evaluate(Calendar, policy, events, At("2026-11-30 12:00"));
        s.DueAt.ShouldBe(At("2026-12-02 17:30"));
        s.Used.ShouldBe(TimeSpan.FromHours(9)); // the rest of Friday (2 + 4 h) and Saturday morning (3 h)
        TimeLimit.Evaluate(Calendar, policy, events, At("2026-12-02 17:29")).Breached.ShouldBeFalse();
        TimeLimit.Evaluate(Calendar, policy, events, At("2026-12-02 17:31")).BreachedAt.ShouldBe(At("2026-12-02 17:30"));
        // Met the day before: in time, and it keeps the due time it was met against.
        var met = TimeLimit.Evaluate(Calendar, policy, [.. events, E(LimitEventKind.Met, "2026-12-01 16:00")], At("2026-12-03 09:00"));
        (met.Status, met.Late, met.DueAt).ShouldBe((LimitStatus.Met, false, At("2026-12-02 17:30")));
    }

    [Fact]
    public void Started_after_hours_or_on_a_day_off_the_next_working_day_is_the_first()
    {
        Calendar.CloseOfWorkingDay(At("2026-11-27 20:00"), 1).ShouldBe(At("2026-11-28 12:00")); // Friday evening → Saturday's close
        Calendar.CloseOfWorkingDay(At("2026-11-29 10:00"), 1).ShouldBe(At("2026-12-01 17:30")); // Sunday → Tuesday (Monday a holiday)
        Calendar.CloseOfWorkingDay(At("2026-11-23 09:00"), 3).ShouldBe(At("2026-11-26 17:30")); // an ordinary week
        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.CloseOfWorkingDay(At("2026-11-23 09:00"), 0));
    }

    [Fact]
    public void Each_seed_limit_has_its_unit_and_the_seeds_number()
    {
        (Dcrc.Features.Complaints.ComplaintSettings.DispatchMinutes.Default, Dcrc.Features.Complaints.ComplaintSettings.DispatchMinutes.Unit).ShouldBe((30, Dcrc.Kernel.Settings.SettingUnit.WorkingMinutes));
        (Dcrc.Features.Complaints.ComplaintSettings.ProposalHours.Default, Dcrc.Features.Complaints.ComplaintSettings.ProposalHours.Unit).ShouldBe((24, Dcrc.Kernel.Settings.SettingUnit.ClockHours));
        (Dcrc.Features.Complaints.ComplaintSettings.ResultHours.Default, Dcrc.Features.Complaints.ComplaintSettings.ResultHours.Unit).ShouldBe((48, Dcrc.Kernel.Settings.SettingUnit.ClockHours));
        (Dcrc.Features.Complaints.ComplaintSettings.FollowUpDays.Default, Dcrc.Features.Complaints.ComplaintSettings.FollowUpDays.Unit).ShouldBe((3, Dcrc.Kernel.Settings.SettingUnit.WorkingDays));
        (Dcrc.Features.Complaints.ComplaintSettings.SatisfactionCallbackDays.Default, Dcrc.Features.Complaints.ComplaintSettings.SatisfactionCallbackDays.Unit)
            .ShouldBe((7, Dcrc.Kernel.Settings.SettingUnit.CalendarDays)); // one week
    }

    [Fact]
    public void The_seed_limits_keep_their_order_a_days_solution_ends_before_the_three_day_follow_up()
    {
        // Dispatched on Monday 09:00: the solution (24 clock hours) is due on Tuesday 09:00 — not 3.2 working days later.
        var solution = TimeLimit.Evaluate(Calendar, LimitPolicy.OfClockTime(TimeSpan.FromHours(24), CrManager), [E(LimitEventKind.Started, "2026-11-23 09:00")], At("2026-11-23 09:00"));
        solution.DueAt.ShouldBe(At("2026-11-24 09:00"));
        var result = TimeLimit.Evaluate(Calendar, LimitPolicy.OfClockTime(TimeSpan.FromHours(48), CrManager), [E(LimitEventKind.Started, "2026-11-23 09:00")], At("2026-11-23 09:00"));
        result.DueAt.ShouldBe(At("2026-11-25 09:00"));
        var followUp = TimeLimit.Evaluate(Calendar, LimitPolicy.OfWorkingDays(3, CrManager), [E(LimitEventKind.Started, "2026-11-23 09:00")], At("2026-11-23 09:00"));
        followUp.DueAt.ShouldBe(At("2026-11-26 17:30"));
    }
}
