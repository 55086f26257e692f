using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Jobs;
using Dcrc.Kernel.Notifications;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Leads;

/// <summary>
/// Every minute: the clocks of the leads due a look (<see cref="Lead.NextClockAt"/>) are evaluated; warnings, breaches
/// and escalations that have fallen due are recorded (facts from then on) with a line in the timeline; the consultant
/// hears of a warning or breach, the sales managers at the breach, the CR managers a while later. A breach flags the
/// lead late. The job runner lifts the store filter for jobs (every store's leads), so the queries need no exception to it.
/// </summary>
public sealed class LeadClocksJob(DcrcDb db, SettingsStore settings, StoreCalendars calendars, Notifier notifier) : IScheduledJob
{
    public const int Batch = 2000;
    public string Name => "leads.clocks";
    public TimeSpan Period => TimeSpan.FromMinutes(1);

    public async Task RunAsync(DateTime nowUtc, CancellationToken ct)
    {
        var due = await db.Leads.AsNoTracking().Where(x => x.NextClockAt != null && x.NextClockAt <= nowUtc).OrderBy(x => x.NextClockAt).Take(Batch).ToListAsync(ct);
        if (due.Count == 0) return;
        var clocks = await LeadLimits.EvaluateAsync(db, settings, calendars, due.Select(x => (x.Id, x.StoreId, x.NextFollowUpOn)).ToList(), nowUtc, ct);
        var storeCalendars = new Dictionary<int, BusinessCalendar>();
        var looked = new List<Lead>();
        foreach (var lead in due)
        {
            if (!storeCalendars.TryGetValue(lead.StoreId, out var calendar)) storeCalendars[lead.StoreId] = calendar = await calendars.ForStoreAsync(lead.StoreId);
            DateTime? next = null;
            foreach (var (limit, round, policy, state) in clocks[lead.Id])
            {
                foreach (var p in state.Pending)
                {
                    db.LeadLimitEvents.Add(new LeadLimitEvent { LeadId = lead.Id, Limit = limit, Round = round, Kind = p.Kind, At = p.At, Level = p.Level });
                    var kind = p.Kind switch { LimitEventKind.Warned => LeadEventKind.LimitWarned, LimitEventKind.Breached => LeadEventKind.LimitBreached, _ => LeadEventKind.LimitEscalated };
                    db.LeadEvents.Add(new LeadEvent { LeadId = lead.Id, At = p.At, Kind = kind, Note = $"{limit}|{p.Level}" });
                    if (p.Kind == LimitEventKind.Breached && lead.IsOpen) lead.LateSince ??= p.At;
                    var who = p.Kind == LimitEventKind.Escalated ? await RoleAsync(lead.StoreId, policy.Escalation[p.Level - 1].NotifyRole)
                        : lead.ConsultantUserId is { } c ? [c] : await RoleAsync(lead.StoreId, Roles.SalesManager);
                    notifier.Notify(who, lead.StoreId, p.At, $"Notification.Lead{p.Kind}", $"/Leads/{lead.Id}", lead.Number, $"LeadLimit.{limit}", p.Level);
                }
                if (state.Status == LimitStatus.Running && NextLook(calendar, policy, state) is { } at && (next is null || at < next)) next = at;
            }
            lead.NextClockAt = lead.IsOpen ? next : null;
            looked.Add(lead);
        }
        await db.SaveChangesAsync(ct); // the facts (limit events, timeline lines, notices): inserts only
        // The lead's two clock fields, without raising its version (a user's open card stays current), and only if
        // nobody changed the lead meanwhile — their save set NextClockAt again, so the next run looks at it anew.
        foreach (var x in looked)
            await db.Leads.Where(l => l.Id == x.Id && l.Version == x.Version)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.NextClockAt, x.NextClockAt).SetProperty(l => l.LateSince, x.LateSince), ct);
    }

    private readonly Dictionary<(int, string), IReadOnlyList<string>> roles = [];

    /// <summary>The users of a role in a store, read once per run.</summary>
    private async Task<IReadOnlyList<string>> RoleAsync(int storeId, string role) =>
        roles.TryGetValue((storeId, role), out var ids) ? ids : roles[(storeId, role)] = (await notifier.UsersInRolesAsync(storeId, role)).ToList();

    /// <summary>When a running clock next has something to record: its warning, its breach, or its next escalation step.</summary>
    public static DateTime? NextLook(BusinessCalendar calendar, LimitPolicy policy, LimitState state)
    {
        if (!state.Warned && !state.Breached && state.WarnAt is { } w) return w;
        if (!state.Breached) return state.DueAt;
        if (state.Level < policy.Escalation.Count && state.BreachedAt is { } b)
            return policy.Unit == LimitUnit.ClockHours ? b + policy.Escalation[state.Level].AfterBreach : calendar.Add(b, policy.Escalation[state.Level].AfterBreach);
        return null;
    }
}

/// <summary>
/// Every hour: followed leads whose follow-up day is more than <see cref="LeadSettings.PoolAfterDays"/> days past return
/// to their store's pool (公海), with a line in the timeline and a notice to the consultant who had them.
/// </summary>
public sealed class LeadPoolJob(DcrcDb db, SettingsStore settings, Notifier notifier) : IScheduledJob
{
    public const int Batch = 5000;
    public string Name => "leads.pool";
    public TimeSpan Period => TimeSpan.FromHours(1);

    public async Task RunAsync(DateTime nowUtc, CancellationToken ct)
    {
        var stores = await db.Stores.Select(s => new { s.Id, s.TimeZone }).ToListAsync(ct);
        foreach (var store in stores)
        {
            var cutoff = LeadRules.PoolCutoff(StoreTime.DateOf(nowUtc, StoreTime.Zone(store.TimeZone)), await settings.GetAsync(LeadSettings.PoolAfterDays, store.Id));
            var stale = await db.Leads
                .Where(x => x.StoreId == store.Id && x.State == LeadState.Following && x.NextFollowUpOn != null && x.NextFollowUpOn <= cutoff)
                .OrderBy(x => x.Id).Take(Batch).Select(x => new { x.Id, x.ConsultantUserId, x.ConsultantName }).ToListAsync(ct);
            if (stale.Count == 0) continue;
            var ids = stale.Select(x => x.Id).ToList();
            // One transaction: the leads that are still stale when the statement runs (one followed a moment ago stays),
            // then the timeline lines and notices of exactly those.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var stamp = new DateTime(nowUtc.Ticks - nowUtc.Ticks % 10, DateTimeKind.Utc); // whole microseconds: PostgreSQL keeps it exactly, to find the moved rows by it
            await db.Leads.Where(x => ids.Contains(x.Id) && x.State == LeadState.Following && x.NextFollowUpOn != null && x.NextFollowUpOn <= cutoff)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.State, LeadState.Pool).SetProperty(x => x.PoolSince, stamp)
                    .SetProperty(x => x.ConsultantUserId, (string?)null).SetProperty(x => x.ConsultantName, (string?)null).SetProperty(x => x.LateSince, (DateTime?)null)
                    .SetProperty(x => x.AutoAssigned, false) // the round robin goes on from the last lead still given automatically
                    .SetProperty(x => x.NextClockAt, (DateTime?)null).SetProperty(x => x.UpdatedAt, nowUtc).SetProperty(x => x.Version, x => x.Version + 1), ct);
            var moved = (await db.Leads.Where(x => ids.Contains(x.Id) && x.State == LeadState.Pool && x.PoolSince == stamp).Select(x => x.Id).ToListAsync(ct)).ToHashSet();
            foreach (var x in stale.Where(x => moved.Contains(x.Id)))
            {
                db.LeadEvents.Add(new LeadEvent { LeadId = x.Id, At = nowUtc, Kind = LeadEventKind.ToPool, Note = x.ConsultantName });
                if (x.ConsultantUserId is { } c) notifier.Notify([c], store.Id, nowUtc, "Notification.LeadToPool", $"/Leads/{x.Id}", Lead.NumberOf(x.Id));
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
    }
}
