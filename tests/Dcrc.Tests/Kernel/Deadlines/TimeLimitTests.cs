using Dcrc.Kernel.Deadlines;
using static Dcrc.Tests.Kernel.Deadlines.BusinessCalendarTests;

namespace Dcrc.Tests.Kernel.Deadlines;

public class TimeLimitTests
{
    // Dispatch within 30 working minutes; warn 10 minutes before; CR manager at the breach, GM 2 working hours later.
    private static readonly LimitPolicy Dispatch = new(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10),
        [new EscalationStep(TimeSpan.Zero, "CrManager"), new EscalationStep(TimeSpan.FromHours(2), "GeneralManager")]);

    private static LimitEvent E(LimitEventKind kind, string local, int level = 0) => new(kind, At(local), level);

    [Fact]
    public void A_running_limit_counts_down_warns_then_breaches_and_escalates_step_by_step()
    {
        var c = Store();
        List<LimitEvent> events = [E(LimitEventKind.Started, "2026-11-23 11:50")];
        var s = TimeLimit.Evaluate(c, Dispatch, events, At("2026-11-23 11:55"));
        s.Status.ShouldBe(LimitStatus.Running);
        s.DueAt.ShouldBe(At("2026-11-23 13:50")); // 10 minutes before lunch, 20 after
        s.Remaining.ShouldBe(TimeSpan.FromMinutes(25));
        s.Pending.ShouldBeEmpty();

        s = TimeLimit.Evaluate(c, Dispatch, events, At("2026-11-23 13:45"));
        s.Pending.ShouldBe([new LimitEvent(LimitEventKind.Warned, At("2026-11-23 13:40"))]);

        s = TimeLimit.Evaluate(c, Dispatch, events, At("2026-11-23 16:00"));
        s.BreachedAt.ShouldBe(At("2026-11-23 13:50"));
        s.Level.ShouldBe(2); // GM at 15:50
        s.Pending.Select(p => (p.Kind, p.Level)).ShouldBe([(LimitEventKind.Breached, 0), (LimitEventKind.Escalated, 1), (LimitEventKind.Escalated, 2)]);
        s.Remaining.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void A_pause_across_the_night_stops_the_clock_until_resumed()
    {
        var c = Store();
        List<LimitEvent> events = [E(LimitEventKind.Started, "2026-11-23 17:10"), E(LimitEventKind.Paused, "2026-11-23 17:20")];
        var paused = TimeLimit.Evaluate(c, Dispatch, events, At("2026-11-24 10:00"));
        paused.Status.ShouldBe(LimitStatus.Paused);
        paused.Used.ShouldBe(TimeSpan.FromMinutes(10));
        paused.DueAt.ShouldBeNull();
        paused.Breached.ShouldBeFalse();

        events.Add(E(LimitEventKind.Resumed, "2026-11-24 10:00"));
        TimeLimit.Evaluate(c, Dispatch, events, At("2026-11-24 10:05")).DueAt.ShouldBe(At("2026-11-24 10:20"));
    }

    [Fact]
    public void Met_in_time_is_not_late_and_met_after_the_due_time_is()
    {
        var c = Store();
        List<LimitEvent> onTime = [E(LimitEventKind.Started, "2026-11-23 09:00"), E(LimitEventKind.Met, "2026-11-23 09:29")];
        var s = TimeLimit.Evaluate(c, Dispatch, onTime, At("2026-11-25 09:00"));
        (s.Status, s.Late, s.Pending.Count).ShouldBe((LimitStatus.Met, false, 0));
        s.DueAt.ShouldBe(At("2026-11-23 09:30")); // the due time it was met against

        // Met after a pause: due as it stood in the last running stretch.
        List<LimitEvent> paused = [E(LimitEventKind.Started, "2026-11-23 17:10"), E(LimitEventKind.Paused, "2026-11-23 17:20"),
            E(LimitEventKind.Resumed, "2026-11-24 10:00"), E(LimitEventKind.Met, "2026-11-24 10:05")];
        TimeLimit.Evaluate(c, Dispatch, paused, At("2026-11-25 09:00")).DueAt.ShouldBe(At("2026-11-24 10:20"));
        TimeLimit.Evaluate(c, Dispatch, [E(LimitEventKind.Started, "2026-11-23 09:00"), E(LimitEventKind.Cancelled, "2026-11-23 09:10")], At("2026-11-25 09:00"))
            .DueAt.ShouldBeNull();

        List<LimitEvent> late = [E(LimitEventKind.Started, "2026-11-23 09:00"), E(LimitEventKind.Met, "2026-11-23 10:00")];
        s = TimeLimit.Evaluate(c, Dispatch, late, At("2026-11-25 09:00"));
        s.Late.ShouldBeTrue();
        s.BreachedAt.ShouldBe(At("2026-11-23 09:30"));
    }

    [Fact]
    public void A_recorded_breach_stays_where_it_was_when_the_calendar_changes_later()
    {
        List<LimitEvent> events =
        [
            E(LimitEventKind.Started, "2026-11-23 09:00"), E(LimitEventKind.Breached, "2026-11-23 09:30"), E(LimitEventKind.Escalated, "2026-11-23 09:30", 1),
        ];
        // Monday is later declared a holiday: the recorded breach and escalation remain facts.
        var changed = Store(holidays: [new DateOnly(2026, 11, 23)]);
        var s = TimeLimit.Evaluate(changed, Dispatch, events, At("2026-11-23 10:00"));
        s.BreachedAt.ShouldBe(At("2026-11-23 09:30"));
        s.Level.ShouldBe(1);
        s.Pending.ShouldBeEmpty(); // the GM step is 2 working hours after the breach: Tuesday
        TimeLimit.Evaluate(changed, Dispatch, events, At("2026-11-24 11:00")).Pending.ShouldBe([new LimitEvent(LimitEventKind.Escalated, At("2026-11-24 10:30"), 2)]);
    }

    [Fact]
    public void Events_in_the_future_and_repeated_starts_are_ignored()
    {
        var c = Store();
        List<LimitEvent> events = [E(LimitEventKind.Started, "2026-11-23 09:00"), E(LimitEventKind.Started, "2026-11-23 09:20"), E(LimitEventKind.Met, "2026-11-23 12:00")];
        var s = TimeLimit.Evaluate(c, Dispatch, events, At("2026-11-23 09:10"));
        (s.Status, s.Used, s.DueAt).ShouldBe((LimitStatus.Running, TimeSpan.FromMinutes(10), At("2026-11-23 09:30")));
        TimeLimit.Evaluate(c, Dispatch, [], At("2026-11-23 09:10")).Status.ShouldBe(LimitStatus.NotStarted);
    }

    [Fact]
    public void A_limit_paused_after_running_out_shows_the_breach_at_the_moment_it_ran_out()
    {
        var c = Store();
        List<LimitEvent> events = [E(LimitEventKind.Started, "2026-11-23 09:00"), E(LimitEventKind.Paused, "2026-11-23 11:00")];
        var s = TimeLimit.Evaluate(c, Dispatch, events, At("2026-11-24 09:00"));
        s.BreachedAt.ShouldBe(At("2026-11-23 09:30"));
        s.Status.ShouldBe(LimitStatus.Paused);
    }
}

public class TimeLimitResumeTests
{
    private static readonly LimitPolicy Dispatch = new(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10), [new EscalationStep(TimeSpan.Zero, "CrManager")]);

    [Fact]
    public void A_limit_resumed_after_running_out_keeps_the_breach_of_its_first_stretch_and_the_breach_is_recorded_even_when_met()
    {
        var c = BusinessCalendarTests.Store();
        List<LimitEvent> events =
        [
            new(LimitEventKind.Started, BusinessCalendarTests.At("2026-11-23 09:00")), new(LimitEventKind.Paused, BusinessCalendarTests.At("2026-11-23 11:00")),
            new(LimitEventKind.Resumed, BusinessCalendarTests.At("2026-11-24 09:00")),
        ];
        var s = TimeLimit.Evaluate(c, Dispatch, events, BusinessCalendarTests.At("2026-11-24 09:05"));
        s.BreachedAt.ShouldBe(BusinessCalendarTests.At("2026-11-23 09:30"));
        s.Pending.First(p => p.Kind == LimitEventKind.Breached).At.ShouldBe(BusinessCalendarTests.At("2026-11-23 09:30"));

        events.Add(new(LimitEventKind.Met, BusinessCalendarTests.At("2026-11-24 09:10")));
        var met = TimeLimit.Evaluate(c, Dispatch, events, BusinessCalendarTests.At("2026-11-24 10:00"));
        met.Late.ShouldBeTrue();
        met.Pending.ShouldBe([new LimitEvent(LimitEventKind.Breached, BusinessCalendarTests.At("2026-11-23 09:30"))]);
    }
}
