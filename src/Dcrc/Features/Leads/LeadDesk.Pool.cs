using System.Globalization;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Leads;

/// <summary>The pool (公海) and 战败: claiming, declaring a lead lost, the sales manager's decision.</summary>
public partial class LeadDesk
{
    /// <summary>Ends the clocks still running (started, not met or cancelled) — those of <paramref name="only"/>, or all.</summary>
    internal async Task StopClocksAsync(long leadId, DateTime at, LimitEventKind kind, IReadOnlyCollection<LeadLimit>? only = null)
    {
        var running = await db.LeadLimitEvents.Where(e => e.LeadId == leadId).GroupBy(e => new { e.Limit, e.Round })
            .Where(g => g.Any(e => e.Kind == LimitEventKind.Started) && !g.Any(e => e.Kind == LimitEventKind.Met || e.Kind == LimitEventKind.Cancelled))
            .Select(g => new { g.Key.Limit, g.Key.Round }).ToListAsync();
        foreach (var r in running.Where(r => only is null || only.Contains(r.Limit)))
            db.LeadLimitEvents.Add(new LeadLimitEvent { LeadId = leadId, Limit = r.Limit, Round = r.Round, Kind = kind, At = at });
    }

    /// <summary>The follow-up clock's next round (it restarts on every attempt and claim).</summary>
    internal async Task<int> NextRoundAsync(long leadId) =>
        (await db.LeadLimitEvents.Where(e => e.LeadId == leadId && e.Limit == LeadLimit.FollowUp).MaxAsync(e => (int?)e.Round) ?? 0) + 1;

    /// <summary>
    /// A consultant takes a lead from the pool (or a lost lead that kept an interest, which reopens): theirs from now,
    /// due today. Two at once: the one whose save lands first has it, the other is told it was taken (409). At most
    /// <see cref="LeadSettings.PoolClaimsPerDay"/> claims a day each.
    /// </summary>
    public async Task<Written<Lead>> ClaimAsync(long id, VersionInput input)
    {
        var (lead, status) = await LoadAsync(id);
        if (lead is null) return Away<Lead>(status);
        if (!await me.CanAsync(LeadPermissions.Follow)) return Written.Forbidden<Lead>();
        if (lead.ConsultantUserId == me.Id && lead.State == LeadState.Following) return Written.Unchanged(lead);
        if (lead.Version != input.Version) return uow.Refuse<Lead>(WriteStatus.Conflict, l["Leads.ClaimedMeanwhile"]);
        if (!(lead.State == LeadState.Pool || lead.State == LeadState.Lost && lead.KeepsInterest))
            return uow.Refuse<Lead>("", l["Leads.NotInPool", l[$"LeadState.{lead.State}"]]);
        var me_ = (await ConsultantsAsync(lead.StoreId, me.Id)).FirstOrDefault();
        if (me_ is null) return Written.Forbidden<Lead>();
        var now = Now;
        var zone = StoreTime.Zone(await db.Stores.Where(s => s.Id == lead.StoreId).Select(s => s.TimeZone).SingleAsync());
        var dayStart = StoreTime.ToUtc(StoreTime.DateOf(now, zone).ToDateTime(TimeOnly.MinValue), zone);
        var limit = await settings.GetAsync(LeadSettings.PoolClaimsPerDay, lead.StoreId);
        var claimed = await db.LeadEvents.CountAsync(e => e.Kind == LeadEventKind.Claimed && e.ByUserId == me.Id && e.At >= dayStart);
        if (claimed >= limit) return uow.Refuse<Lead>("", l["Leads.ClaimLimit", limit]);

        db.Entry(lead).Property(x => x.Version).OriginalValue = input.Version!.Value;
        var reopened = lead.State == LeadState.Lost;
        lead.State = LeadState.Following;
        Give(lead, me_, now, auto: false);
        (lead.ClosedAt, lead.NextFollowUpOn, lead.NextClockAt, lead.LateSince, lead.UpdatedAt) = (null, StoreTime.DateOf(now, zone), now, null, now);
        await StopClocksAsync(lead.Id, now, LimitEventKind.Cancelled, [LeadLimit.FollowUp]);
        db.LeadLimitEvents.Add(new LeadLimitEvent { LeadId = lead.Id, Limit = LeadLimit.FollowUp, Round = await NextRoundAsync(lead.Id), Kind = LimitEventKind.Started, At = now });
        db.LeadEvents.Add(Event(lead.Id, reopened ? LeadEventKind.Reopened : LeadEventKind.Claimed, now, me_.Name));
        if (reopened) db.LeadEvents.Add(Event(lead.Id, LeadEventKind.Claimed, now, me_.Name));
        uow.Audit(new(LeadAuditActions.Changed, $"{lead.Number} claimed", "Lead", lead.Id.ToString(CultureInfo.InvariantCulture), lead.StoreId));
        return await uow.SaveAsync(lead);
    }

    /// <summary>Declares the lead lost (战败): a reason (the competitor's name for "bought a competitor", a note for "other"); the sales managers are asked.</summary>
    public async Task<Written<Lead>> DeclareLostAsync(long id, LostInput input)
    {
        var (lead, status) = await LoadAsync(id);
        if (lead is null) return Away<Lead>(status);
        if (!(lead.ConsultantUserId == me.Id && await me.CanAsync(LeadPermissions.Follow)) && !await me.CanAsync(LeadPermissions.Assign)) return Written.Forbidden<Lead>();
        if (lead.State != LeadState.Following) return uow.Refuse<Lead>("", l["Leads.NotNow", l[$"LeadState.{lead.State}"]]);
        var errors = new Dictionary<string, string[]>();
        var reason = input.Reason!.Value;
        if (!Enum.IsDefined(reason)) errors["reason"] = [l["Validation.InvalidValue", l["Field.LostReason"]]];
        if (reason == LostReason.Competitor && Blank(input.Competitor) is null) errors["competitor"] = [l["Validation.Required", l["Field.LostCompetitor"]]];
        if (reason == LostReason.Other && Blank(input.Note) is null) errors["note"] = [l["Validation.Required", l["Field.Note"]]];
        if (errors.Count > 0) return uow.Refuse<Lead>(WriteStatus.Invalid, errors);
        var now = Now;
        db.Entry(lead).Property(x => x.Version).OriginalValue = input.Version!.Value;
        (lead.State, lead.LostReason, lead.LostCompetitor, lead.LostNote, lead.KeepsInterest, lead.LostRequestedBy, lead.UpdatedAt) =
            (LeadState.LostPending, reason, reason == LostReason.Competitor ? Blank(input.Competitor) : null, Blank(input.Note), input.KeepsInterest, me.Id, now);
        db.LeadEvents.Add(Event(lead.Id, LeadEventKind.LostRequested, now, $"{l[$"LostReason.{reason}"]}" + (lead.LostCompetitor is { } c ? $" ({c})" : "") + (lead.LostNote is { } n ? $": {n}" : "")));
        var managers = await notifier.UsersInRolesAsync(lead.StoreId, Roles.SalesManager);
        notifier.Notify(managers.Where(m => m != me.Id), lead.StoreId, now, "Notification.LeadLostRequested", $"/Leads/{lead.Id}", lead.Number, me.DisplayName);
        uow.Audit(new(LeadAuditActions.Changed, $"{lead.Number} lost requested: {reason}", "Lead", lead.Id.ToString(CultureInfo.InvariantCulture), lead.StoreId));
        return await uow.SaveAsync(lead);
    }

    /// <summary>The sales manager's decision: approved, the lead closes as lost (kept in the pool for campaigns if it keeps an interest); refused, it goes back to its consultant.</summary>
    public async Task<Written<Lead>> DecideLostAsync(long id, LostDecisionInput input)
    {
        var (lead, status) = await LoadAsync(id);
        if (lead is null) return Away<Lead>(status);
        if (!await me.CanAsync(LeadPermissions.ApproveLost)) return Written.Forbidden<Lead>();
        if (lead.State != LeadState.LostPending) return uow.Refuse<Lead>("", l["Leads.NotNow", l[$"LeadState.{lead.State}"]]);
        var approve = input.Approve!.Value;
        if (approve && lead.LostRequestedBy == me.Id) return uow.Refuse<Lead>("", l["Leads.NotOwnLost"]);
        if (!approve && Blank(input.Note) is null) return uow.Refuse<Lead>("note", l["Validation.Required", l["Field.Note"]]);
        var now = Now;
        db.Entry(lead).Property(x => x.Version).OriginalValue = input.Version!.Value;
        if (approve)
        {
            (lead.State, lead.ClosedAt, lead.LostApprovedBy, lead.NextFollowUpOn, lead.NextClockAt, lead.LateSince) = (LeadState.Lost, now, me.DisplayName, null, null, null);
            lead.PoolSince = lead.KeepsInterest ? now : null;
            (lead.ConsultantUserId, lead.ConsultantName) = lead.KeepsInterest ? (null, null) : (lead.ConsultantUserId, lead.ConsultantName);
            await StopClocksAsync(lead.Id, now, LimitEventKind.Cancelled);
        }
        else (lead.State, lead.LostReason, lead.LostCompetitor, lead.LostNote, lead.KeepsInterest) = (LeadState.Following, null, null, null, false);
        lead.UpdatedAt = now;
        db.LeadEvents.Add(Event(lead.Id, approve ? LeadEventKind.LostApproved : LeadEventKind.LostRefused, now, Blank(input.Note)));
        if (lead.LostRequestedBy is { } asker) notifier.Notify([asker], lead.StoreId, now, approve ? "Notification.LeadLostApproved" : "Notification.LeadLostRefused", $"/Leads/{lead.Id}", lead.Number, me.DisplayName);
        uow.Audit(new(LeadAuditActions.Changed, $"{lead.Number} lost {(approve ? "approved" : "refused")}", "Lead", lead.Id.ToString(CultureInfo.InvariantCulture), lead.StoreId));
        return await uow.SaveAsync(lead);
    }
}
