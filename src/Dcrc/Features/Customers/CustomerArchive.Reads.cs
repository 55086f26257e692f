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

/// <summary>The customer archive's reads: one archive, the screen pop, a vehicle by VIN, unmasking (all audited) and the one-box search, paged.</summary>
public partial class CustomerArchive
{
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
        var customers = await visible.Where(c => ids.OrderByDescending(i => i).Take(20).Contains(c.Id)).OrderByDescending(c => c.Id)
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

    /// <summary>
    /// The number to call a customer on (the mobile, else the landline), in full, for a call on a record of
    /// <paramref name="storeId"/> the caller's feature has checked the user may work on; audited with where it went
    /// (<paramref name="purpose"/>). Nothing else of the archive comes with it, and no page shows it through here
    /// unless the store lets that role dial by hand.
    /// </summary>
    public async Task<string?> NumberForCallAsync(int storeId, long customerId, string purpose)
    {
        var c = await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == customerId && x.StoreId == storeId && x.Status != ArchiveStatus.Merged)
            .Select(x => new { x.ArchiveNumber, x.Mobile, x.Landline }).FirstOrDefaultAsync();
        var number = c is null ? null : Phone.CheckMobile(c.Mobile).Ok ? c.Mobile : c.Landline ?? c.Mobile;
        if (c is null || string.IsNullOrEmpty(number)) return null;
        await audit.WriteAsync(CustomerAuditActions.NumberForCall, $"{c.ArchiveNumber}: {Phone.Mask(number)} {purpose}", "Customer",
            customerId.ToString(CultureInfo.InvariantCulture), storeId);
        return number;
    }

    /// <summary>A search row; <c>Plate</c> and <c>Model</c> of the customer's newest vehicle tell two namesakes apart.</summary>
    public sealed record Row(long Id, string ArchiveNumber, string Name, string? Mobile, CustomerClass Class, string Status, int StoreId, string? Plate = null, string? Model = null);

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
            var got = (await part.Skip(offset).Take(pageSize - rows.Count).Select(c => new { c.Id, c.ArchiveNumber, c.Name, c.Mobile, c.Class, c.Status, c.StoreId,
                    Vehicle = c.Vehicles.OrderByDescending(v => v.Id).Select(v => new { v.PlateNumber, v.Model }).FirstOrDefault() }).ToListAsync())
                .Select(r => new Row(r.Id, r.ArchiveNumber, r.Name, Phone.Mask(r.Mobile), r.Class, r.Status.ToString().ToLowerInvariant(), r.StoreId, r.Vehicle?.PlateNumber, r.Vehicle?.Model)).ToList();
            rows.AddRange(got);
            if (rows.Count == pageSize || part == parts[^1]) break;
            before += got.Count > 0 || offset == 0 ? offset + got.Count : await part.Take(offset).CountAsync();
        }
        // A page that is not full tells the total without counting: most searches (a number, a name) need one query.
        if (rows.Count < pageSize && (rows.Count > 0 || page == 1)) return (rows, skip + rows.Count, false);
        var limit = Math.Max(CountLimit, page * pageSize);
        var counted = await found.OrderBy(c => c.Id).Take(limit + 1).CountAsync();
        return (rows, Math.Min(counted, limit), counted > limit);
    }
}
