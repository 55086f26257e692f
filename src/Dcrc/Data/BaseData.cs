using System.Security.Cryptography;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Data;

/// <summary>What every installation needs, demo or not: the built-in roles and their default permissions.</summary>
public static class BaseData
{
    public static async Task EnsureAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<DcrcDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var existing = await db.Roles.ToDictionaryAsync(r => r.Name!);
        var order = 0;
        foreach (var def in Roles.All)
        {
            order++;
            if (existing.ContainsKey(def.Name)) continue;
            var role = new AppRole(def.Name) { NormalizedName = def.Name.ToUpperInvariant(), Scope = def.Scope, SortOrder = order, ConcurrencyStamp = Guid.NewGuid().ToString() };
            db.Roles.Add(role);
            existing[def.Name] = role;
        }
        await db.SaveChangesAsync();

        // A permission's defaults are granted once; what the security administrator later revokes stays revoked.
        var applied = (await db.PermissionDefaultsApplied.Select(p => p.Permission).ToListAsync()).ToHashSet();
        foreach (var permission in PermissionCatalog.All.Where(p => !applied.Contains(p.Name)))
        {
            foreach (var roleName in permission.DefaultRoles)
                db.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = existing[roleName].Id, ClaimType = AccessControl.PermissionClaim, ClaimValue = permission.Name });
            db.PermissionDefaultsApplied.Add(new PermissionDefaultApplied { Permission = permission.Name, AppliedAt = clock.GetUtcNow().UtcDateTime });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A new installation without demo data gets the three administrators, each with a random one-time
    /// password printed once to the console and to be changed at first login.
    /// </summary>
    public static async Task EnsureFirstAdministratorsAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.Users.AnyAsync()) return;
        var clock = services.GetRequiredService<TimeProvider>();
        foreach (var (name, role) in new[] { ("sysadmin", Roles.SystemAdmin), ("secadmin", Roles.SecurityAdmin), ("auditadmin", Roles.AuditAdmin) })
        {
            var password = OneTimePassword();
            var user = new AppUser { UserName = name, DisplayName = name, MustChangePassword = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
            Console.WriteLine($"First administrator: {name} / {password} (change at first login)");
        }
    }

    public static string OneTimePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", symbols = "#%+=@";
        var chars = new List<char>();
        foreach (var set in new[] { upper, lower, digits, symbols, upper + lower + digits, upper + lower + digits, lower, digits, upper, lower, digits, symbols })
            chars.Add(set[RandomNumberGenerator.GetInt32(set.Length)]);
        return new string(chars.OrderBy(_ => RandomNumberGenerator.GetInt32(1000)).ToArray());
    }
}
