using System.Globalization;
using Dcrc.Features.Callbacks;
using Dcrc.Kernel.Cases;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Sms;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Leads;

/// <summary>来店登记: a showroom visit, its lead, the DCRC's callback within 48 hours and the thank-you SMS.</summary>
public partial class LeadDesk
{
    /// <summary>
    /// Records a visit: the open lead of the mobile gets it (visited, test drive), or a new walk-in lead is recorded for
    /// it (its consultant the one who received the visitor). In the same transaction the callback centre is asked for a
    /// showroom-visit callback due within <see cref="LeadSettings.VisitCallbackHours"/> of leaving, and the thank-you SMS
    /// is queued (consent checked by the outbox). Nothing is saved if any part is refused.
    /// </summary>
    public async Task<Written<LeadVisit>> VisitAsync(VisitInput input, CallbackOpenings callbacks, SmsOutbox outbox, IReadOnlyDictionary<string, string[]>? checkedErrors = null)
    {
        if (TargetStore(input.StoreId) is not { } storeId) return uow.Refuse<LeadVisit>("storeId", l["Validation.Required", l["Field.Store"]]);
        var store = await db.Stores.Where(s => s.Id == storeId).Select(s => new { s.Name, s.TimeZone }).SingleAsync();
        var zone = StoreTime.Zone(store.TimeZone);
        var now = Now;
        var errors = new Dictionary<string, string[]>(checkedErrors ?? new Dictionary<string, string[]>());
        var mobile = Phone.CheckMobile(input.Mobile);
        if (!mobile.Ok) errors["mobile"] = [l["Validation.InvalidValue", l["Field.Mobile"]]];
        var arrived = input.ArrivedAt?.UtcDateTime ?? now;
        if (arrived > now.AddMinutes(5) || arrived < now.AddDays(-7)) errors["arrivedAt"] = [l["Validation.InvalidValue", l["Field.ArrivedAt"]]];
        var left = input.LeftAt?.UtcDateTime;
        if (left is { } lt && (lt < arrived || lt > now.AddMinutes(5))) errors["leftAt"] = [l["Validation.InvalidValue", l["Field.LeftAt"]]];
        if (input.PartySize is < 1 or > 30) errors["partySize"] = [l["Validation.InvalidValue", l["Field.PartySize"]]];
        if (errors.Count > 0) return uow.Refuse<LeadVisit>(WriteStatus.Invalid, errors);
        return await uow.AllOrNothingAsync(() => RecordVisitAsync(input, mobile.Value!, storeId, store.Name, zone, arrived, left, callbacks, outbox, now));
    }

    /// <summary>The visit's steps, in the caller's transaction: the lead (found or recorded), the visit, the callback, the SMS.</summary>
    private async Task<Written<LeadVisit>> RecordVisitAsync(VisitInput input, string mobile, int storeId, string storeName, TimeZoneInfo zone, DateTime arrived, DateTime? left,
        CallbackOpenings callbacks, SmsOutbox outbox, DateTime now)
    {
        var lead = await db.Leads.Where(LeadStates.Open).FirstOrDefaultAsync(x => x.StoreId == storeId && x.Mobile == mobile);
        if (lead is null)
        {
            var levels = await LevelsAsync(storeId); // a visitor whose intent is not yet known starts in the middle
            var created = await CreateAsync(new LeadInput
            {
                Name = input.Name, Mobile = mobile, IntentLevel = Blank(input.IntentLevel) ?? levels[levels.Count / 2].Code,
                Source = LeadSource.Walkin, Model = input.Model, VisitAt = new DateTimeOffset(arrived, TimeSpan.Zero),
                VisitMinutes = left is { } x ? (int)Math.Min(720, (x - arrived).TotalMinutes) : null, ConsultantUserId = input.ConsultantUserId, StoreId = storeId,
            });
            if (!created.Saved) return created.Status == WriteStatus.Invalid || created.Status == WriteStatus.Duplicate
                ? uow.Refuse<LeadVisit>(created.Status, created.Errors, created.Detail) : Written.Forbidden<LeadVisit>();
            lead = created.Value!;
        }
        else if (input.ConsultantUserId is { Length: > 0 } named && lead.ConsultantUserId is null && await me.CanAsync(LeadPermissions.Assign))
        {
            if ((await ConsultantsAsync(storeId)).FirstOrDefault(c => c.Id == named) is not { } c) return uow.Refuse<LeadVisit>("consultantUserId", l["Validation.InvalidValue", l["Field.Consultant"]]);
            Give(lead, c, now, auto: false);
            db.LeadEvents.Add(Event(lead.Id, LeadEventKind.Assigned, now, c.Name));
        }
        var consultantName = lead.ConsultantName ?? (input.ConsultantUserId is { } cid ? (await ConsultantsAsync(storeId)).FirstOrDefault(c => c.Id == cid)?.Name : null);
        var visit = new LeadVisit
        {
            StoreId = storeId, LeadId = lead.Id, ArrivedAt = arrived, LeftAt = left, PartySize = input.PartySize, Model = Blank(input.Model) ?? lead.Model ?? lead.Series,
            ConsultantUserId = lead.ConsultantUserId, ConsultantName = consultantName, TestDrive = input.TestDrive, RecordedBy = me.DisplayName,
        };
        db.LeadVisits.Add(visit);
        lead.VisitedAt ??= arrived;
        (lead.VisitAt, lead.UpdatedAt) = (arrived, now);
        if (input.TestDrive) lead.TestDriveAt ??= arrived;
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { return uow.Conflict<LeadVisit>(); } // the lead changed meanwhile: nothing kept (the transaction rolls back)

        var until = (left ?? arrived).AddHours(await settings.GetAsync(LeadSettings.VisitCallbackHours, storeId));
        var visitDay = StoreTime.DateOf(arrived, zone);
        visit.CallbackTaskId = await callbacks.OpenAsync(new NewCallback(storeId, CallbackKind.ShowroomVisit, visit.Id, visitDay, lead.CustomerId ?? 0, null,
            visitDay, StoreTime.DateOf(until, zone)) { StaffName = consultantName });
        var body = (await settings.GetTextAsync(LeadSettings.VisitThanksSms, storeId)).Replace("{0}", lead.Name, StringComparison.Ordinal)
            .Replace("{1}", storeName, StringComparison.Ordinal).Replace("{2}", consultantName ?? "", StringComparison.Ordinal);
        var sms = await outbox.EnqueueAsync(new SmsRequest(storeId, lead.Mobile, SmsPurpose.Service, "leads.visitThanks", body, $"leads.visit:{visit.Id}")
            { CustomerId = lead.CustomerId, CustomerName = lead.Name, RelatedId = visit.Id, NotBefore = left });
        await db.SaveChangesAsync();
        visit.SmsMessageId = sms.Message.Id;
        db.LeadEvents.Add(Event(lead.Id, LeadEventKind.Visit, arrived, l["Leads.VisitNote", input.PartySize, visit.Model ?? "",
            input.TestDrive ? l["Leads.WithTestDrive"].Value : "", sms.Outcome == SmsEnqueueOutcome.Blocked ? l["Leads.ThanksBlocked"].Value : l["Leads.ThanksQueued"].Value]));
        uow.Audit(new(LeadAuditActions.Changed, $"{lead.Number} visit", "Lead", lead.Id.ToString(CultureInfo.InvariantCulture), storeId));
        return await uow.SaveAsync(visit);
    }
}
