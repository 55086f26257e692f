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

/// <summary>
/// How much working time a step may take (e.g. 30 minutes to dispatch a complaint), when to warn (working
/// time left), and who hears of a breach, in order (specialist → CR manager → GM).
/// </summary>
public sealed record LimitPolicy(TimeSpan Budget, TimeSpan WarnBefore, IReadOnlyList<EscalationStep> Escalation)
{
    public static LimitPolicy Of(TimeSpan budget, params EscalationStep[] escalation) => new(budget, TimeSpan.FromTicks(budget.Ticks / 5), escalation);
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
/// The state of a time limit computed from its recorded events and the store's calendar: the clock runs in
/// working time between Started/Resumed and Paused/Met/Cancelled. Pure: the caller supplies "now".
/// </summary>
public static class TimeLimit
{
    public static LimitState Evaluate(BusinessCalendar calendar, LimitPolicy policy, IEnumerable<LimitEvent> history, DateTime nowUtc)
    {
        var events = history.Where(e => e.At <= nowUtc).OrderBy(e => e.At).ThenBy(e => e.Kind).ToList();
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
                        lastDue = policy.Budget - used > TimeSpan.Zero ? calendar.Add(since, policy.Budget - used) : since;
                        used += calendar.Between(since, e.At);
                    }
                    runningSince = null;
                    status = e.Kind switch { LimitEventKind.Paused => LimitStatus.Paused, LimitEventKind.Met => LimitStatus.Met, _ => LimitStatus.Cancelled };
                    break;
            }
        }
        if (status == LimitStatus.NotStarted) return new(status, TimeSpan.Zero, policy.Budget, null, null, false, null, 0, []);

        var warnedAt = events.FirstOrDefault(e => e.Kind == LimitEventKind.Warned)?.At;
        var recordedBreach = events.FirstOrDefault(e => e.Kind == LimitEventKind.Breached)?.At;
        var recordedLevel = events.Where(e => e.Kind == LimitEventKind.Escalated).Select(e => e.Level).DefaultIfEmpty(0).Max();
        DateTime? dueAt = null, warnAt = null;
        var usedNow = used;
        if (runningSince is { } start)
        {
            usedNow += calendar.Between(start, nowUtc);
            var left = policy.Budget - used;
            dueAt = left > TimeSpan.Zero ? calendar.Add(start, left) : start;
            var warnLeft = policy.Budget - policy.WarnBefore - used;
            warnAt = warnLeft > TimeSpan.Zero ? calendar.Add(start, warnLeft) : start;
        }
        // A limit whose time ran out in an earlier running stretch breached then (not when it was resumed);
        // otherwise it breaches at its due time once that has passed.
        DateTime? breachedAt = recordedBreach ?? (used >= policy.Budget ? BreachInsideHistory(calendar, policy, events) : dueAt is { } d && d <= nowUtc ? d : null);

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
                var at = calendar.Add(breach, policy.Escalation[i].AfterBreach);
                if (at > nowUtc) break;
                pending.Add(new(LimitEventKind.Escalated, at, i + 1));
                level = i + 1;
            }
        }
        var remaining = policy.Budget - usedNow;
        // A met limit keeps the due time it was met against; paused or cancelled, it has none.
        return new(status, usedNow, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, open ? dueAt : status == LimitStatus.Met ? lastDue : null, open ? warnAt : null,
            warnedAt is not null || pending.Any(p => p.Kind == LimitEventKind.Warned), breachedAt, level, pending);
    }

    /// <summary>Replays the running segments to find the instant the budget ran out (for a limit paused or finished after it).</summary>
    private static DateTime? BreachInsideHistory(BusinessCalendar calendar, LimitPolicy policy, List<LimitEvent> events)
    {
        var used = TimeSpan.Zero;
        DateTime? since = null;
        foreach (var e in events)
        {
            if (e.Kind is LimitEventKind.Started or LimitEventKind.Resumed && since is null) since = e.At;
            else if (e.Kind is LimitEventKind.Paused or LimitEventKind.Met or LimitEventKind.Cancelled && since is { } s)
            {
                var segment = calendar.Between(s, e.At);
                if (used + segment >= policy.Budget) return calendar.Add(s, policy.Budget - used);
                used += segment;
                since = null;
            }
        }
        return null;
    }
}
