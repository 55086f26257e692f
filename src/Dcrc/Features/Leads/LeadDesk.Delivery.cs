using System.Globalization;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Leads;

/// <summary>Delivery preparation: the planned handover of an ordered lead, which the reminders count back from.</summary>
public partial class LeadDesk
{
    /// <summary>
    /// Sets (or moves) the planned delivery of an ordered lead: in the future, within a year. Moving it sends the
    /// reminders again for the new time (those already due at once, by the next run of the delivery job).
    /// </summary>
    public async Task<Written<Lead>> PlanDeliveryAsync(long id, DeliveryInput input)
    {
        var (lead, status) = await LoadAsync(id);
        if (lead is null) return Away<Lead>(status);
        if (!(lead.ConsultantUserId == me.Id && await me.CanAsync(LeadPermissions.Follow)) && !await me.CanAsync(LeadPermissions.Assign)) return Written.Forbidden<Lead>();
        if (lead.State != LeadState.Ordered) return uow.Refuse<Lead>("", l["Leads.NotNow", l[$"LeadState.{lead.State}"]]);
        var now = Now;
        var at = input.PlannedAt!.Value.UtcDateTime;
        if (at <= now || at > now.AddYears(1)) return uow.Refuse<Lead>("plannedAt", l["Validation.InvalidValue", l["Field.PlannedDeliveryAt"]]);
        db.Entry(lead).Property(x => x.Version).OriginalValue = input.Version!.Value;
        (lead.PlannedDeliveryAt, lead.DeliveryFirstReminderAt, lead.DeliverySecondReminderAt, lead.UpdatedAt) = (at, null, null, now);
        var zone = StoreTime.Zone(await db.Stores.Where(s => s.Id == lead.StoreId).Select(s => s.TimeZone).SingleAsync());
        db.LeadEvents.Add(Event(lead.Id, LeadEventKind.DeliveryPlanned, now, StoreTime.Format(at, zone)));
        uow.Audit(new(LeadAuditActions.Changed, $"{lead.Number} delivery planned", "Lead", lead.Id.ToString(CultureInfo.InvariantCulture), lead.StoreId));
        return await uow.SaveAsync(lead);
    }
}
