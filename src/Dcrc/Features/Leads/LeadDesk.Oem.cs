using System.Globalization;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Writes;

namespace Dcrc.Features.Leads;

/// <summary>The OEM's side of a batch lead: its check of the dealer's feedback, and its taking the lead back.</summary>
public partial class LeadDesk
{
    /// <summary>Records the OEM's check (its three questions) of a batch lead that has the dealer's feedback; it can be corrected.</summary>
    public async Task<Written<Lead>> CheckFeedbackAsync(long id, OemCheckInput input)
    {
        var (lead, status) = await LoadAsync(id);
        if (lead is null) return Away<Lead>(status);
        if (!await me.CanAsync(LeadPermissions.OemCheck)) return Written.Forbidden<Lead>();
        if (lead.BatchId is null || lead.FeedbackAt is null) return uow.Refuse<Lead>("", l["Leads.NoFeedbackToCheck"]);
        var now = Now;
        db.Entry(lead).Property(x => x.Version).OriginalValue = input.Version!.Value;
        (lead.OemCheckedAt, lead.OemFeedbackTrue, lead.OemInfoAccurate, lead.OemOffered, lead.UpdatedAt) = (now, input.FeedbackTrue, input.InfoAccurate, input.Offered, now);
        string Yn(bool? b) => b == true ? l["Common.Yes"] : l["Common.No"];
        db.LeadEvents.Add(Event(lead.Id, LeadEventKind.OemChecked, now,
            $"{l["Field.OemFeedbackTrue"]} {Yn(input.FeedbackTrue)} · {l["Field.OemInfoAccurate"]} {Yn(input.InfoAccurate)} · {l["Field.OemOffered"]} {Yn(input.Offered)}"));
        uow.Audit(new(LeadAuditActions.Changed, $"{lead.Number} OEM check", "Lead", lead.Id.ToString(CultureInfo.InvariantCulture), lead.StoreId));
        return await uow.SaveAsync(lead);
    }

    /// <summary>The OEM takes an open batch lead back: closed as transferred with the reason; its clocks stop; the consultant is told.</summary>
    public async Task<Written<Lead>> TransferAsync(long id, TransferInput input)
    {
        var (lead, status) = await LoadAsync(id);
        if (lead is null) return Away<Lead>(status);
        if (!await me.CanAsync(LeadPermissions.OemCheck)) return Written.Forbidden<Lead>();
        if (lead.BatchId is null) return uow.Refuse<Lead>("", l["Leads.NotFromBatch"]);
        if (!lead.IsOpen) return uow.Refuse<Lead>("", l["Leads.NotNow", l[$"LeadState.{lead.State}"]]);
        var reason = input.Reason!.Value;
        if (!Enum.IsDefined(reason)) return uow.Refuse<Lead>("reason", l["Validation.InvalidValue", l["Field.TransferReason"]]);
        var now = Now;
        db.Entry(lead).Property(x => x.Version).OriginalValue = input.Version!.Value;
        (lead.State, lead.TransferReason, lead.ClosedAt, lead.NextFollowUpOn, lead.NextClockAt, lead.LateSince, lead.UpdatedAt) =
            (LeadState.Transferred, reason, now, null, null, null, now);
        await StopClocksAsync(lead.Id, now, LimitEventKind.Cancelled);
        db.LeadEvents.Add(Event(lead.Id, LeadEventKind.Transferred, now, l[$"TransferReason.{reason}"] + (Blank(input.Note) is { } n ? $": {n}" : "")));
        if (lead.ConsultantUserId is { } c) notifier.Notify([c], lead.StoreId, now, "Notification.LeadTransferred", $"/Leads/{lead.Id}", lead.Number, $"TransferReason.{reason}");
        uow.Audit(new(LeadAuditActions.Changed, $"{lead.Number} transferred: {reason}", "Lead", lead.Id.ToString(CultureInfo.InvariantCulture), lead.StoreId));
        return await uow.SaveAsync(lead);
    }
}
