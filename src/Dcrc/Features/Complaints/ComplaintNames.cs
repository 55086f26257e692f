using Dcrc.Data;
using Dcrc.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Complaints;

/// <summary>
/// The names a case carries (its customer's, the contact name typed at intake, which is usually the same
/// person) follow the archive's class-A rule: to a user without <see cref="CustomerPermissions.ClassA"/>
/// a class-A customer's case shows <c>***</c> in every name field, in the list, the case, the API and the
/// search — whoever handles the case still sees everything else of it.
/// </summary>
public class ComplaintNames(DcrcDb db, CustomerArchive archive)
{
    /// <summary>What one viewer may see of the names of the given cases.</summary>
    public sealed class Shown(HashSet<long>? hiddenCustomers)
    {
        public static readonly Shown Everything = new(null);
        public bool Hides(Complaint c) => hiddenCustomers?.Contains(c.CustomerId) == true;
        public string? Contact(Complaint c) => Hides(c) ? Masked : c.ContactName;
    }

    public const string Masked = "***";

    public async Task<Shown> ForAsync(IReadOnlyCollection<Complaint> cases)
    {
        if ((await archive.ViewerAsync()).SeesClassA || cases.Count == 0) return Shown.Everything;
        var ids = cases.Select(c => c.CustomerId).Distinct().ToList();
        var hidden = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id) && c.Class == CustomerClass.A).Select(c => c.Id).ToListAsync();
        return new Shown(hidden.ToHashSet());
    }

    public Task<Shown> ForAsync(Complaint c) => ForAsync([c]);

    /// <summary>A search by name does not find class-A customers' cases for a user who may not see their names.</summary>
    public async Task<IQueryable<Complaint>> SearchableByNameAsync(IQueryable<Complaint> cases) =>
        (await archive.ViewerAsync()).SeesClassA ? cases
            : cases.Where(c => !db.Customers.Any(x => x.Id == c.CustomerId && x.Class == CustomerClass.A));
}
