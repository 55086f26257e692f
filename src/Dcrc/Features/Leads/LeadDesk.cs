using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Notifications;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary>The open lead a new one duplicates (answered with the 409).</summary>
public sealed record LeadTwin(long Id, string Number, string? ConsultantName);

/// <summary>A consultant a lead may be given to: an active sales consultant or manager of the store.</summary>
public sealed record Consultant(string Id, string Name, int? DepartmentId);

/// <summary>
/// Leads (SPEC §3): recording one (duplicates among open leads refused, an archive customer of the same mobile linked),
/// giving it to a consultant (by hand or the store's round robin), and who may see which — consultants their own and
/// the pool, the sales manager the department's and the unassigned, DCRC and the GM the store, group roles all stores.
/// Follow-up, the pool and 战败 are in the other parts of this class.
/// </summary>
public partial class LeadDesk(DcrcDb db, CurrentUser me, StoreScope scope, CustomerArchive archive, SettingsStore settings,
    TimeProvider clock, IStringLocalizer<SharedResource> l, UnitOfWork uow, Notifier notifier)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<IQueryable<Lead>> VisibleAsync() => ScopedAsync(db.Leads.AsNoTracking());

    /// <summary>The leads of <paramref name="q"/> the user may see (tracked or not as <paramref name="q"/> is).</summary>
    private async Task<IQueryable<Lead>> ScopedAsync(IQueryable<Lead> q)
    {
        var viewer = await archive.ViewerAsync();
        if (viewer.Scope >= DataScope.Store) return q;
        var id = me.Id ?? "";
        if (viewer.Scope == DataScope.Own)
            return q.Where(x => x.ConsultantUserId == id || x.State == LeadState.Pool || (x.State == LeadState.Lost && x.KeepsInterest));
        var department = me.DepartmentId;
        return q.Where(x => x.ConsultantUserId == id || x.ConsultantUserId == null || (department != null && x.ConsultantDepartmentId == department));
    }

    public async Task<Lead?> FindAsync(long id) => await (await VisibleAsync()).FirstOrDefaultAsync(x => x.Id == id);

    /// <summary>The lead to change: visible (tracked), or why not.</summary>
    private async Task<(Lead? Lead, WriteStatus Status)> LoadAsync(long id)
    {
        // Not through VisibleAsync: its AsNoTracking would apply to the whole query and the change would never be saved.
        var lead = await (await ScopedAsync(db.Leads)).FirstOrDefaultAsync(x => x.Id == id);
        return (lead, lead is null ? WriteStatus.NotFound : WriteStatus.Saved); // one you may not see is not found: its existence is not told
    }

    private static Written<T> Away<T>(WriteStatus status) => Written.NotFound<T>();

    /// <summary>The store's active sales consultants and managers (or only <paramref name="onlyUserId"/>, if they are one).</summary>
    public Task<List<Consultant>> ConsultantsAsync(int storeId, string? onlyUserId = null) =>
        db.Users.AsNoTracking().Where(u => (onlyUserId == null || u.Id == onlyUserId) && u.IsActive && u.Stores.Any(s => s.StoreId == storeId)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.SalesConsultant || r.Name == Roles.SalesManager))))
            .OrderBy(u => u.Id).Select(u => new Consultant(u.Id, u.DisplayName, u.DepartmentId)).ToListAsync();

    public async Task<IReadOnlyList<IntentLevel>> LevelsAsync(int storeId) => LeadRules.Levels(await settings.GetTextAsync(LeadSettings.IntentLevels, storeId)) is { Count: > 0 } levels
        ? levels : LeadRules.Levels(LeadSettings.IntentLevels.Default);

    /// <summary>The store the user works in now (switched to, or their only one); null for several at once.</summary>
    internal int? DefaultStore => TargetStore(null);

    private int? TargetStore(int? asked) => asked is { } s ? (scope.CanSee(s) ? s : null)
        : scope.CurrentStoreId ?? (me.StoreIds.Count == 1 ? me.StoreIds[0] : null);

    /// <summary>Records a lead. A consultant's own lead is theirs; otherwise the named consultant's, or the round robin's where the store turns it on.</summary>
    public async Task<Written<Lead>> CreateAsync(LeadInput input, LeadSource? onlyFrom = null, IReadOnlyDictionary<string, string[]>? checkedErrors = null)
    {
        if (TargetStore(input.StoreId) is not { } storeId) return uow.Refuse<Lead>("storeId", l["Validation.Required", l["Field.Store"]]);
        var zone = StoreTime.Zone(await db.Stores.Where(s => s.Id == storeId).Select(s => s.TimeZone).SingleAsync());
        var now = Now;
        var lead = new Lead { StoreId = storeId, State = LeadState.New, CreatedAt = now, UpdatedAt = now, CreatedBy = me.DisplayName };
        var errors = await ApplyAsync(input, lead, zone);
        if (input.Source == LeadSource.OemBatch && onlyFrom != LeadSource.OemBatch) errors["source"] = [l["Leads.OemOnlyByBatch", l["Field.LeadSource"]]];
        var consultant = await ConsultantForNewAsync(input.ConsultantUserId, storeId, errors);
        foreach (var (field, messages) in checkedErrors ?? new Dictionary<string, string[]>()) errors[field] = messages;
        if (errors.Count > 0) return uow.Refuse<Lead>(WriteStatus.Invalid, errors);
        if (await OpenDuplicateAsync(storeId, lead.Mobile, null) is { } twin)
            return uow.Refuse<Lead>(WriteStatus.Duplicate, new Dictionary<string, string[]> { ["mobile"] = [l["Leads.Duplicate", twin.Number, twin.ConsultantName ?? l["Leads.Unassigned"].Value]] },
                new LeadTwin(twin.Id, twin.Number, twin.ConsultantName));
        lead.CustomerId = await db.Customers.Where(c => c.StoreId == storeId && c.Mobile == lead.Mobile && c.Status != ArchiveStatus.Merged).Select(c => (long?)c.Id).FirstOrDefaultAsync();
        lead.NextFollowUpOn = StoreTime.DateOf(now, zone);
        lead.NextClockAt = now;
        if (lead.VisitAt is { } visited) lead.VisitedAt ??= visited; // a visit recorded with the lead counts in the funnel
        if (consultant is { } c) Give(lead, c, now, auto: input.ConsultantUserId is null && !(await me.CanAsync(LeadPermissions.Follow) && c.Id == me.Id));
        db.Leads.Add(lead);
        uow.AuditOnSave(() => new(LeadAuditActions.Created, $"{lead.Number} {lead.Source}", "Lead", lead.Id.ToString(CultureInfo.InvariantCulture), storeId));
        return await uow.SaveAsync(lead, then: async () =>
        {
            db.LeadEvents.Add(Event(lead.Id, LeadEventKind.Created, now, l[$"LeadSource.{lead.Source}"]));
            if (consultant is { } given) db.LeadEvents.Add(Event(lead.Id, lead.AutoAssigned ? LeadEventKind.AutoAssigned : LeadEventKind.Assigned, now, given.Name));
            if (lead.Source != LeadSource.OemBatch) db.LeadLimitEvents.Add(new LeadLimitEvent { LeadId = lead.Id, Limit = LeadLimit.FirstContact, Kind = LimitEventKind.Started, At = now });
            if (consultant is { } told && told.Id != me.Id) notifier.Notify([told.Id], storeId, now, "Notification.LeadAssigned", $"/Leads/{lead.Id}", lead.Number, lead.Name);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>The fields of the record, checked (each error names its field); the mobile normalised.</summary>
    internal async Task<Dictionary<string, string[]>> ApplyAsync(LeadInput input, Lead lead, TimeZoneInfo zone)
    {
        var errors = new Dictionary<string, string[]>();
        var mobile = Phone.CheckMobile(input.Mobile);
        if (!mobile.Ok) errors["mobile"] = [l["Validation.InvalidValue", l["Field.Mobile"]]];
        else lead.SetMobile(mobile.Value!);
        if (string.IsNullOrWhiteSpace(input.Name)) errors["name"] = [l["Validation.Required", l["Field.PersonName"]]];
        var levels = await LevelsAsync(lead.StoreId);
        var level = levels.FirstOrDefault(x => string.Equals(x.Code, input.IntentLevel?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (level is null) errors["intentLevel"] = [l["Leads.UnknownLevel", l["Field.IntentLevel"], string.Join("/", levels.Select(x => x.Code))]];
        if (input.Source is null || !Enum.IsDefined(input.Source.Value)) errors["source"] = [l["Validation.Required", l["Field.LeadSource"]]];
        if (!Enum.IsDefined(input.Gender)) errors["gender"] = [l["Validation.InvalidValue", l["Field.Gender"]]];
        if (!Enum.IsDefined(input.PurchaseTiming)) errors["purchaseTiming"] = [l["Validation.InvalidValue", l["Field.PurchaseTiming"]]];
        if (!Enum.IsDefined(input.Payment)) errors["payment"] = [l["Validation.InvalidValue", l["Field.Payment"]]];
        if (input.VisitAt is { } v && v.UtcDateTime != lead.VisitAt && (v.UtcDateTime > Now.AddMinutes(5) || v.UtcDateTime < Now.AddYears(-1))) errors["visitAt"] = [l["Validation.InvalidValue", l["Field.VisitAt"]]];
        lead.Name = input.Name?.Trim() ?? "";
        lead.Gender = input.Gender;
        (lead.Region, lead.Series, lead.Model, lead.Budget) = (Blank(input.Region), Blank(input.Series), Blank(input.Model), Blank(input.Budget));
        lead.IntentLevel = level?.Code ?? "";
        (lead.PurchaseTiming, lead.Payment, lead.CompetingBrands, lead.TradeIn) = (input.PurchaseTiming, input.Payment, Blank(input.CompetingBrands), input.TradeIn);
        lead.TradeInNote = input.TradeIn ? Blank(input.TradeInNote) : null;
        (lead.VisitAt, lead.VisitMinutes, lead.Companions, lead.Needs) = (input.VisitAt?.UtcDateTime, input.VisitMinutes, Blank(input.Companions), Blank(input.Needs));
        if (input.Source is { } source && lead.Id == 0) lead.Source = source;
        return errors;
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>An open lead of the store with this mobile (other than <paramref name="exceptId"/>).</summary>
    internal Task<Lead?> OpenDuplicateAsync(int storeId, string mobile, long? exceptId) =>
        db.Leads.AsNoTracking().Where(LeadStates.Open).FirstOrDefaultAsync(x => x.StoreId == storeId && x.Mobile == mobile && x.Id != exceptId);

    /// <summary>Who a new lead goes to: the one named (if a consultant of the store), a consultant recording it themselves, else the round robin if on.</summary>
    private async Task<Consultant?> ConsultantForNewAsync(string? named, int storeId, Dictionary<string, string[]> errors)
    {
        var consultants = await ConsultantsAsync(storeId);
        if (named is { Length: > 0 })
        {
            var c = consultants.FirstOrDefault(x => x.Id == named);
            if (c is null || !await me.CanAsync(LeadPermissions.Assign) && c.Id != me.Id) errors["consultantUserId"] = [l["Validation.InvalidValue", l["Field.Consultant"]]];
            return c;
        }
        if (consultants.FirstOrDefault(x => x.Id == me.Id) is { } self && await me.CanAsync(LeadPermissions.Follow)) return self;
        if (await settings.GetAsync(LeadSettings.AutoAssign, storeId) != 1) return null;
        return await NextInRoundAsync(storeId, consultants);
    }

    /// <summary>The round robin: the active consultant after the one who had the store's last automatic assignment.</summary>
    private async Task<Consultant?> NextInRoundAsync(int storeId, List<Consultant> all)
    {
        var roundIds = await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.SalesConsultant)))
            .Select(u => u.Id).ToListAsync();
        var round = all.Where(c => roundIds.Contains(c.Id)).ToList();
        if (round.Count == 0) return null;
        var last = await db.Leads.Where(x => x.StoreId == storeId && x.AutoAssigned).OrderByDescending(x => x.Id).Select(x => x.ConsultantUserId).FirstOrDefaultAsync();
        var after = round.FindIndex(c => c.Id == last);
        return round[(after + 1) % round.Count];
    }

    /// <summary>
    /// The round robin for <paramref name="count"/> new leads at once (a batch): the store's active consultants in turn,
    /// starting after the last one given automatically; empty when the store does not turn the round robin on.
    /// </summary>
    internal async Task<List<Consultant>> RoundRobinAsync(int storeId, int count)
    {
        if (await settings.GetAsync(LeadSettings.AutoAssign, storeId) != 1) return [];
        var all = await ConsultantsAsync(storeId);
        var list = new List<Consultant>();
        if (await NextInRoundAsync(storeId, all) is not { } first) return list;
        var roundIds = await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.SalesConsultant)))
            .Select(u => u.Id).ToListAsync();
        var round = all.Where(c => roundIds.Contains(c.Id)).ToList();
        var start = round.FindIndex(c => c.Id == first.Id);
        for (var i = 0; i < Math.Min(count, round.Count); i++) list.Add(round[(start + i) % round.Count]);
        return list;
    }

    internal void GiveByRound(Lead lead, Consultant c, DateTime now) => Give(lead, c, now, auto: true);

    private void Give(Lead lead, Consultant c, DateTime now, bool auto)
    {
        (lead.ConsultantUserId, lead.ConsultantName, lead.LastConsultantName, lead.ConsultantDepartmentId, lead.AssignedAt, lead.AutoAssigned) = (c.Id, c.Name, c.Name, c.DepartmentId, now, auto);
        if (lead.State is LeadState.New or LeadState.Pool) lead.State = LeadState.Following;
        lead.PoolSince = null;
    }

    internal LeadEvent Event(long leadId, LeadEventKind kind, DateTime at, string? note = null) =>
        new() { LeadId = leadId, Kind = kind, At = at, ByUserId = me.Id, ByName = me.DisplayName, Note = note is { Length: > 500 } ? note[..500] : note };

    /// <summary>Gives the lead to a consultant (or another one): logged, both told; a late lead can be given away like this.</summary>
    public async Task<Written<Lead>> AssignAsync(long id, AssignInput input)
    {
        var (lead, status) = await LoadAsync(id);
        if (lead is null) return Away<Lead>(status);
        if (!await me.CanAsync(LeadPermissions.Assign)) return Written.Forbidden<Lead>();
        if (!lead.IsOpen || lead.State == LeadState.LostPending) return uow.Refuse<Lead>("", l["Leads.NotNow", l[$"LeadState.{lead.State}"]]);
        var consultant = (await ConsultantsAsync(lead.StoreId)).FirstOrDefault(c => c.Id == input.ConsultantUserId);
        if (consultant is null) return uow.Refuse<Lead>("consultantUserId", l["Validation.InvalidValue", l["Field.Consultant"]]);
        if (consultant.Id == lead.ConsultantUserId) return uow.Refuse<Lead>("consultantUserId", l["Leads.AlreadyTheirs", consultant.Name]);
        var now = Now;
        var former = (lead.ConsultantUserId, lead.ConsultantName);
        db.Entry(lead).Property(x => x.Version).OriginalValue = input.Version!.Value;
        Give(lead, consultant, now, auto: false);
        lead.UpdatedAt = now;
        // The new consultant calls today when the lead was waiting in the pool or is overdue: a fresh follow-up round,
        // so the pool job does not take it straight back.
        var today = StoreTime.DateOf(now, StoreTime.Zone(await db.Stores.Where(s => s.Id == lead.StoreId).Select(s => s.TimeZone).SingleAsync()));
        if (lead.NextFollowUpOn is null || lead.NextFollowUpOn < today)
        {
            (lead.NextFollowUpOn, lead.NextClockAt) = (today, now);
            if (!(lead.FeedbackAt is null && lead.FeedbackDueAt <= now)) lead.LateSince = null;
            await StopClocksAsync(lead.Id, now, LimitEventKind.Cancelled, [LeadLimit.FollowUp]);
            db.LeadLimitEvents.Add(new LeadLimitEvent { LeadId = lead.Id, Limit = LeadLimit.FollowUp, Round = await NextRoundAsync(lead.Id), Kind = LimitEventKind.Started, At = now });
        }
        db.LeadEvents.Add(Event(lead.Id, former.ConsultantUserId is null ? LeadEventKind.Assigned : LeadEventKind.Reassigned, now,
            former.ConsultantName is null ? consultant.Name : $"{former.ConsultantName} → {consultant.Name}" + (Blank(input.Note) is { } n ? $": {n}" : "")));
        notifier.Notify([consultant.Id], lead.StoreId, now, "Notification.LeadAssigned", $"/Leads/{lead.Id}", lead.Number, lead.Name);
        if (former.ConsultantUserId is { } was) notifier.Notify([was], lead.StoreId, now, "Notification.LeadTakenAway", $"/Leads/{lead.Id}", lead.Number, consultant.Name);
        uow.Audit(new(LeadAuditActions.Changed, $"{lead.Number} → {consultant.Name}", "Lead", lead.Id.ToString(CultureInfo.InvariantCulture), lead.StoreId));
        return await uow.SaveAsync(lead);
    }
}
