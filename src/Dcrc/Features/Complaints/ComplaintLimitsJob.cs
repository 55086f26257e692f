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
        var open = await db.Complaints.IgnoreQueryFilters().Where(ComplaintWorkflow.LimitsRunning)
            .Select(c => new { c.Id, c.StoreId, c.ReceivedBy, c.ResponsibleUserId }).ToListAsync(ct);
        if (open.Count == 0) return;
        var limits = await ComplaintLimitEvaluation.EvaluateAsync(db, settings, calendars, open.Select(c => (c.Id, c.StoreId)).ToList(), nowUtc, ct);
        foreach (var c in open)
        {
            foreach (var (limit, round, policy, state) in limits[c.Id])
            {
                foreach (var p in state.Pending)
                {
                    db.ComplaintLimitEvents.Add(new ComplaintLimitEvent { ComplaintId = c.Id, Limit = limit, Round = round, Kind = p.Kind, At = p.At, Level = p.Level });
                    db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = c.Id, At = p.At, SystemKey = $"Complaints.Limit.{p.Kind}", Note = $"{limit}|{p.Level}" });
                    var owner = c.ResponsibleUserId ?? c.ReceivedBy;
                    var who = p.Kind == LimitEventKind.Escalated
                        ? await notifier.UsersInRolesAsync(c.StoreId, policy.Escalation[p.Level - 1].NotifyRole)
                        : owner is null ? [] : [owner];
                    notifier.Notify(who, c.StoreId, p.At, $"Notification.Complaint{p.Kind}", $"/Complaints/{c.Id}", Complaint.NumberOf(c.Id), $"ComplaintLimit.{limit}", p.Level);
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
