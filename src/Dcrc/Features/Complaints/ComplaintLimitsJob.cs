using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Jobs;
using Dcrc.Kernel.Notifications;
using Dcrc.Kernel.Settings;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Complaints;

/// <summary>
/// Every minute: each open case's limits are evaluated; warnings, breaches and escalations that have fallen due are
/// recorded (facts from then on) with a line in the case's timeline, and the people concerned are notified — the
/// person responsible (or who took the case) of a warning or breach, the CR managers at the breach, the GM one
/// budget later.
/// </summary>
public sealed class ComplaintLimitsJob(DcrcDb db, SettingsStore settings, StoreCalendars calendars, Notifier notifier) : IScheduledJob
{
    public string Name => "complaints.limits";
    public TimeSpan Period => TimeSpan.FromMinutes(1);

    public async Task RunAsync(DateTime nowUtc, CancellationToken ct)
    {
        var open = await db.Complaints.IgnoreQueryFilters()
            .Where(c => c.State != ComplaintState.Explained && c.State != ComplaintState.FollowedUp)
            .Select(c => new { c.Id, c.StoreId, c.ReceivedBy, c.ResponsibleUserId }).ToListAsync(ct);
        if (open.Count == 0) return;
        var ids = open.Select(c => c.Id).ToList();
        var events = (await db.ComplaintLimitEvents.AsNoTracking().Where(e => ids.Contains(e.ComplaintId)).ToListAsync(ct)).ToLookup(e => e.ComplaintId);
        var storeCalendars = new Dictionary<int, BusinessCalendar>();
        foreach (var c in open)
        {
            if (!storeCalendars.TryGetValue(c.StoreId, out var calendar)) storeCalendars[c.StoreId] = calendar = await calendars.ForStoreAsync(c.StoreId);
            foreach (var g in events[c.Id].GroupBy(e => e.Limit))
            {
                var round = g.Max(e => e.Round);
                var policy = await ComplaintDesk.PolicyAsync(settings, calendar, c.StoreId, g.Key);
                var state = TimeLimit.Evaluate(calendar, policy, g.Where(e => e.Round == round).Select(e => new LimitEvent(e.Kind, e.At, e.Level)), nowUtc);
                foreach (var p in state.Pending)
                {
                    db.ComplaintLimitEvents.Add(new ComplaintLimitEvent { ComplaintId = c.Id, Limit = g.Key, Round = round, Kind = p.Kind, At = p.At, Level = p.Level });
                    db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = c.Id, At = p.At, SystemKey = $"Complaints.Limit.{p.Kind}", Note = $"{g.Key}|{p.Level}" });
                    var owner = c.ResponsibleUserId ?? c.ReceivedBy;
                    var who = p.Kind == LimitEventKind.Escalated
                        ? await notifier.UsersInRolesAsync(c.StoreId, policy.Escalation[p.Level - 1].NotifyRole)
                        : owner is null ? [] : [owner];
                    notifier.Notify(who, c.StoreId, p.At, $"Notification.Complaint{p.Kind}", $"/Complaints/{c.Id}", Complaint.NumberOf(c.Id), $"ComplaintLimit.{g.Key}", p.Level);
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
