namespace Dcrc.Kernel.Deadlines;

public enum LimitEventKind { Started, Paused, Resumed, Met, Cancelled, Warned, Breached, Escalated }

/// <summary>
/// Something that happened to a time limit, as recorded. Started/Paused/Resumed/Met/Cancelled come from the
/// work itself; Warned/Breached/Escalated are recorded by the job when they fall due and are facts from then
/// on — a later change of the calendar does not move them.
/// </summary>
public sealed record LimitEvent(LimitEventKind Kind, DateTime At, int Level = 0);

/// <summary>One step of the escalation ladder: this long (working time) after the breach, tell this role.</summary>
public sealed record EscalationStep(TimeSpan AfterBreach, string NotifyRole);

/// <summary>How a limit is counted.</summary>
public enum LimitUnit
{
    /// <summary>Working time of the store's calendar: the clock stops outside working hours, on days off and holidays.</summary>
    WorkingMinutes,
    /// <summary>Due at the close of the N-th working day after the day it started (the start day itself does not count).</summary>
    WorkingDays,
    /// <summary>Clock time, day and night, working day or not.</summary>
    ClockHours,
}

/// <summary>
/// How long a step may take (e.g. 30 working minutes to dispatch a complaint), when to warn (time left), and who
/// hears of a breach, in order (specialist → CR manager → GM). <see cref="Unit"/> says how the budget, the warning
/// and the escalation steps are counted; for <see cref="LimitUnit.WorkingDays"/> the budget is <see cref="Days"/>
/// and becomes, at the start, the working time until the close of that working day (warned a fifth before), the
/// escalation steps staying working time.
/// </summary>
public sealed record LimitPolicy(TimeSpan Budget, TimeSpan WarnBefore, IReadOnlyList<EscalationStep> Escalation)
{
    public LimitUnit Unit { get; init; } = LimitUnit.WorkingMinutes;
    public int Days { get; init; }

    /// <summary>A budget of working time, warned a fifth before.</summary>
    public static LimitPolicy Of(TimeSpan budget, params EscalationStep[] escalation) => new(budget, TimeSpan.FromTicks(budget.Ticks / 5), escalation);

    /// <summary>A budget of clock time, warned a fifth before; the escalation steps are clock time too.</summary>
    public static LimitPolicy OfClockTime(TimeSpan budget, params EscalationStep[] escalation) => Of(budget, escalation) with { Unit = LimitUnit.ClockHours };

    /// <summary>Due at the close of the <paramref name="days"/>-th working day after the start.</summary>
    public static LimitPolicy OfWorkingDays(int days, params EscalationStep[] escalation) =>
        new(TimeSpan.Zero, TimeSpan.Zero, escalation) { Unit = LimitUnit.WorkingDays, Days = days };
}

public enum LimitStatus { NotStarted, Running, Paused, Met, Cancelled }

/// <summary>Where a limit stands at an instant.</summary>
/// <param name="Used">Working time spent while running.</param>
/// <param name="DueAt">When it breaches if nothing changes; when met, the due time it was met against (null while paused or when cancelled).</param>
/// <param name="BreachedAt">The recorded breach, or the computed one when it is due and not yet recorded.</param>
/// <param name="Level">Escalation steps reached (0 = none).</param>
/// <param name="Pending">Warning, breach and escalation events that have fallen due but are not recorded yet (for the job to record and notify).</param>
public sealed record LimitState(LimitStatus Status, TimeSpan Used, TimeSpan Remaining, DateTime? DueAt, DateTime? WarnAt, bool Warned,
    DateTime? BreachedAt, int Level, IReadOnlyList<LimitEvent> Pending)
{
    public bool Breached => BreachedAt is not null;
    /// <summary>Finished after its time: met or cancelled with a breach on record.</summary>
    public bool Late => Status is LimitStatus.Met && BreachedAt is not null;
}

/// <summary>
/// The state of a time limit computed from its recorded events and the store's calendar: the clock runs — in
/// working time or clock time, as the policy's unit says — between Started/Resumed and Paused/Met/Cancelled.
/// Pure: the caller supplies "now".
/// </summary>
public static class TimeLimit
{
    /// <summary>Measures time in the unit's way: the calendar's working time, or the clock's.</summary>
    private sealed class Meter(BusinessCalendar? calendar)
    {
        public TimeSpan Between(DateTime from, DateTime to) => calendar?.Between(from, to) ?? (to > from ? to - from : TimeSpan.Zero);
        public DateTime Add(DateTime start, TimeSpan amount) => calendar?.Add(start, amount) ?? start + amount;
    }

    public static LimitState Evaluate(BusinessCalendar calendar, LimitPolicy policy, IEnumerable<LimitEvent> history, DateTime nowUtc)
    {
        var events = history.Where(e => e.At <= nowUtc).OrderBy(e => e.At).ThenBy(e => e.Kind).ToList();
        var meter = new Meter(policy.Unit == LimitUnit.ClockHours ? null : calendar);
        var (budget, warnBefore) = (policy.Budget, policy.WarnBefore);
        if (policy.Unit == LimitUnit.WorkingDays && events.FirstOrDefault(e => e.Kind == LimitEventKind.Started) is { } first)
        {
            budget = calendar.Between(first.At, calendar.CloseOfWorkingDay(first.At, policy.Days));
            warnBefore = TimeSpan.FromTicks(budget.Ticks / 5);
        }
        var status = LimitStatus.NotStarted;
        var used = TimeSpan.Zero;
        DateTime? runningSince = null, lastDue = null;
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case LimitEventKind.Started when status == LimitStatus.NotStarted:
                case LimitEventKind.Resumed when status == LimitStatus.Paused:
                    status = LimitStatus.Running;
                    runningSince = e.At;
                    break;
                case LimitEventKind.Paused when status == LimitStatus.Running:
                case LimitEventKind.Met when status is LimitStatus.Running or LimitStatus.Paused:
                case LimitEventKind.Cancelled when status is LimitStatus.Running or LimitStatus.Paused:
                    if (runningSince is { } since)
                    {
                        lastDue = budget - used > TimeSpan.Zero ? meter.Add(since, budget - used) : since;
                        used += meter.Between(since, e.At);
                    }
                    runningSince = null;
                    status = e.Kind switch { LimitEventKind.Paused => LimitStatus.Paused, LimitEventKind.Met => LimitStatus.Met, _ => LimitStatus.Cancelled };
                    break;
            }
        }
        if (status == LimitStatus.NotStarted) return new(status, TimeSpan.Zero, budget, null, null, false, null, 0, []);

        var warnedAt = events.FirstOrDefault(e => e.Kind == LimitEventKind.Warned)?.At;
        var recordedBreach = events.FirstOrDefault(e => e.Kind == LimitEventKind.Breached)?.At;
        var recordedLevel = events.Where(e => e.Kind == LimitEventKind.Escalated).Select(e => e.Level).DefaultIfEmpty(0).Max();
        DateTime? dueAt = null, warnAt = null;
        var usedNow = used;
        if (runningSince is { } start)
        {
            usedNow += meter.Between(start, nowUtc);
            var left = budget - used;
            dueAt = left > TimeSpan.Zero ? meter.Add(start, left) : start;
            var warnLeft = budget - warnBefore - used;
            warnAt = warnLeft > TimeSpan.Zero ? meter.Add(start, warnLeft) : start;
        }
        // A limit whose time ran out in an earlier running stretch breached then (not when it was resumed);
        // otherwise it breaches at its due time once that has passed.
        DateTime? breachedAt = recordedBreach ?? (used >= budget ? BreachInsideHistory(meter, budget, events) : dueAt is { } d && d <= nowUtc ? d : null);

        var pending = new List<LimitEvent>();
        var open = status is LimitStatus.Running;
        if (open && warnedAt is null && breachedAt is null && warnAt is { } w && w <= nowUtc) pending.Add(new(LimitEventKind.Warned, w));
        // An unrecorded breach is recorded even after a pause or the finish, so it becomes a fact the calendar cannot move.
        if (recordedBreach is null && breachedAt is { } b && status != LimitStatus.Cancelled) pending.Add(new(LimitEventKind.Breached, b));
        var level = recordedLevel;
        if (breachedAt is { } breach && open)
        {
            for (var i = recordedLevel; i < policy.Escalation.Count; i++)
            {
                var at = meter.Add(breach, policy.Escalation[i].AfterBreach);
                if (at > nowUtc) break;
                pending.Add(new(LimitEventKind.Escalated, at, i + 1));
                level = i + 1;
            }
        }
        var remaining = budget - usedNow;
        // A met limit keeps the due time it was met against; paused or cancelled, it has none.
        return new(status, usedNow, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, open ? dueAt : status == LimitStatus.Met ? lastDue : null, open ? warnAt : null,
            warnedAt is not null || pending.Any(p => p.Kind == LimitEventKind.Warned), breachedAt, level, pending);
    }

    /// <summary>Replays the running segments to find the instant the budget ran out (for a limit paused or finished after it).</summary>
    private static DateTime? BreachInsideHistory(Meter meter, TimeSpan budget, List<LimitEvent> events)
    {
        var used = TimeSpan.Zero;
        DateTime? since = null;
        foreach (var e in events)
        {
            if (e.Kind is LimitEventKind.Started or LimitEventKind.Resumed && since is null) since = e.At;
            else if (e.Kind is LimitEventKind.Paused or LimitEventKind.Met or LimitEventKind.Cancelled && since is { } s)
            {
                var segment = meter.Between(s, e.At);
                if (used + segment >= budget) return meter.Add(s, budget - used);
                used += segment;
                since = null;
            }
        }
        return null;
    }
}
