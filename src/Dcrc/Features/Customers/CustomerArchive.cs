using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Security;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
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
}

/// <summary>
/// The customer archive's rules for pages and API alike: validation of every identifier, duplicate
/// detection, archive numbers, row-level access, masking, and the audit of reads and changes.
/// Errors are keyed by the camelCase field path (<c>mobile</c>, <c>address.city</c>).
/// </summary>
public class CustomerArchive(DcrcDb db, CurrentUser me, AccessControl access, StoreScope scope, AuditLog audit, PersonalData personal,
    SettingsStore settings, TimeProvider clock, IStringLocalizer<SharedResource> l)
{

    public sealed record Match(long Id, string ArchiveNumber, string Field);
    public sealed record Outcome(Customer? Customer, Dictionary<string, string[]> Errors, IReadOnlyList<Match> Duplicates)
    {
        public bool Ok => Customer != null && Errors.Count == 0 && Duplicates.Count == 0;
    }

    public async Task<Viewer> ViewerAsync() => CustomerAccess.ViewerOf(me.Id ?? "", me.Roles,
        int.TryParse(me.Principal.FindFirst(DcrcClaims.Department)?.Value, out var d) ? d : null, await access.RolesAsync());

    public IQueryable<Customer> Visible(Viewer viewer) => db.Customers.AsNoTracking().VisibleTo(viewer);

    /// <summary>The viewer another user is (for work on their behalf, e.g. a call on their line).</summary>
    public Task<Viewer> ViewerOfAsync(string userId) => access.ViewerOfAsync(db, userId);

    public DateOnly Today(TimeZoneInfo zone) => DateOnly.FromDateTime(StoreTime.ToLocal(clock.GetUtcNow().UtcDateTime, zone));

    /// <summary>Checks every identifier and normalises it into <paramref name="c"/>; nothing is saved here.</summary>
    public Dictionary<string, string[]> Apply(CustomerInput input, Customer c, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(string field, string labelKey, string? value, Func<string, Checked> check, Action<string?> set)
        {
            if (string.IsNullOrWhiteSpace(value)) { set(null); return; }
            var r = check(value);
            if (r.Ok) set(r.Value);
            else errors[field] = [l[r.ErrorKey!, l[labelKey]]];
        }

        c.Type = input.Type;
        c.SetName(input.Name!.Trim(), person: input.Type == CustomerType.Individual);
        Check("mobile", "Field.Mobile", input.Mobile, Phone.CheckMobile, c.SetMobile);
        Check("landline", "Field.Landline", input.Landline, Phone.CheckLandline, v => c.Landline = v);
        Check("postcode", "Field.Postcode", input.Postcode, Postcode.Check, v => c.Postcode = v);
        Check("email", "Field.Email", input.Email, Email.Check, v => c.Email = v);
        Check("creditCode", "Field.CreditCode", input.CreditCode, CreditCode.Check, v => c.CreditCode = v);
        c.Gender = input.Gender ?? Gender.Unknown;
        c.Birthday = input.Birthday;
        if (!string.IsNullOrWhiteSpace(input.IdNumber))
        {
            var r = IdNumber.Parse(input.IdNumber, today, out var info);
            if (!r.Ok) errors["idNumber"] = [l[r.ErrorKey!, l["Field.IdNumber"]]];
            else
            {
                // What was typed must agree with what the number says.
                if (input.Birthday is { } b && b != info!.BirthDate) errors["birthday"] = [l["Validation.IdNumberBirthday", l["Field.Birthday"]]];
                if (input.Gender is { } g && g != Gender.Unknown && g != info!.Gender) errors["gender"] = [l["Validation.IdNumberGender", l["Field.Gender"]]];
                c.Birthday = info!.BirthDate;
                c.Gender = info.Gender;
                c.IdNumberEncrypted = personal.Protect(info.Number);
                c.IdNumberHash = personal.LookupHash(info.Number);
            }
        }
        else { c.IdNumberEncrypted = null; c.IdNumberHash = null; }
        if (c.Type == CustomerType.Individual && c.Mobile is null && c.Landline is null && !errors.ContainsKey("mobile") && !errors.ContainsKey("landline"))
            errors["mobile"] = [l["Validation.Required", l["Field.Mobile"]]];
        if (input.Birthday is { } bd && (bd > today || bd.Year < 1900)) errors["birthday"] = [l["Validation.InvalidValue", l["Field.Birthday"]]];
        c.Province = input.Address?.Province?.Trim();
        c.City = input.Address?.City?.Trim();
        c.District = input.Address?.District?.Trim();
        c.Address = input.Address?.Detail?.Trim();
        c.WeChat = input.WeChat?.Trim();
        c.Class = input.Class ?? CustomerClass.C;
        c.Kind = input.Kind ?? (input.Type == CustomerType.Company ? CustomerKind.Company : CustomerKind.Individual);
        c.Notes = input.Notes?.Trim();
        ApplyDetails(input, c, today, errors, Check);
        return errors;
    }

    private delegate void Checker(string field, string labelKey, string? value, Func<string, Checked> check, Action<string?> set);

    /// <summary>The remaining fields of SPEC §1.1: personal (表9/表10), company (001 客户档案表) with its contacts, tags and membership.</summary>
    private void ApplyDetails(CustomerInput input, Customer c, DateOnly today, Dictionary<string, string[]> errors, Checker check)
    {
        static string? T(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        void Past(string field, string label, DateOnly? d)
        {
            if (d is { } v && (v > today || v.Year < 1900)) errors[field] = [l["Validation.InvalidValue", l[label]]];
        }
        c.Ethnicity = T(input.Ethnicity); c.MailingAddress = T(input.MailingAddress); c.PreferredContact = T(input.PreferredContact);
        c.ContactTimeSlot = T(input.ContactTimeSlot); c.Industry = T(input.Industry); c.Occupation = T(input.Occupation); c.Position = T(input.Position);
        c.IncomeBand = T(input.IncomeBand); c.Hobbies = T(input.Hobbies); c.Personality = T(input.Personality); c.Clubs = T(input.Clubs);
        c.Married = input.Married; c.WeddingAnniversary = input.WeddingAnniversary; c.Religion = T(input.Religion); c.Education = T(input.Education);
        c.School = T(input.School); c.LicenceClass = T(input.LicenceClass); c.LicenceCheckDate = input.LicenceCheckDate; c.YearsDriving = input.YearsDriving;
        c.InfoSource = T(input.InfoSource); c.Referred = input.Referred; c.ReferredBy = T(input.ReferredBy);
        Past("weddingAnniversary", "Field.WeddingAnniversary", input.WeddingAnniversary);
        check("fax", "Field.Fax", input.Fax, Phone.CheckLandline, v => c.Fax = v);
        c.Website = T(input.Website); c.FoundedOn = input.FoundedOn; c.RegisteredCapital = input.RegisteredCapital; c.Shareholders = T(input.Shareholders);
        c.Bank = T(input.Bank); c.BankAccount = T(input.BankAccount); c.StaffCount = input.StaffCount; c.Nature = input.Nature?.ToString();
        c.TradeStanding = T(input.TradeStanding); c.MainBusiness = T(input.MainBusiness); c.SideBusiness = T(input.SideBusiness);
        c.SalesLast3Years = T(input.SalesLast3Years); c.CreditRating = T(input.CreditRating); c.OurAdvantages = T(input.OurAdvantages); c.OurWeaknesses = T(input.OurWeaknesses);
        Past("foundedOn", "Field.FoundedOn", input.FoundedOn);
        var (tags, tagError) = Tags.Normalise(input.Tags);
        if (tagError != null) errors["tags"] = [l[tagError, l["Field.Tags"], Tags.MaxTags, Tags.MaxLength]];
        c.Tags = tags;
        c.IsMember = input.IsMember; c.MemberLevel = input.IsMember ? T(input.MemberLevel) : null; c.IsVip = input.IsVip;

        var contacts = (input.Contacts ?? []).Where(k => !string.IsNullOrWhiteSpace(k.Name)).ToList();
        if (contacts.GroupBy(k => k.Role).Any(g => g.Count() > 1)) errors["contacts"] = [l["Validation.InvalidValue", l["Customers.Contacts"]]];
        for (var i = 0; i < (input.Contacts?.Count ?? 0); i++) Past($"contacts[{i}].birthday", "Field.Birthday", input.Contacts![i].Birthday);
        foreach (var role in Enum.GetValues<Records.ContactRole>())
        {
            var given = contacts.FirstOrDefault(k => k.Role == role);
            var existing = c.Contacts.FirstOrDefault(k => k.Role == role);
            if (given is null)
            {
                if (existing == null) continue;
                // Deleted first: a contact merely taken out of the collection would be an orphan EF refuses.
                if (existing.Id != 0) db.CompanyContacts.Remove(existing);
                c.Contacts.Remove(existing);
                continue;
            }
            if (existing is null) c.Contacts.Add(existing = new Records.CompanyContact { Role = role });
            existing.Name = given.Name!.Trim(); existing.Position = T(given.Position); existing.Education = T(given.Education);
            existing.Birthday = given.Birthday; existing.Hobbies = T(given.Hobbies); existing.Family = T(given.Family);
        }
    }

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

    public async Task<Outcome> CreateAsync(CustomerInput input, int? storeId)
    {
        var target = TargetStore(storeId);
        if (target is null) return new(null, new() { ["storeId"] = [l["Validation.Required", l["Field.Store"]]] }, []);
        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == target);
        var zone = StoreTime.Zone(store.TimeZone);
        var customer = new Customer { StoreId = store.Id, Status = ArchiveStatus.Draft, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = me.UserName };
        var errors = Apply(input, customer, Today(zone));
        // Only those who may see class A archives may put a customer in class A.
        if (customer.Class == CustomerClass.A && !await me.CanAsync(CustomerPermissions.ClassA))
            errors["class"] = [l["Customers.ClassANotAllowed", l["Field.CustomerClass"]]];
        var owner = await OwnerAsync(input.OwnerUserId, store.Id, errors);
        if (errors.Count > 0) return new(null, errors, []);
        (customer.OwnerUserId, customer.OwnerDepartmentId) = owner;
        var duplicates = await DuplicatesAsync(customer, null);
        if (duplicates.Count > 0) return new(null, [], duplicates);

        await using var tx = await db.Database.BeginTransactionAsync();
        var rule = await settings.GetTextAsync(ArchiveSettings.NumberRule, store.Id);
        var today = Today(zone);
        customer.ArchiveNumber = ArchiveNumber.Format(rule, store.Code, today, await NextSequenceAsync(ArchiveNumber.PeriodKey(rule, store.Code, today)));
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        await audit.WriteAsync(CustomerAuditActions.Create, $"{customer.ArchiveNumber} draft", "Customer", customer.Id.ToString(CultureInfo.InvariantCulture), store.Id);
        await tx.CommitAsync();
        return new(customer, [], []);
    }

    public enum UpdateResult { Saved, NotFound, Forbidden, Invalid, Duplicate, Conflict }

    /// <summary>
    /// Changes an archive the user may see. Every changed field is recorded (who, when, old and new — ID
    /// numbers masked); a save based on an older version is refused.
    /// </summary>
    public async Task<(UpdateResult Result, Outcome Outcome)> UpdateAsync(long id, CustomerInput input)
    {
        var customer = await db.Customers.VisibleTo(await ViewerAsync()).Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == id);
        if (customer is null)
            return (await ExistsInScopeAsync(id) ? UpdateResult.Forbidden : UpdateResult.NotFound, new(null, [], []));
        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == customer.StoreId);
        var before = Snapshot(customer);
        input = input.Copy(); // the caller's copy keeps the masked numbers it showed
        KeepMaskedNumbers(input, customer);
        var errors = Apply(input, customer, Today(StoreTime.Zone(store.TimeZone)));
        if (customer.Class == CustomerClass.A && before["class"] != "A" && !await me.CanAsync(CustomerPermissions.ClassA))
            errors["class"] = [l["Customers.ClassANotAllowed", l["Field.CustomerClass"]]];
        // A refused edit leaves nothing behind in the context for a later save in this request to pick up.
        if (errors.Count > 0) { db.ChangeTracker.Clear(); return (UpdateResult.Invalid, new(null, errors, [])); }
        var duplicates = await DuplicatesAsync(customer, id);
        if (duplicates.Count > 0) { db.ChangeTracker.Clear(); return (UpdateResult.Duplicate, new(null, [], duplicates)); }

        if (input.Version is { } version) db.Entry(customer).Property(c => c.Version).OriginalValue = version;
        var after = Snapshot(customer);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = after.Where(kv => before[kv.Key] != kv.Value).Select(kv => kv.Key).ToList();
        db.ArchiveChanges.AddRange(changed.Select(f => new ArchiveChange
        {
            CustomerId = id, Field = f, OldValue = ArchiveChange.Clip(before[f]), NewValue = ArchiveChange.Clip(after[f]), ChangedBy = me.UserName, ChangedAt = now,
        }));
        await using var tx = await db.Database.BeginTransactionAsync();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (UpdateResult.Conflict, new(null, new() { ["version"] = [l["Validation.Concurrency"]] }, []));
        }
        if (changed.Count > 0)
            await audit.WriteAsync(CustomerAuditActions.Update, $"{customer.ArchiveNumber}: {string.Join(", ", changed)}", "Customer", id.ToString(CultureInfo.InvariantCulture), customer.StoreId);
        await tx.CommitAsync();
        return (UpdateResult.Saved, new(customer, [], []));
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
    public async Task<UpdateResult> ApproveAsync(long id)
    {
        var customer = await db.Customers.VisibleTo(await ViewerAsync()).FirstOrDefaultAsync(c => c.Id == id);
        if (customer is null) return await ExistsInScopeAsync(id) ? UpdateResult.Forbidden : UpdateResult.NotFound;
        if (customer.Status != ArchiveStatus.Draft) return UpdateResult.Saved;
        if (customer.CreatedBy == me.UserName) return UpdateResult.Forbidden;
        var now = clock.GetUtcNow().UtcDateTime;
        customer.Status = ArchiveStatus.Approved;
        customer.ApprovedAt = now;
        customer.ApprovedBy = me.UserName;
        db.ArchiveChanges.Add(new ArchiveChange { CustomerId = id, Field = "status", OldValue = "Draft", NewValue = "Approved", ChangedBy = me.UserName, ChangedAt = now });
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        await audit.WriteAsync(CustomerAuditActions.Approve, customer.ArchiveNumber, "Customer", id.ToString(CultureInfo.InvariantCulture), customer.StoreId);
        await tx.CommitAsync();
        return UpdateResult.Saved;
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

    /// <summary>One archive if the user may see it; every read of personal data is audited.</summary>
    public async Task<Customer?> ReadAsync(long id)
    {
        var customer = await Visible(await ViewerAsync()).Include(c => c.Vehicles).Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == id);
        if (customer != null) await audit.WriteReadAsync(CustomerAuditActions.Read, customer.ArchiveNumber, "Customer", id.ToString(CultureInfo.InvariantCulture), customer.StoreId);
        return customer;
    }

    /// <summary>
    /// The ids of the customers a number belongs to: their mobile, their landline, or the mobile of a vehicle's driver
    /// (any spelling: +86, spaces, dashes). One indexed lookup per way, united: an OR across them would scan.
    /// </summary>
    public static IQueryable<long> IdsByNumber(IQueryable<Customer> customers, IQueryable<Vehicle> vehicles, string number)
    {
        var digits = Phone.Digits(number);
        var landline = Phone.CheckLandline(digits.StartsWith('0') ? digits : number).Value;
        var ids = customers.Where(c => c.Mobile == digits).Select(c => c.Id).Union(vehicles.Where(v => v.DriverMobile == digits).Select(v => v.CustomerId));
        if (landline != null) ids = ids.Union(customers.Where(c => c.Landline == landline).Select(c => c.Id));
        return ids;
    }

    /// <summary>Screen pop (来电弹屏): the customers the user may see whom a number belongs to, with their vehicles, masked; an audited read.</summary>
    public async Task<LookupApi.Pop> ScreenPopAsync(string number)
    {
        var visible = Visible(await ViewerAsync());
        var ids = IdsByNumber(visible, db.Vehicles, number);
        // One round trip, and only the columns the pop shows.
        var customers = await visible.Where(c => ids.Take(20).Contains(c.Id)).OrderByDescending(c => c.Id)
            .Select(c => new { c.Id, c.ArchiveNumber, c.Name, c.Mobile, c.Class, c.StoreId,
                Vehicles = c.Vehicles.Select(v => new CustomersApi.VehicleSummary(v.Id, v.Vin, v.PlateNumber, v.Model, v.PurchaseDate)).ToList() })
            .ToListAsync();
        await audit.WriteReadsAsync(customers.Select(c => new AuditLog.Line(CustomerAuditActions.Read, $"{c.ArchiveNumber} (screen pop)", "Customer",
            c.Id.ToString(CultureInfo.InvariantCulture), c.StoreId)).ToList());
        return new(Phone.Mask(Phone.Digits(number)),
            customers.Select(c => new LookupApi.PopCustomer(c.Id, c.ArchiveNumber, c.Name, Phone.Mask(c.Mobile), c.Class, c.Vehicles)).ToList());
    }

    public sealed record VehicleOwner(Vehicle Vehicle, long OwnerId, string ArchiveNumber, string Name);

    /// <summary>
    /// A vehicle by VIN with its owner's identity, if the user may see the owner; an audited read. Only the
    /// columns shown are read: one probe of the VIN index and one of the owner's key.
    /// </summary>
    public async Task<VehicleOwner?> ReadByVinAsync(string vin)
    {
        var hit = await db.Vehicles.AsNoTracking().Where(v => v.Vin == vin)
            .Join(Visible(await ViewerAsync()), v => v.CustomerId, c => c.Id, (v, c) => new { Vehicle = v, c.Id, c.ArchiveNumber, c.Name, c.StoreId })
            .FirstOrDefaultAsync();
        if (hit is null) return null;
        await audit.WriteReadAsync(CustomerAuditActions.Read, hit.ArchiveNumber, "Customer", hit.Id.ToString(CultureInfo.InvariantCulture), hit.StoreId);
        return new(hit.Vehicle, hit.Id, hit.ArchiveNumber, hit.Name);
    }

    /// <summary>Whether the archive exists in the user's stores at all (403 rather than 404 when it is only out of reach).</summary>
    public Task<bool> ExistsInScopeAsync(long id) => db.Customers.AnyAsync(c => c.Id == id && c.Status != ArchiveStatus.Merged);

    public sealed record Unmasked(string? Mobile, string? IdNumber);

    public async Task<Unmasked?> UnmaskAsync(long id)
    {
        var c = await Visible(await ViewerAsync()).FirstOrDefaultAsync(x => x.Id == id);
        if (c is null) return null;
        await audit.WriteAsync(CustomerAuditActions.Unmask, $"{c.ArchiveNumber}: mobile, ID number", "Customer", id.ToString(CultureInfo.InvariantCulture), c.StoreId);
        return new(c.Mobile, personal.Unprotect(c.IdNumberEncrypted));
    }

    public sealed record Row(long Id, string ArchiveNumber, string Name, string? Mobile, CustomerClass Class, string Status, int StoreId);

    /// <summary>Matches are counted up to this many (or to the end of the page asked for); beyond, the total is "more than".</summary>
    public const int CountLimit = 1000;

    /// <summary>
    /// The one-box search over what the user may see, ranked and paged, mobiles masked; audited with the query
    /// redacted. <c>TotalCapped</c>: there are more than <c>Total</c> matches (counting every "zh" or every
    /// archive of a store would cost more than the search itself).
    /// </summary>
    public async Task<(List<Row> Rows, int Total, bool TotalCapped)> SearchAsync(string? q, int page, int pageSize)
    {
        var visible = Visible(await ViewerAsync());
        var found = string.IsNullOrWhiteSpace(q) ? visible : CustomerSearch.Apply(visible, db.Vehicles.AsNoTracking(), q, personal, Today(StoreTime.GroupZone));
        var parts = string.IsNullOrWhiteSpace(q) ? [found.OrderByDescending(c => c.Id)] : CustomerSearch.RankedParts(found, q.Trim());
        var result = await PageAsync(found, parts, page, pageSize);
        if (!string.IsNullOrWhiteSpace(q)) await audit.WriteReadAsync(CustomerAuditActions.Search, $"\"{Kernel.Logging.Redact(q)}\" → {result.Total}{(result.TotalCapped ? "+" : "")}");
        return result;
    }

    /// <summary>One page of the matches, taken from the ranked parts in turn; counted (capped) only when the page is full.</summary>
    private static async Task<(List<Row> Rows, int Total, bool TotalCapped)> PageAsync(IQueryable<Customer> found, IReadOnlyList<IQueryable<Customer>> parts, int page, int pageSize)
    {
        var skip = (page - 1) * pageSize;
        var rows = new List<Row>();
        var before = 0; // matches in the parts already passed
        foreach (var part in parts)
        {
            var offset = skip + rows.Count - before;
            var got = (await part.Skip(offset).Take(pageSize - rows.Count).Select(c => new { c.Id, c.ArchiveNumber, c.Name, c.Mobile, c.Class, c.Status, c.StoreId }).ToListAsync())
                .Select(r => new Row(r.Id, r.ArchiveNumber, r.Name, Phone.Mask(r.Mobile), r.Class, r.Status.ToString().ToLowerInvariant(), r.StoreId)).ToList();
            rows.AddRange(got);
            if (rows.Count == pageSize || part == parts[^1]) break;
            before += got.Count > 0 || offset == 0 ? offset + got.Count : await part.Take(offset).CountAsync();
        }
        // A page that is not full tells the total without counting: most searches (a number, a name) need one query.
        if (rows.Count < pageSize && (rows.Count > 0 || page == 1)) return (rows, skip + rows.Count, false);
        var limit = Math.Max(CountLimit, page * pageSize);
        var counted = await found.Take(limit + 1).CountAsync();
        return (rows, Math.Min(counted, limit), counted > limit);
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
        personal.Unprotect(c.IdNumberEncrypted) is { } n ? n[..6] + new string('*', 8) + n[^4..] : null;
}
