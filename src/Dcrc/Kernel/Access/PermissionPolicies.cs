using System.Security.Claims;
using Dcrc.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dcrc.Kernel.Access;

/// <summary>Policies named <c>perm:{permission}</c> are built on demand, so pages and endpoints just name the permission.</summary>
public class PermissionPolicies(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public const string Prefix = "perm:";

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!policyName.StartsWith(Prefix, StringComparison.Ordinal)) return await base.GetPolicyAsync(policyName);
        return new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new PermissionRequirement(policyName[Prefix.Length..].Split('|')))
            .Build();
    }

    /// <summary>A policy met by any one of the permissions.</summary>
    public static string AnyOf(params Permission[] permissions) => Prefix + string.Join('|', permissions.Select(p => p.Name));
}

public sealed record PermissionRequirement(string[] AnyOf) : IAuthorizationRequirement;

/// <summary>Page attribute: <c>[RequirePermission("users.manage")]</c>.</summary>
public sealed class RequirePermissionAttribute(string permission) : AuthorizeAttribute(PermissionPolicies.Prefix + permission);

public class PermissionHandler(AccessControl access) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var held = await access.PermissionsOfAsync(context.User);
        if (requirement.AnyOf.Any(held.Contains)) context.Succeed(requirement);
    }
}

/// <summary>
/// Answers "may this principal do X" from the roles in the principal and the role→permission grants in the
/// database. Grants are cached briefly (changes made here invalidate the cache at once, another instance sees
/// them within <see cref="CacheFor"/>); the user's own state is read on every request.
/// </summary>
public class AccessControl(IServiceScopeFactory scopes, IMemoryCache cache, IOptions<IdentityOptions> identity)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const string GrantsKey = "access:grants";

    public sealed record RoleInfo(HashSet<string> Permissions, DataScope Scope);

    public async Task<IReadOnlyDictionary<string, RoleInfo>> RolesAsync()
    {
        return (await cache.GetOrCreateAsync(GrantsKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheFor;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
            var roles = await db.Roles.AsNoTracking().Select(r => new { r.Id, r.Name, r.Scope }).ToListAsync();
            var grants = await db.RoleClaims.AsNoTracking().Where(c => c.ClaimType == PermissionClaim)
                .Select(c => new { c.RoleId, c.ClaimValue }).ToListAsync();
            return (IReadOnlyDictionary<string, RoleInfo>)roles.ToDictionary(r => r.Name!, r => new RoleInfo(
                grants.Where(g => g.RoleId == r.Id).Select(g => g.ClaimValue!).ToHashSet(), r.Scope));
        }))!;
    }

    public const string PermissionClaim = "perm";

    public void InvalidateGrants() => cache.Remove(GrantsKey);
    public void InvalidateUser(string userId) => _ = userId;

    public async Task<HashSet<string>> PermissionsOfAsync(ClaimsPrincipal user)
    {
        var result = new HashSet<string>();
        if (!await IsCurrentAsync(user)) return result;
        var roles = await RolesAsync();
        foreach (var role in user.FindAll(identity.Value.ClaimsIdentity.RoleClaimType))
            if (roles.TryGetValue(role.Value, out var info)) result.UnionWith(info.Permissions);
        return result;
    }

    public async Task<DataScope> ScopeOfAsync(ClaimsPrincipal user)
    {
        var roles = await RolesAsync();
        var scope = DataScope.Own;
        foreach (var role in user.FindAll(identity.Value.ClaimsIdentity.RoleClaimType))
            if (roles.TryGetValue(role.Value, out var info) && info.Scope > scope) scope = info.Scope;
        return scope;
    }

    /// <summary>
    /// A principal stays valid only while its user is active and its security stamp is the stored one: a
    /// disabled user, a changed password or changed roles, a logout end cookie sessions and bearer tokens
    /// alike. Read from the database once per request (never from a cache), so a logout or a disable on one
    /// instance holds on every other instance from the next request on.
    /// </summary>
    public Task<bool> IsCurrentAsync(ClaimsPrincipal user) => _checked.GetValue(user, CheckAsync);

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ClaimsPrincipal, Task<bool>> _checked = new();

    private async Task<bool> CheckAsync(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType);
        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (id is null || stamp is null) return false;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
        var state = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new UserState(u.IsActive, u.SecurityStamp)).FirstOrDefaultAsync();
        return state is { IsActive: true } && state.SecurityStamp == stamp;
    }

    private sealed record UserState(bool IsActive, string? SecurityStamp);
}
