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
        services.Configure<MvcOptions>(o => o.ModelBinderProviders.Insert(0, new Api.HygieneStringBinderProvider()));
        services.Configure<MvcOptions>(o => o.ValueProviderFactories.Insert(0, new Api.ListPageValueProviderFactory()));
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
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Titles in the caller's language; specific titles set by an endpoint are kept.
            var l = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            var generic = ctx.ProblemDetails.Title is null || ctx.ProblemDetails.Title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)
                || ctx.ProblemDetails.Title.StartsWith("One or more validation errors", StringComparison.Ordinal)
                || ctx.ProblemDetails.Title.StartsWith("An error occurred", StringComparison.Ordinal);
            if (generic) ctx.ProblemDetails.Title = l[status switch
            {
                400 => "Problem.BadRequest", 401 => "Problem.Unauthorized", 403 => "Problem.Forbidden", 404 => "Problem.NotFound",
                409 => "Problem.Conflict", 429 => "Problem.TooManyRequests", >= 500 => "Problem.ServerError", _ => "Problem.BadRequest",
            }];
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
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
        services.AddRateLimiter(o =>
        {
            // Password attempts per client address (login form and token endpoint); everything else unlimited.
            o.GlobalLimiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                IsPasswordAttempt(ctx)
                    ? System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter("login:" + ctx.Connection.RemoteIpAddress, _ => new()
                    {
                        PermitLimit = security.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                    })
                    : System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("unlimited"));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A problem answer with a type and the seconds to wait, in the caller's language.
            o.OnRejected = async (ctx, ct) =>
            {
                var retry = ctx.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var after)
                    ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                var response = ctx.HttpContext.Response;
                response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!IsApi(ctx.HttpContext)) return; // the login page: the status page says it
                var l = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                await response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Type = "https://tools.ietf.org/html/rfc6585#section-4", Status = StatusCodes.Status429TooManyRequests,
                    Title = l["Problem.TooManyRequests"], Detail = l["Problem.RetryAfter", retry],
                }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
            };
        });
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
        if (!security.AllowPlainHttpFromNetwork) app.UseMiddleware<PlainHttpGuard>();
        if (security.RequireHttps) app.UseHttpsRedirection();
        // The language first: error pages and problem details are written in it too.
        app.UseRequestLocalization(Cultures.Options());
        app.UseWhen(IsApi, a => { a.UseExceptionHandler(); a.UseStatusCodePages(); });
        app.UseWhen(c => !IsApi(c), a => { a.UseExceptionHandler("/Errors/500"); a.UseStatusCodePagesWithReExecute("/Errors/{0}"); });
        app.UseMiddleware<Api.PageParameterGuard>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
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

    private static bool IsPasswordAttempt(HttpContext c) => HttpMethods.IsPost(c.Request.Method)
        && (c.Request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase) || c.Request.Path.Equals("/api/v1/auth/token", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Plain HTTP only to this machine: cookies and passwords never cross a network unencrypted. Other
/// clients need HTTPS, directly or through a TLS proxy (Dcrc:Security:BehindProxy).
/// </summary>
public class PlainHttpGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (context.Request.IsHttps || remote is null || System.Net.IPAddress.IsLoopback(remote)) return next(context);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return context.Response.WriteAsync(l["Errors.HttpsRequired"]);
    }
}

/// <summary>A user whose password was set by someone else (or a first administrator) must change it before anything else.</summary>
public class PasswordChangeGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CurrentUser current)
    {
        var path = context.Request.Path;
        if (current.IsAuthenticated && !WebSetup.IsApi(context) && !path.StartsWithSegments("/Account") && !path.StartsWithSegments("/Errors")
            && !SecurityHeaders.IsStaticAsset(path) && current.Principal.HasClaim(DcrcClaims.MustChangePassword, "1"))
        {
            context.Response.Redirect("/Account/ChangePassword");
            return;
        }
        await next(context);
    }
}
