using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Security;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers;

[AuditActionSet]
public static class CustomerAuditActions
{
    public const string Read = "customers.read";
    public const string Create = "customers.create";
    public const string Search = "customers.search";
    public const string Unmask = "customers.unmask";
    public const string Update = "customers.update";
    public const string Approve = "customers.approve";
    public const string Export = "customers.export";
    public const string ExportUnmasked = "customers.export_unmasked";
    /// <summary>A number given in full for a call on a record the user works on: to the telephony system, or shown to dial by hand.</summary>
    public const string NumberForCall = "customers.number_for_call";
}

/// <summary>
/// The customer archive's rules for pages and API alike: validation of every identifier, duplicate
/// detection, archive numbers, row-level access, masking, and the audit of reads and changes.
/// Errors are keyed by the camelCase field path (<c>mobile</c>, <c>address.city</c>).
/// </summary>
public partial class CustomerArchive(DcrcDb db, CurrentUser me, AccessControl access, StoreScope scope, AuditLog audit, PersonalData personal,
    SettingsStore settings, TimeProvider clock, IStringLocalizer<SharedResource> l, UnitOfWork uow, ArchiveHistory history)
{

    public sealed record Match(long Id, string ArchiveNumber, string Field);

    public async Task<Viewer> ViewerAsync() => CustomerAccess.ViewerOf(me.Id ?? "", me.Roles, me.DepartmentId, await access.RolesAsync());

    public IQueryable<Customer> Visible(Viewer viewer) => db.Customers.AsNoTracking().VisibleTo(viewer);

    /// <summary>The viewer another user is (for work on their behalf, e.g. a call on their line).</summary>
    public Task<Viewer> ViewerOfAsync(string userId) => access.ViewerOfAsync(db, userId);

    public DateOnly Today(TimeZoneInfo zone) => DateOnly.FromDateTime(StoreTime.ToLocal(clock.GetUtcNow().UtcDateTime, zone));

    /// <summary>Archives in the same store that share the mobile, ID number or credit code.</summary>
    private async Task<List<Match>> DuplicatesAsync(Customer c, long? exceptId)
    {
        var q = db.Customers.IgnoreQueryFilters().AsNoTracking().Where(x => x.StoreId == c.StoreId && x.Id != (exceptId ?? 0));
        var found = new List<(long Id, string Number, long? Into, string Field)>();
        async Task Find(IQueryable<Customer> matching, string field) =>
            found.AddRange((await matching.Select(x => new { x.Id, x.ArchiveNumber, x.MergedIntoId }).ToListAsync()).Select(x => (x.Id, x.ArchiveNumber, x.MergedIntoId, field)));
        if (c.Mobile != null) await Find(q.Where(x => x.Mobile == c.Mobile), "mobile");
        if (c.IdNumberHash != null) await Find(q.Where(x => x.IdNumberHash == c.IdNumberHash), "idNumber");
        if (c.CreditCode != null) await Find(q.Where(x => x.CreditCode == c.CreditCode), "creditCode");
        // A number of a merged archive belongs to the archive it was merged into.
        var into = found.Where(f => f.Into != null).Select(f => f.Into!.Value).Distinct().ToList();
        var survivors = into.Count == 0 ? [] : await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(x => into.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.ArchiveNumber);
        return found.Select(f => f.Into is { } s ? new Match(s, survivors.GetValueOrDefault(s, f.Number), f.Field) : new Match(f.Id, f.Number, f.Field))
            .Where(m => m.Id != exceptId).DistinctBy(m => (m.Id, m.Field)).ToList();
    }

    /// <summary>The store a new archive goes to: the one asked for, else the store switched to, else the user's only store.</summary>
    internal int? TargetStore(int? asked) => asked is { } s ? (scope.CanSee(s) ? s : null)
        : scope.CurrentStoreId ?? (me.StoreIds.Count == 1 ? me.StoreIds[0] : null);

    public async Task<Written<Customer>> CreateAsync(CustomerInput input, int? storeId)
    {
        var target = TargetStore(storeId);
        if (target is null) return uow.Refuse<Customer>("storeId", l["Validation.Required", l["Field.Store"]]);
        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == target);
        var zone = StoreTime.Zone(store.TimeZone);
        var customer = new Customer { StoreId = store.Id, Status = ArchiveStatus.Draft, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = me.UserName };
        var errors = Apply(input, customer, Today(zone));
        // Only those who may see class A archives may put a customer in class A.
        if (customer.Class == CustomerClass.A && !await me.CanAsync(CustomerPermissions.ClassA))
            errors["class"] = [l["Customers.ClassANotAllowed", l["Field.CustomerClass"]]];
        var owner = await OwnerAsync(input.OwnerUserId, store.Id, errors);
        if (errors.Count > 0) return uow.Refuse<Customer>(WriteStatus.Invalid, errors);
        (customer.OwnerUserId, customer.OwnerDepartmentId) = owner;
        if (await DuplicatesAsync(customer, null) is { Count: > 0 } duplicates) return Duplicate(duplicates);

        db.Customers.Add(customer);
        uow.AuditOnSave(() => new(CustomerAuditActions.Create, $"{customer.ArchiveNumber} draft", "Customer", customer.Id.ToString(CultureInfo.InvariantCulture), store.Id));
        return await uow.SaveAsync(customer, first: async () =>
        {
            var rule = await settings.GetTextAsync(ArchiveSettings.NumberRule, store.Id);
            var today = Today(zone);
            customer.ArchiveNumber = ArchiveNumber.Format(rule, store.Code, today, await NextSequenceAsync(ArchiveNumber.PeriodKey(rule, store.Code, today)));
        });
    }

    /// <summary>The refusal of an archive whose mobile, ID number or credit code another archive of the store has.</summary>
    private Written<Customer> Duplicate(IReadOnlyList<Match> duplicates) =>
        uow.Refuse<Customer>(WriteStatus.Duplicate, new Dictionary<string, string[]> { [""] = [l["Customers.Duplicate"]] }, duplicates);

    /// <summary>
    /// Changes an archive the user may see. Every changed field is recorded (who, when, old and new — ID
    /// numbers masked); a save based on an older version is refused.
    /// </summary>
    public async Task<Written<Customer>> UpdateAsync(long id, CustomerInput input)
    {
        var customer = await db.Customers.VisibleTo(await ViewerAsync()).Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == id);
        if (customer is null) return await ExistsInScopeAsync(id) ? Written.Forbidden<Customer>() : Written.NotFound<Customer>();
        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == customer.StoreId);
        var before = Snapshot(customer);
        input = input.Copy(); // the caller's copy keeps the masked numbers it showed
        KeepMaskedNumbers(input, customer);
        var errors = Apply(input, customer, Today(StoreTime.Zone(store.TimeZone)));
        if (customer.Class == CustomerClass.A && before["class"] != "A" && !await me.CanAsync(CustomerPermissions.ClassA))
            errors["class"] = [l["Customers.ClassANotAllowed", l["Field.CustomerClass"]]];
        if (errors.Count > 0) return uow.Refuse<Customer>(WriteStatus.Invalid, errors);
        if (await DuplicatesAsync(customer, id) is { Count: > 0 } duplicates) return Duplicate(duplicates);

        if (input.Version is { } version) db.Entry(customer).Property(c => c.Version).OriginalValue = version;
        var changed = history.RecordChanges(id, before, Snapshot(customer));
        if (changed.Count > 0)
            uow.Audit(new(CustomerAuditActions.Update, $"{customer.ArchiveNumber}: {string.Join(", ", changed)}", "Customer", id.ToString(CultureInfo.InvariantCulture), customer.StoreId));
        return await uow.SaveAsync(customer);
    }

    /// <summary>The recorded fields as shown in the history; personal numbers masked.</summary>
    private Dictionary<string, string?> Snapshot(Customer c) => new()
    {
        ["type"] = c.Type.ToString(), ["name"] = c.Name, ["mobile"] = Phone.Mask(c.Mobile), ["landline"] = c.Landline is null ? null : Phone.Mask(c.Landline),
        ["idNumber"] = MaskedIdNumber(c), ["creditCode"] = c.CreditCode, ["gender"] = c.Gender.ToString(),
        ["birthday"] = c.Birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["province"] = c.Province, ["city"] = c.City, ["district"] = c.District,
        ["address"] = c.Address, ["postcode"] = c.Postcode, ["email"] = c.Email, ["weChat"] = c.WeChat, ["class"] = c.Class.ToString(),
        ["kind"] = c.Kind.ToString(), ["notes"] = c.Notes,
        ["ethnicity"] = c.Ethnicity, ["mailingAddress"] = c.MailingAddress, ["preferredContact"] = c.PreferredContact, ["contactTimeSlot"] = c.ContactTimeSlot,
        ["industry"] = c.Industry, ["occupation"] = c.Occupation, ["position"] = c.Position, ["incomeBand"] = c.IncomeBand, ["hobbies"] = c.Hobbies,
        ["personality"] = c.Personality, ["clubs"] = c.Clubs, ["married"] = c.Married?.ToString(), ["weddingAnniversary"] = Date(c.WeddingAnniversary),
        ["religion"] = c.Religion, ["education"] = c.Education, ["school"] = c.School, ["licenceClass"] = c.LicenceClass, ["licenceCheckDate"] = Date(c.LicenceCheckDate),
        ["yearsDriving"] = c.YearsDriving?.ToString(CultureInfo.InvariantCulture), ["infoSource"] = c.InfoSource, ["referred"] = c.Referred.ToString(), ["referredBy"] = c.ReferredBy,
        ["fax"] = c.Fax, ["website"] = c.Website, ["foundedOn"] = Date(c.FoundedOn), ["registeredCapital"] = c.RegisteredCapital?.ToString(CultureInfo.InvariantCulture),
        ["shareholders"] = c.Shareholders, ["bank"] = c.Bank, ["bankAccount"] = c.BankAccount, ["staffCount"] = c.StaffCount?.ToString(CultureInfo.InvariantCulture),
        ["nature"] = c.Nature, ["tradeStanding"] = c.TradeStanding, ["mainBusiness"] = c.MainBusiness, ["sideBusiness"] = c.SideBusiness, ["salesLast3Years"] = c.SalesLast3Years,
        ["creditRating"] = c.CreditRating, ["ourAdvantages"] = c.OurAdvantages, ["ourWeaknesses"] = c.OurWeaknesses, ["tags"] = c.Tags,
        ["isMember"] = c.IsMember.ToString(), ["memberLevel"] = c.MemberLevel, ["isVip"] = c.IsVip.ToString(),
        ["contacts.legalRepresentative"] = Contact(c, Records.ContactRole.LegalRepresentative), ["contacts.mainLeader"] = Contact(c, Records.ContactRole.MainLeader),
        ["contacts.mainContact"] = Contact(c, Records.ContactRole.MainContact),
    };

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Contact(Customer c, Records.ContactRole role) => c.Contacts.FirstOrDefault(k => k.Role == role) is { } k
        ? string.Join(" / ", new[] { k.Name, k.Position, k.Education, Date(k.Birthday), k.Hobbies, k.Family }.Where(x => !string.IsNullOrEmpty(x)))
        : null;

    /// <summary>A draft becomes a valid archive when a supervisor other than its creator approves it (000 三.2).</summary>
    public async Task<Written<Customer>> ApproveAsync(long id)
    {
        var customer = await db.Customers.VisibleTo(await ViewerAsync()).FirstOrDefaultAsync(c => c.Id == id);
        if (customer is null) return await ExistsInScopeAsync(id) ? Written.Forbidden<Customer>() : Written.NotFound<Customer>();
        if (customer.Status != ArchiveStatus.Draft) return Written.Unchanged(customer);
        if (customer.CreatedBy == me.UserName) return Written.Forbidden<Customer>();
        customer.Status = ArchiveStatus.Approved;
        customer.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        customer.ApprovedBy = me.UserName;
        history.Record(id, "status", "Draft", "Approved");
        uow.Audit(new(CustomerAuditActions.Approve, customer.ArchiveNumber, "Customer", id.ToString(CultureInfo.InvariantCulture), customer.StoreId));
        return await uow.SaveAsync(customer);
    }

    /// <summary>The latest changes, or only those of one field (e.g. <c>class</c>: the class history).</summary>
    public Task<List<ArchiveChange>> HistoryAsync(long id, string? field = null) =>
        db.ArchiveChanges.AsNoTracking().Where(h => h.CustomerId == id && (field == null || h.Field == field)).OrderByDescending(h => h.Id).Take(200).ToListAsync();

    /// <summary>The owner must be a user of the store; a consultant or advisor creating an archive owns it.</summary>
    private async Task<(string? UserId, int? DepartmentId)> OwnerAsync(string? asked, int storeId, Dictionary<string, string[]> errors)
    {
        var ownerId = asked ?? (await access.ScopeOfAsync(me.Principal) <= DataScope.Department ? me.Id : null);
        if (ownerId is null) return (null, null);
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == ownerId && u.IsActive && u.Stores.Any(s => s.StoreId == storeId))
            .Select(u => new { u.Id, u.DepartmentId }).FirstOrDefaultAsync();
        if (owner is null) { errors["ownerUserId"] = [l["Validation.InvalidValue", l["Field.Owner"]]]; return (null, null); }
        return (owner.Id, owner.DepartmentId);
    }

    /// <summary>Draws the next number of a period atomically (an upsert), inside the caller's transaction: never reused.</summary>
    private Task<long> NextSequenceAsync(string periodKey) => ReserveSequenceAsync(periodKey, 1);

    /// <summary>Reserves <paramref name="count"/> numbers at once; returns the last (the first is last − count + 1).</summary>
    public async Task<long> ReserveSequenceAsync(string periodKey, int count)
    {
        var conn = db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = db.IsSqlite
            ? $"INSERT INTO \"ArchiveSequences\" (\"PeriodKey\", \"LastValue\") VALUES ($k, {count}) ON CONFLICT (\"PeriodKey\") DO UPDATE SET \"LastValue\" = \"LastValue\" + {count} RETURNING \"LastValue\""
            : $"INSERT INTO \"ArchiveSequences\" (\"PeriodKey\", \"LastValue\") VALUES ($1, {count}) ON CONFLICT (\"PeriodKey\") DO UPDATE SET \"LastValue\" = \"ArchiveSequences\".\"LastValue\" + {count} RETURNING \"LastValue\"";
        var p = cmd.CreateParameter();
        if (db.IsSqlite) p.ParameterName = "$k";
        p.Value = periodKey;
        cmd.Parameters.Add(p);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Numbers are shown masked (forms and API alike); one sent back exactly as shown means "unchanged" and the
    /// stored number is kept — never shown, so not an unmasking. Any other masked text stays and fails its check.
    /// </summary>
    private void KeepMaskedNumbers(CustomerInput input, Customer stored)
    {
        if (input.Mobile is { } m && m.Contains('*') && m == Phone.Mask(stored.Mobile)) input.Mobile = stored.Mobile;
        if (input.Landline is { } t && t.Contains('*') && stored.Landline is { } landline && t == Phone.Mask(landline)) input.Landline = landline;
        if (input.IdNumber is { } n && n.Contains('*') && n == MaskedIdNumber(stored)) input.IdNumber = personal.Unprotect(stored.IdNumberEncrypted);
    }

    public string? MaskedIdNumber(Customer c) =>
        MaskedCustomers.MaskIdNumber(personal.Unprotect(c.IdNumberEncrypted));
}
