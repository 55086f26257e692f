using Dcrc.Data;
using Dcrc.Kernel.Jobs;
using Dcrc.Kernel.Notifications;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Sms;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Leads;

/// <summary>
/// Every ten minutes: delivery preparation (seed 004 §2 新车交付 — 交车前 72 小时和 24 小时内提醒顾客做好准备). An ordered lead
/// whose planned delivery is <see cref="LeadSettings.DeliveryFirstReminderHours"/>, then
/// <see cref="LeadSettings.DeliverySecondReminderHours"/>, away or less gets the reminder SMS through the outbox
/// (consent checked there, once per reminder by its key) and its consultant a notice to prepare the handover; each
/// reminder is marked so, whatever the job's timing, it goes out once. Only the leads due a reminder are read (indexed).
/// </summary>
public sealed class LeadDeliveryJob(DcrcDb db, SettingsStore settings, SmsOutbox outbox, Notifier notifier) : IScheduledJob
{
    public const int Batch = 1000;
    public string Name => "leads.delivery";
    public TimeSpan Period => TimeSpan.FromMinutes(10);

    public async Task RunAsync(DateTime nowUtc, CancellationToken ct)
    {
        // The widest first reminder any store may set bounds the read; each store's own hours decide below.
        var horizon = nowUtc.AddHours(LeadSettings.DeliveryFirstReminderHours.Max);
        var due = await db.Leads
            .Where(x => x.PlannedDeliveryAt != null && x.PlannedDeliveryAt > nowUtc && x.PlannedDeliveryAt <= horizon && x.State == LeadState.Ordered
                && (x.DeliveryFirstReminderAt == null || x.DeliverySecondReminderAt == null))
            .OrderBy(x => x.PlannedDeliveryAt).Take(Batch).ToListAsync(ct);
        if (due.Count == 0) return;
        var stores = await db.Stores.Where(s => due.Select(x => x.StoreId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        foreach (var lead in due)
        {
            var first = TimeSpan.FromHours(await settings.GetAsync(LeadSettings.DeliveryFirstReminderHours, lead.StoreId));
            var second = TimeSpan.FromHours(await settings.GetAsync(LeadSettings.DeliverySecondReminderHours, lead.StoreId));
            var left = lead.PlannedDeliveryAt!.Value - nowUtc;
            // The nearer reminder wins: a delivery planned 20 hours ahead gets the second one only.
            string? which = null;
            if (lead.DeliverySecondReminderAt is null && left <= second) (which, lead.DeliverySecondReminderAt) = ("second", nowUtc);
            else if (lead.DeliveryFirstReminderAt is null && left <= first && left > second) (which, lead.DeliveryFirstReminderAt) = ("first", nowUtc);
            if (which is null) continue;
            if (which == "second") lead.DeliveryFirstReminderAt ??= nowUtc;
            var store = stores[lead.StoreId];
            var when = StoreTime.Format(lead.PlannedDeliveryAt.Value, StoreTime.Zone(store.TimeZone));
            var body = (await settings.GetTextAsync(LeadSettings.DeliveryReminderSms, lead.StoreId)).Replace("{0}", lead.Name, StringComparison.Ordinal)
                .Replace("{1}", when, StringComparison.Ordinal).Replace("{2}", store.Name, StringComparison.Ordinal).Replace("{3}", lead.ConsultantName ?? "", StringComparison.Ordinal);
            var sms = await outbox.EnqueueAsync(new SmsRequest(lead.StoreId, lead.Mobile, SmsPurpose.Service, "leads.deliveryReminder", body,
                $"leads.delivery:{lead.Id}:{lead.PlannedDeliveryAt.Value.Ticks}:{which}") { CustomerId = lead.CustomerId, CustomerName = lead.Name, RelatedId = lead.Id }, ct);
            db.LeadEvents.Add(new LeadEvent { LeadId = lead.Id, At = nowUtc, Kind = LeadEventKind.DeliveryReminded,
                Note = $"{when}{(sms.Outcome == SmsEnqueueOutcome.Blocked ? " ✗" : "")}" });
            if (lead.ConsultantUserId is { } c) notifier.Notify([c], lead.StoreId, nowUtc, "Notification.LeadDelivery", $"/Leads/{lead.Id}", lead.Number, when);
        }
        await db.SaveChangesAsync(ct);
    }
}
