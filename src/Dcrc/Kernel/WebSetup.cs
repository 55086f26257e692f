using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Localization;
using Dcrc.Kernel.Security;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;

namespace Dcrc.Kernel;

public static class WebSetup
{
    public static IServiceCollection AddDcrcWeb(this IServiceCollection services, IConfiguration config)
    {
        var security = config.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Account/Language");
                o.Conventions.AllowAnonymousToPage("/ApiDocs/Index");
                o.Conventions.AllowAnonymousToFolder("/Errors");
            })
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, f) => KernelSetup.LocaliseBindingMessages(o, f.Create(typeof(SharedResource))));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = "dcrc.af";
            o.Cookie.SecurePolicy = security.CookiePolicy;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.ConfigureApplicationCookie(o =>
        {
            // Answer 403 at the URL asked for; the status-code page renders the 403 page.
            o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        // Chinese text as characters, not &#x...; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        services.AddHealthChecks().AddDbContextCheck<DcrcDb>("database");
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo { Title = "DCRC API", Version = "v1", Description = "Dealer customer relationship centre. Get a token from POST /api/v1/auth/token and send it as 'Authorization: Bearer …'." };
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "Token from POST /api/v1/auth/token" };
                doc.Security ??= [];
                doc.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", doc)] = [] });
                return Task.CompletedTask;
            });
        });
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in config.GetSection("Dcrc:Security:KnownProxies").Get<string[]>() ?? ["127.0.0.1", "::1"])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        return services;
    }

    public static WebApplication UseDcrcWeb(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;
        if (security.BehindProxy) app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        if (security.RequireHttps) app.UseHttpsRedirection();
        app.UseWhen(IsApi, a => { a.UseExceptionHandler(); a.UseStatusCodePages(); });
        app.UseWhen(c => !IsApi(c), a => { a.UseExceptionHandler("/Errors/500"); a.UseStatusCodePagesWithReExecute("/Errors/{0}"); });
        app.UseRequestLocalization(Cultures.Options());
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<StoreScopeMiddleware>();
        app.UseMiddleware<PasswordChangeGate>();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    public static bool IsApi(HttpContext c) => c.Request.Path.StartsWithSegments("/api");
}

/// <summary>A user whose password was set by someone else (or a first administrator) must change it before anything else.</summary>
public class PasswordChangeGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CurrentUser current)
    {
        var path = context.Request.Path;
        if (current.IsAuthenticated && !WebSetup.IsApi(context) && !path.StartsWithSegments("/Account") && !path.StartsWithSegments("/Errors")
            && !path.StartsWithSegments("/lib") && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/js")
            && current.Principal.HasClaim(DcrcClaims.MustChangePassword, "1"))
        {
            context.Response.Redirect("/Account/ChangePassword");
            return;
        }
        await next(context);
    }
}
