using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Admin;

/// <summary>The paged user list shared by the users page and the API: one query for the page, one for its roles and stores.</summary>
public static class UserList
{
    public sealed record Row(string Id, string UserName, string DisplayName, int? DepartmentId, string? Department,
        IReadOnlyList<int> StoreIds, IReadOnlyList<string> Roles, bool IsActive, bool LockedOut);

    public static IQueryable<AppUser> Query(DcrcDb db, string? q)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            var upper = term.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(term));
        }
        return query;
    }

    public static async Task<List<Row>> RowsAsync(DcrcDb db, IQueryable<AppUser> query, int page, int pageSize, DateTimeOffset now)
    {
        var users = await query.OrderBy(u => u.UserName).ThenBy(u => u.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.DepartmentId, Department = u.Department!.Name, u.IsActive, u.LockoutEnd })
            .ToListAsync();
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync();
        var stores = await db.StoreMemberships.Where(s => ids.Contains(s.UserId)).Select(s => new { s.UserId, s.StoreId }).ToListAsync();
        return users.Select(u => new Row(u.Id, u.UserName!, u.DisplayName, u.DepartmentId, u.Department,
            stores.Where(s => s.UserId == u.Id).Select(s => s.StoreId).Order().ToList(),
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
            u.IsActive, u.LockoutEnd > now)).ToList();
    }
}
