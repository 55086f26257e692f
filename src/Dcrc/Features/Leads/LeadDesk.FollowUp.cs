using System.Globalization;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Leads;

/// <summary>Follow-up (潜在客户跟踪表): each attempt with its slot and one result; the clocks it meets and starts.</summary>
public partial class LeadDesk
{
    /// <summary>
    /// Records an attempt by the consultant who follows the lead (or a manager who may assign it). A failed call is
    /// retried in another slot; "unreachable" only after the store's number of consecutive failures in different slots,
    /// with a reason like "other"; every open lead keeps a next follow-up day. Meets the first-contact clock, the OEM's
    /// feedback clock (on the first real feedback) and the running follow-up clock, and starts the next one.
    /// </summary>
    public async Task<Written<LeadAttempt>> AttemptAsync(long id, AttemptInput input)
    {
        var (lead, status) = await LoadAsync(id);
        if (lead is null) return Away<LeadAttempt>(status);
        var mine = lead.ConsultantUserId == me.Id && await me.CanAsync(LeadPermissions.Follow);
        if (!mine && !await me.CanAsync(LeadPermissions.Assign)) return Written.Forbidden<LeadAttempt>();
        if (lead.State is not LeadState.Following and not LeadState.New)
            return uow.Refuse<LeadAttempt>("", l["Leads.NotNow", l[$"LeadState.{lead.State}"]]);
        if (lead.ConsultantUserId is null) return uow.Refuse<LeadAttempt>("", l["Leads.AssignFirst"]);

        var now = Now;
        var zone = StoreTime.Zone(await db.Stores.Where(s => s.Id == lead.StoreId).Select(s => s.TimeZone).SingleAsync());
        var errors = new Dictionary<string, string[]>();
        var at = input.At?.UtcDateTime ?? now;
        if (at > now.AddMinutes(5) || at < now.AddDays(-7) || at < lead.CreatedAt.AddMinutes(-5)) errors["at"] = [l["Validation.InvalidValue", l["Field.AttemptAt"]]];
        var result = input.Result!.Value;
        if (!Enum.IsDefined(result)) errors["result"] = [l["Validation.InvalidValue", l["Field.LeadFeedback"]]];
        var remark = Blank(input.Remark);
        if (LeadRules.NeedsReason(result) && remark is null) errors["remark"] = [l["Leads.ReasonRequired", l["Field.Remark"], l[$"LeadFeedback.{result}"]]];
        if (Blank(input.ConsultantName) is null) errors["consultantName"] = [l["Validation.Required", l["Field.ConsultantName"]]];
        var levels = await LevelsAsync(lead.StoreId);
        if (input.IntentLevel is { Length: > 0 } newLevel)
        {
            if (levels.FirstOrDefault(x => string.Equals(x.Code, newLevel.Trim(), StringComparison.OrdinalIgnoreCase)) is { } lv) lead.IntentLevel = lv.Code;
            else errors["intentLevel"] = [l["Leads.UnknownLevel", l["Field.IntentLevel"], string.Join("/", levels.Select(x => x.Code))]];
        }
        var today = StoreTime.DateOf(now, zone);
        var slots = LeadRules.Slots(await settings.GetTextAsync(LeadSettings.TimeSlots, lead.StoreId));
        var local = StoreTime.ToLocal(at, zone);
        var slot = LeadRules.SlotOf(TimeOnly.FromDateTime(local), slots);
        if (result == LeadFeedback.Unreachable)
        {
            var required = await settings.GetAsync(LeadSettings.UnreachableAfterFailures, lead.StoreId);
            var history = await db.LeadAttempts.Where(a => a.LeadId == id).OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => new { a.Result, a.Slot }).ToListAsync();
            if (!LeadRules.MayMarkUnreachable(history.Select(h => (h.Result, h.Slot)), required, slots.Count))
                errors["result"] = [l["Leads.UnreachableTooSoon", required, Math.Min(required, Math.Max(slots.Count, 1))]];
        }
        // The rules' day counts from the call; a call entered late never proposes a day already past.
        var proposed = LeadRules.NextFollowUp(result, local, slots, levels, lead.IntentLevel);
        var next = LeadRules.Closes(result) ? (DateOnly?)null : input.NextFollowUpOn ?? (proposed < today ? today : proposed);
        if (next is { } n && (n < today || n > today.AddDays(366))) errors["nextFollowUpOn"] = [l["Validation.InvalidValue", l["Field.NextFollowUpOn"]]];
        if (errors.Count > 0) return uow.Refuse<LeadAttempt>(WriteStatus.Invalid, errors);

        db.Entry(lead).Property(x => x.Version).OriginalValue = input.Version!.Value;
        var attempt = new LeadAttempt
        {
            StoreId = lead.StoreId, LeadId = lead.Id, At = at, Slot = slot, Result = result, Remark = remark, ByUserId = me.Id,
            ConsultantName = input.ConsultantName!.Trim(), NextFollowUpOn = next,
        };
        db.LeadAttempts.Add(attempt);
        lead.Attempts++;
        var round = await NextRoundAsync(lead.Id);
        lead.LastFollowUpAt = at;
        lead.State = LeadState.Following;
        if (LeadRules.Reached(result)) lead.ContactedAt ??= at;
        var meet = new List<LeadLimit> { LeadLimit.FirstContact, LeadLimit.FollowUp };
        // The clocks are met when the call is recorded, not at the time entered for it: a call entered late is late.
        if (!LeadRules.IsFailure(result) && lead.BatchId is not null && lead.FeedbackAt is null)
        {
            (lead.Feedback, lead.FeedbackAt, lead.FeedbackRemark, lead.FeedbackBy) = (result, now, remark, attempt.ConsultantName);
            meet.Add(LeadLimit.OemFeedback);
        }
        await StopClocksAsync(lead.Id, now, LimitEventKind.Met, meet);
        if (LeadRules.Closes(result))
        {
            (lead.State, lead.ClosedAt, lead.NextFollowUpOn, lead.NextClockAt) = (LeadState.Unreachable, at, null, null);
        }
        else
        {
            lead.NextFollowUpOn = next;
            lead.NextClockAt = now;
            db.LeadLimitEvents.Add(new LeadLimitEvent { LeadId = lead.Id, Limit = LeadLimit.FollowUp, Round = round, Kind = LimitEventKind.Started, At = at });
        }
        // Late no more, unless the OEM's feedback is still owed past its time.
        if (!(lead.FeedbackAt is null && lead.FeedbackDueAt is { } due && due <= now)) lead.LateSince = null;
        lead.UpdatedAt = now;
        db.LeadEvents.Add(Event(lead.Id, LeadEventKind.Attempt, at, $"{l[$"LeadFeedback.{result}"]}" + (remark is null ? "" : $": {remark}")));
        uow.Audit(new(LeadAuditActions.Changed, $"{lead.Number} {result}", "Lead", lead.Id.ToString(CultureInfo.InvariantCulture), lead.StoreId));
        return await uow.SaveAsync(attempt);
    }
}
