using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dcrc.Kernel.Security;

public static class IdentitySetup
{
    public const string AuthTimeItem = "dcrc.auth_time";
    public const string DefaultScheme = "Dcrc";

    public static IServiceCollection AddDcrcIdentity(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SecurityOptions>(config.GetSection(SecurityOptions.Section));
        var security = config.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DataProtectionKeys(sp.GetRequiredService<IServiceScopeFactory>())));
        services.AddDataProtection().SetApplicationName("Dcrc");

        // One default scheme: /api requests authenticate by bearer token, everything else by the session cookie.
        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, DefaultScheme, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/api") ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromMinutes(security.ApiTokenMinutes))
            .AddIdentityCookies();

        services.AddIdentityCore<AppUser>(o =>
            {
                // Length, classes and the common-password list are checked by PasswordPolicy.
                o.Password.RequiredLength = 1; // PasswordPolicy checks the length, with one message
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = security.LockoutFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<DcrcDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<DcrcClaimsFactory>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddErrorDescriber<LocalizedIdentityErrors>();

        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = security.PasswordHashIterations;
        });
        // The login time lives in the ticket's properties, which survive a refreshed principal, so the
        // absolute limit still counts from login.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "dcrc.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = security.CookiePolicy;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.IdleTimeoutMinutes);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Errors/403";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnValidatePrincipal = async ctx =>
            {
                var clock = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                if (!ctx.Properties.Items.TryGetValue(AuthTimeItem, out var t) || !long.TryParse(t, out var ticks) ||
                    clock.GetUtcNow().UtcTicks - ticks > TimeSpan.FromHours(security.AbsoluteSessionHours).Ticks)
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await SecurityStampValidator.ValidatePrincipalAsync(ctx);
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.SecurePolicy = security.CookiePolicy);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => o.Cookie.SecurePolicy = security.CookiePolicy);

        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicies>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<AccessControl>();
        services.AddScoped<CurrentUser>();
        services.AddAuthorization();
        return services;
    }
}
