using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Customers;

/// <summary>
/// Row-level access to archives (SPEC §2), on top of the store filter: a consultant or advisor sees their
/// own customers; a manager their department's; DCRC, the GM and marketing the whole store; group roles all
/// stores. A-class archives are visible in full only with <see cref="CustomerPermissions.ClassA"/>.
/// </summary>
public sealed record Viewer(string UserId, DataScope Scope, int? DepartmentId, bool SeesClassA)
{
    /// <summary>What stands for a name the viewer may not see.</summary>
    public const string HiddenName = "***";

    /// <summary>A name as this viewer may see it: class-A names only with the class-A permission.</summary>
    public string ShownName(string name, CustomerClass @class) => @class == CustomerClass.A && !SeesClassA ? HiddenName : name;

    /// <summary>A name typed for a customer (a call's caller, a complaint's contact) follows the customer's own name.</summary>
    public string? ShownTyped(string? typed, CustomerClass? customerClass) =>
        typed is null ? null : customerClass == CustomerClass.A && !SeesClassA ? HiddenName : typed;

    public bool MaySee(string? ownerUserId, int? ownerDepartmentId, CustomerClass @class) =>
        (@class != CustomerClass.A || SeesClassA) && Scope switch
        {
            DataScope.Own => ownerUserId == UserId,
            DataScope.Department => ownerUserId == UserId || (DepartmentId != null && ownerDepartmentId == DepartmentId),
            _ => true,
        };
}

public static class CustomerAccess
{
    /// <summary>
    /// The viewer a user with these roles and department is: the widest scope of their roles, class A with the
    /// permission. The one rule for the signed-in user (<see cref="CustomerArchive.ViewerAsync"/>) and for work done on
    /// someone's behalf without their session (<see cref="ViewerOfAsync"/>).
    /// </summary>
    public static Viewer ViewerOf(string userId, IEnumerable<string> roleNames, int? departmentId, IReadOnlyDictionary<string, AccessControl.RoleInfo> roles)
    {
        var held = roleNames.Select(n => roles.GetValueOrDefault(n)).OfType<AccessControl.RoleInfo>().ToList();
        return new(userId, held.Select(r => r.Scope).DefaultIfEmpty(DataScope.Own).Max(), departmentId,
            held.Any(r => r.Permissions.Contains(CustomerPermissions.ClassA.Name)));
    }

    /// <summary>The viewer another user is (a call ringing on their line); a missing or disabled user holds no role.</summary>
    public static async Task<Viewer> ViewerOfAsync(this AccessControl access, DcrcDb db, string userId)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive).Select(u => new { u.DepartmentId }).FirstOrDefaultAsync();
        var names = user is null ? []
            : await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        return ViewerOf(userId, names, user?.DepartmentId, await access.RolesAsync());
    }

    /// <summary>The same rule as <see cref="Viewer.MaySee"/>, as a query filter.</summary>
    public static IQueryable<Customer> VisibleTo(this IQueryable<Customer> customers, Viewer v)
    {
        // A merged archive lives on in the one it was merged into.
        customers = customers.Where(c => c.Status != ArchiveStatus.Merged);
        if (!v.SeesClassA) customers = customers.Where(c => c.Class != CustomerClass.A);
        return v.Scope switch
        {
            DataScope.Own => customers.Where(c => c.OwnerUserId == v.UserId),
            DataScope.Department => customers.Where(c => c.OwnerUserId == v.UserId || (v.DepartmentId != null && c.OwnerDepartmentId == v.DepartmentId)),
            _ => customers,
        };
    }
}
