using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dcrc.Kernel.Access;

public static class DcrcClaims
{
    public const string DisplayName = "dcrc:name";
    public const string Store = "dcrc:store";
    public const string Department = "dcrc:dept";
    public const string MustChangePassword = "dcrc:must_change_password";
}

/// <summary>The signed-in user of this request, with their permissions worked out once.</summary>
public class CurrentUser(IHttpContextAccessor http, AccessControl access, IOptions<IdentityOptions> identity)
{
    private HashSet<string>? _permissions;

    public ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();
    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
    public string? Id => Principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType);
    public string? UserName => Principal.FindFirstValue(identity.Value.ClaimsIdentity.UserNameClaimType);
    public string DisplayName => Principal.FindFirstValue(DcrcClaims.DisplayName) ?? UserName ?? "";
    /// <summary>The user's department as signed in; a change of it renews the security stamp, so it is never stale.</summary>
    public int? DepartmentId => int.TryParse(Principal.FindFirstValue(DcrcClaims.Department), out var d) ? d : null;
    public IReadOnlyList<int> StoreIds => Principal.FindAll(DcrcClaims.Store).Select(c => int.Parse(c.Value)).ToList();
    public IReadOnlyList<string> Roles => Principal.FindAll(identity.Value.ClaimsIdentity.RoleClaimType).Select(c => c.Value).ToList();

    public async Task<bool> CanAsync(string permission) => (await PermissionsAsync()).Contains(permission);
    public Task<bool> CanAsync(Permission permission) => CanAsync(permission.Name);

    public async Task<HashSet<string>> PermissionsAsync() =>
        _permissions ??= IsAuthenticated ? await access.PermissionsOfAsync(Principal) : [];
}

/// <summary>Puts the user's stores, department and display name into the principal (cookie and bearer token).</summary>
public class DcrcClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, Data.DcrcDb db)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        // Role names only: what a role may do is looked up per request, so a changed grant applies at once.
        foreach (var role in await UserManager.GetRolesAsync(user))
            id.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        id.AddClaim(new Claim(DcrcClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword) id.AddClaim(new Claim(DcrcClaims.MustChangePassword, "1"));
        if (user.DepartmentId is { } dept) id.AddClaim(new Claim(DcrcClaims.Department, dept.ToString()));
        var stores = db.StoreMemberships.Where(s => s.UserId == user.Id).Select(s => s.StoreId).ToList();
        foreach (var store in stores) id.AddClaim(new Claim(DcrcClaims.Store, store.ToString()));
        return id;
    }
}

/// <summary>
/// Ends sessions and tokens whose user was disabled or whose security stamp changed (password, roles,
/// stores), for every request; then fills the request's <see cref="StoreScope"/> from the user and the
/// store switcher's cookie.
/// </summary>
public class StoreScopeMiddleware(RequestDelegate next)
{
    public const string Cookie = "dcrc.store";

    public async Task InvokeAsync(HttpContext context, StoreScope scope, CurrentUser user, AccessControl access)
    {
        if (user.IsAuthenticated && !await access.IsCurrentAsync(user.Principal))
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            await context.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            context.Response.Cookies.Delete(Cookie);
            context.Response.Redirect("/Account/Login");
            return;
        }
        if (user.IsAuthenticated)
        {
            int? selected = int.TryParse(context.Request.Cookies[Cookie], out var s) ? s : null;
            if (await access.ScopeOfAsync(user.Principal) == DataScope.Group) scope.AllowAll(selected);
            else scope.Restrict(user.StoreIds, selected is { } sel && user.StoreIds.Contains(sel) ? sel : null);
        }
        await next(context);
    }
}
