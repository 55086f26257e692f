using Dcrc.Data;
using Dcrc.Kernel;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Customers;

/// <summary>
/// A customer as every other feature and page shows one: the name as the viewer may see it (class A only with the
/// class-A permission), numbers masked, store and owner. The one masked projection; the numbers in clear come only
/// from <see cref="CustomerArchive.UnmaskAsync"/>, which is permission-checked and audited.
/// </summary>
public sealed record MaskedCustomer(long Id, int StoreId, string ArchiveNumber, CustomerType Type, CustomerClass Class, Gender Gender, string Name,
    string? Mobile, string? Landline, string? IdNumber, bool HasMobile, string? OwnerUserId, string? MailingAddress, string? Address, string? Postcode,
    Salutation.Kind AddressKind, string AddressArg)
{
    /// <summary>How a script addresses the customer (令狐先生): the resource key of <see cref="Salutation"/> and its argument.</summary>
    public (string Key, string Arg) Addressed => (Salutation.Key(AddressKind), AddressArg);

    /// <summary>True when the class-A rule hides the name from this viewer.</summary>
    public bool NameHidden => Name == Viewer.HiddenName;
}

/// <summary>Makes <see cref="MaskedCustomer"/>s: for archives the user may see, and for the customers of records the user works on.</summary>
public sealed class MaskedCustomers(DcrcDb db, CustomerArchive archive, PersonalData personal)
{
    private sealed record Raw(long Id, int StoreId, string ArchiveNumber, CustomerType Type, CustomerClass Class, Gender Gender, string Name,
        string? Mobile, string? Landline, string? IdNumberEncrypted, string? OwnerUserId, string? MailingAddress, string? Address, string? Postcode);

    private static IQueryable<Raw> Select(IQueryable<Customer> q) => q.AsNoTracking().Select(c => new Raw(c.Id, c.StoreId, c.ArchiveNumber, c.Type, c.Class,
        c.Gender, c.Name, c.Mobile, c.Landline, c.IdNumberEncrypted, c.OwnerUserId, c.MailingAddress, c.Address, c.Postcode));

    /// <summary>
    /// The card as the viewer may see it. A class-A name the viewer may not see is hidden, yet the greeting of a script
    /// may use its surname (王先生): the caller is working on a record of this customer.
    /// </summary>
    private MaskedCustomer Card(Raw r, Viewer viewer)
    {
        var shown = viewer.ShownName(r.Name, r.Class);
        var (kind, arg) = Salutation.For(r.Name, r.Gender, r.Type == CustomerType.Company, surnameOnly: shown == Viewer.HiddenName);
        return new(r.Id, r.StoreId, r.ArchiveNumber, r.Type, r.Class, r.Gender, shown, Phone.Mask(r.Mobile),
            r.Landline is null ? null : Phone.Mask(r.Landline), MaskIdNumber(personal.Unprotect(r.IdNumberEncrypted)),
            Phone.CheckMobile(r.Mobile).Ok, r.OwnerUserId, r.MailingAddress, r.Address, r.Postcode, kind, arg);
    }

    /// <summary>An ID number as shown: the region and the last four, the birth date starred.</summary>
    internal static string? MaskIdNumber(string? n) => n is { Length: > 10 } ? n[..6] + new string('*', 8) + n[^4..] : n is null ? null : new string('*', n.Length);

    /// <summary>The card of an archive the user may see (the archive's own row rule); null otherwise.</summary>
    public async Task<MaskedCustomer?> VisibleAsync(long id)
    {
        var viewer = await archive.ViewerAsync();
        var raw = await Select(archive.Visible(viewer).Where(c => c.Id == id)).FirstOrDefaultAsync();
        return raw is null ? null : Card(raw, viewer);
    }

    /// <summary>
    /// The cards of the customers of records the user works on (callback tasks, complaint cases), each given with the
    /// record's store: the record's feature has checked the user may work on it, so the archive's ownership rule is not
    /// applied again — the store is, and so is the class-A rule to the name. One query for a page of records.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, MaskedCustomer>> ForWorkAsync(IEnumerable<(int StoreId, long CustomerId)> records)
    {
        var wanted = records.Where(r => r.CustomerId != 0).Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<long, MaskedCustomer>();
        var viewer = await archive.ViewerAsync();
        var ids = wanted.Select(w => w.CustomerId).Distinct().ToList();
        var rows = await Select(db.Customers.IgnoreQueryFilters().Where(c => ids.Contains(c.Id))).ToListAsync();
        return rows.Where(r => wanted.Contains((r.StoreId, r.Id))).ToDictionary(r => r.Id, r => Card(r, viewer));
    }

    /// <summary>
    /// The ids of the current store's customers a search box query finds (<see cref="CustomerSearch"/>: name, pinyin,
    /// plate, mobile tail…), to narrow a list of work records; as a subquery, so the list stays one query. A query that
    /// may match by name leaves out the class-A archives whose names the viewer may not see.
    /// </summary>
    public async Task<IQueryable<long>> MatchingForWorkAsync(string q, DateOnly today)
    {
        var viewer = await archive.ViewerAsync();
        var customers = db.Customers.AsNoTracking();
        if (!viewer.SeesClassA && CustomerSearch.MayMatchName(q)) customers = customers.Where(c => c.Class != CustomerClass.A);
        return CustomerSearch.Apply(customers, db.Vehicles.AsNoTracking(), q, personal, today).Select(c => c.Id);
    }

    public async Task<MaskedCustomer?> ForWorkAsync(int storeId, long customerId) => (await ForWorkAsync([(storeId, customerId)])).GetValueOrDefault(customerId);

    /// <summary>A vehicle of the customer of a record the user works on, in that record's store.</summary>
    public Task<VehicleLine?> VehicleForWorkAsync(int storeId, long vehicleId) =>
        db.Vehicles.IgnoreQueryFilters().AsNoTracking().Where(v => v.Id == vehicleId && v.StoreId == storeId)
            .Select(v => new VehicleLine(v.Id, v.Vin, v.PlateNumber, v.Model, v.PurchaseDate)).FirstOrDefaultAsync();

    /// <summary>The sale or repair order a record the user works on came from, in that record's store.</summary>
    public Task<Records.CustomerTransaction?> TransactionForWorkAsync(int storeId, long transactionId) =>
        db.Transactions.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(t => t.Id == transactionId && t.StoreId == storeId);
}

/// <summary>A vehicle as a work record shows it.</summary>
public sealed record VehicleLine(long Id, string Vin, string? PlateNumber, string? Model, DateOnly? PurchaseDate);
