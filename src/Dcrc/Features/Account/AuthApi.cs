using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Account;

public static class AuthApi
{
    public sealed record TokenRequest(
        [property: Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.UserName")] string? UserName,
        [property: Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Password")] string? Password);

    /// <summary>The token answer: a bearer token and its lifetime in seconds (no refresh token: ask for a new token).</summary>
    public sealed record TokenAnswer(string TokenType, string AccessToken, long ExpiresIn);

    public sealed record Me(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<int> StoreIds, IReadOnlyList<string> Permissions);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", Token).AllowAnonymous()
            .WithSummary("Exchange a user name and password for a bearer token")
            .WithDescription("200 with the token; 401 on bad credentials or a locked or disabled account. Five wrong passwords lock the account. 503 with Retry-After while a fresh demo dealership is being prepared.");
        api.MapPost("/auth/logout", Logout)
            .WithSummary("End every bearer token and web session of the signed-in user issued before now")
            .WithDescription("204; the token used here answers 401 from the next request on, and so does every other token or cookie of the user.");
        api.MapGet("/me", GetMe).WithSummary("The signed-in user, roles, stores and permissions");
        return api;
    }

    public static async Task<Results<Ok<TokenAnswer>, ValidationProblem, ProblemHttpResult>> Token(
        TokenRequest request, ApiValidator validator, SignInCheck check, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> l,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, HttpContext http)
    {
        var errors = validator.Validate(request);
        if (errors.Count > 0) return validator.Problem(errors);
        var (outcome, user) = await check.CheckAsync(request.UserName!, request.Password!, "api");
        // One answer for a wrong password, an unknown name and a locked account.
        if (outcome == SignInOutcome.Preparing)
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(check.FailureMessage(outcome), statusCode: StatusCodes.Status503ServiceUnavailable, title: l["Problem.Unavailable"]);
        }
        if (outcome != SignInOutcome.Succeeded)
            return TypedResults.Problem(check.FailureMessage(), statusCode: StatusCodes.Status401Unauthorized, title: l["Problem.Unauthorized"]);
        // A password somebody else set (first administrators, resets) is changed on the web before the API opens.
        if (user!.MustChangePassword)
            return TypedResults.Problem(l["Login.MustChangePassword"], statusCode: StatusCodes.Status401Unauthorized, title: l["Problem.Unauthorized"]);
        var principal = await signIn.CreateUserPrincipalAsync(user!);
        // The token is protected exactly as the bearer handler reads it; written here so that the answer
        // carries no refresh token (there is no refresh endpoint: a client asks for a new token).
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var properties = new AuthenticationProperties { ExpiresUtc = clock.GetUtcNow() + options.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(principal, properties, $"{IdentityConstants.BearerScheme}:AccessToken");
        return TypedResults.Ok(new TokenAnswer("Bearer", options.BearerTokenProtector.Protect(ticket), (long)options.BearerTokenExpiration.TotalSeconds));
    }

    public static async Task<Results<NoContent, UnauthorizedHttpResult>> Logout(HttpContext http, UserManager<AppUser> users, SignInCheck check, Kernel.Audit.AuditLog audit)
    {
        if (await users.GetUserAsync(http.User) is not { } user) return TypedResults.Unauthorized();
        await audit.WriteAsync(Kernel.Audit.AuditActions.Logout, "api", "User", user.Id);
        await check.RevokeSessionsAsync(user);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<Me>> GetMe(CurrentUser user) =>
        TypedResults.Ok(new Me(user.Id!, user.UserName!, user.DisplayName, user.Roles, user.StoreIds, (await user.PermissionsAsync()).Order().ToList()));
}
