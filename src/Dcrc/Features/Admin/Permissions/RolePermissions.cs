using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Admin.Permissions;

/// <summary>The security administrator's role × permission matrix.</summary>
public class RolePermissions(DcrcDb db, AuditLog audit, AccessControl access)
{
    public async Task<Dictionary<string, HashSet<string>>> GrantsAsync()
    {
        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name!);
        var claims = await db.RoleClaims.AsNoTracking().Where(c => c.ClaimType == AccessControl.PermissionClaim).ToListAsync();
        return roles.Values.ToDictionary(n => n, n => claims.Where(c => roles[c.RoleId] == n).Select(c => c.ClaimValue!).ToHashSet());
    }

    /// <summary>A fingerprint of the grants as read; a save based on an older reading is refused.</summary>
    public static string Stamp(Dictionary<string, HashSet<string>> grants) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join(";", grants.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + "=" + string.Join(",", g.Value.Order(StringComparer.Ordinal)))))))[..16];

    public enum SaveResult { Saved, Refused, Conflict }

    /// <summary>Replaces every role's grants with <paramref name="wanted"/>, refusing what would break 三员分立.</summary>
    public async Task<SaveResult> SaveAsync(Dictionary<string, HashSet<string>> wanted, string? readStamp)
    {
        foreach (var (role, perms) in wanted)
            foreach (var p in perms)
            {
                var def = PermissionCatalog.All.FirstOrDefault(x => x.Name == p);
                if (def is null || (def.Exclusive && !def.DefaultRoles.Contains(role))) return SaveResult.Refused;
                // 三员分立: an administrator role holds its own duties and nothing else.
                if (Kernel.Access.Roles.Administrators.Contains(role) && !def.DefaultRoles.Contains(role)) return SaveResult.Refused;
            }
        // …and never taken from them, so the three administrators cannot be merged or locked out.
        foreach (var def in PermissionCatalog.All.Where(d => d.Exclusive))
            if (def.DefaultRoles.Any(r => !(wanted.GetValueOrDefault(r)?.Contains(def.Name) ?? false))) return SaveResult.Refused;

        await using var tx = await db.Database.BeginTransactionAsync();
        if (!db.IsSqlite) await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"AspNetRoleClaims\" IN SHARE ROW EXCLUSIVE MODE");
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
        var current = await GrantsAsync();
        if (readStamp != null && readStamp != Stamp(current)) return SaveResult.Conflict;
        var changes = new List<(string Role, string Summary)>();
        foreach (var (role, id) in roles)
        {
            var want = wanted.GetValueOrDefault(role) ?? [];
            var have = current.GetValueOrDefault(role) ?? [];
            var add = want.Except(have).Order().ToList();
            var remove = have.Except(want).Order().ToList();
            if (add.Count == 0 && remove.Count == 0) continue;
            db.RoleClaims.AddRange(add.Select(p => new IdentityRoleClaim<string> { RoleId = id, ClaimType = AccessControl.PermissionClaim, ClaimValue = p }));
            await db.RoleClaims.Where(c => c.RoleId == id && c.ClaimType == AccessControl.PermissionClaim && remove.Contains(c.ClaimValue!)).ExecuteDeleteAsync();
            changes.Add((role, $"{role}: +[{string.Join(",", add)}] -[{string.Join(",", remove)}]"));
        }
        await db.SaveChangesAsync();
        await audit.WriteManyAsync(changes.Select(c => new AuditLog.Line(AuditActions.RolePermissionsChanged, c.Summary, "Role", c.Role)).ToList());
        await tx.CommitAsync();
        access.InvalidateGrants();
        return SaveResult.Saved;
    }
}
