using System.Globalization;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Leads;

/// <summary>Correcting the record of an open lead (潜在客户信息收集表): the same checks as when it was recorded, the changes on its timeline.</summary>
public partial class LeadDesk
{
    /// <summary>
    /// Changes the record of an open lead: its consultant (with leads.follow) or reception and the managers (leads.assign).
    /// An empty mobile or visit time keeps the recorded one; a new mobile is checked against the store's other open leads and links the archive customer it belongs to; an OEM
    /// lead stays an OEM lead. The consultant is changed by <see cref="AssignAsync"/>, not here.
    /// </summary>
    public async Task<Written<Lead>> EditAsync(long id, LeadInput input, IReadOnlyDictionary<string, string[]>? checkedErrors = null)
    {
        var (lead, status) = await LoadAsync(id);
        if (lead is null) return Away<Lead>(status);
        if (!await MayEditAsync(lead)) return Written.Forbidden<Lead>();
        if (!lead.IsOpen) return uow.Refuse<Lead>("", l["Leads.NotNow", l[$"LeadState.{lead.State}"]]);
        var before = Snapshot(lead);
        // The visit time is the visits' to keep (the form does not show it): none given keeps it.
        if (input.VisitAt is null && lead.VisitAt is { } visited) input.VisitAt = new DateTimeOffset(visited, TimeSpan.Zero);
        // No mobile given keeps the one recorded (the form does not show it in full).
        if (string.IsNullOrWhiteSpace(input.Mobile))
        {
            input.Mobile = lead.Mobile;
            checkedErrors = checkedErrors?.Where(kv => kv.Key != "mobile").ToDictionary();
        }
        var zone = StoreTime.Zone(await db.Stores.Where(s => s.Id == lead.StoreId).Select(s => s.TimeZone).SingleAsync());
        var errors = await ApplyAsync(input, lead, zone);
        if (input.Source is { } source && Enum.IsDefined(source) && source != lead.Source)
        {
            if (source == LeadSource.OemBatch || lead.Source == LeadSource.OemBatch) errors["source"] = [l["Leads.OemOnlyByBatch", l["Field.LeadSource"]]];
            else lead.Source = source;
        }
        if (input.Version is null) errors["version"] = [l["Validation.Required", l["Field.Version"]]];
        foreach (var (field, messages) in checkedErrors ?? new Dictionary<string, string[]>()) errors[field] = messages;
        if (errors.Count > 0) return uow.Refuse<Lead>(WriteStatus.Invalid, errors);
        if (lead.Mobile != before["Field.Mobile"])
        {
            if (await OpenDuplicateAsync(lead.StoreId, lead.Mobile, lead.Id) is { } twin)
                return uow.Refuse<Lead>(WriteStatus.Duplicate, new Dictionary<string, string[]> { ["mobile"] = [l["Leads.Duplicate", twin.Number, twin.ConsultantName ?? l["Leads.Unassigned"].Value]] },
                    new LeadTwin(twin.Id, twin.Number, twin.ConsultantName));
            lead.CustomerId = await db.Customers.Where(c => c.StoreId == lead.StoreId && c.Mobile == lead.Mobile && c.Status != ArchiveStatus.Merged)
                .Select(c => (long?)c.Id).FirstOrDefaultAsync();
        }
        var after = Snapshot(lead);
        var changed = after.Where(kv => before[kv.Key] != kv.Value).Select(kv => kv.Key).ToList();
        if (changed.Count == 0) { uow.Discard(); return Written.Unchanged(lead); }
        var now = Now;
        db.Entry(lead).Property(x => x.Version).OriginalValue = input.Version!.Value;
        lead.UpdatedAt = now;
        // The mobile's digits are not written into the timeline: it names the fields, as the archive's history does.
        db.LeadEvents.Add(Event(lead.Id, LeadEventKind.Edited, now, string.Join("、", changed.Select(k => l[k].Value))));
        uow.Audit(new(LeadAuditActions.Changed, $"{lead.Number}: {string.Join(", ", changed)}", "Lead", lead.Id.ToString(CultureInfo.InvariantCulture), lead.StoreId));
        return await uow.SaveAsync(lead);
    }

    /// <summary>Who corrects a lead's record: its consultant, reception and the managers.</summary>
    public async Task<bool> MayEditAsync(Lead lead) =>
        await me.CanAsync(LeadPermissions.Assign) || lead.ConsultantUserId == me.Id && await me.CanAsync(LeadPermissions.Follow);

    /// <summary>The record's fields by their label, as text, to tell which an edit changed.</summary>
    private static Dictionary<string, string?> Snapshot(Lead x) => new()
    {
        ["Field.PersonName"] = x.Name, ["Field.Mobile"] = x.Mobile, ["Field.Gender"] = x.Gender.ToString(), ["Field.Region"] = x.Region,
        ["Field.Series"] = x.Series, ["Field.Model"] = x.Model, ["Field.IntentLevel"] = x.IntentLevel, ["Field.Budget"] = x.Budget,
        ["Field.PurchaseTiming"] = x.PurchaseTiming.ToString(), ["Field.Payment"] = x.Payment.ToString(), ["Field.CompetingBrands"] = x.CompetingBrands,
        ["Field.TradeIn"] = x.TradeIn ? "1" : "0", ["Field.TradeInNote"] = x.TradeInNote,
        ["Field.VisitAt"] = x.VisitAt?.ToString("O", CultureInfo.InvariantCulture), ["Field.VisitMinutes"] = x.VisitMinutes?.ToString(CultureInfo.InvariantCulture),
        ["Field.Companions"] = x.Companions, ["Field.Needs"] = x.Needs, ["Field.LeadSource"] = x.Source.ToString(),
    };
}
