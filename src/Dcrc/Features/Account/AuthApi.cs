using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Account;

public static class AuthApi
{
    public sealed record TokenRequest(
        [property: Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.UserName")] string? UserName,
        [property: Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Password")] string? Password);

    public sealed record Me(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<int> StoreIds, IReadOnlyList<string> Permissions);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", Token).AllowAnonymous()
            .WithSummary("Exchange a user name and password for a bearer token")
            .WithDescription("200 with the token; 401 on bad credentials or a locked or disabled account. Five wrong passwords lock the account.");
        api.MapGet("/me", GetMe).WithSummary("The signed-in user, roles, stores and permissions");
        return api;
    }

    public static async Task<Results<SignInHttpResult, ValidationProblem, ProblemHttpResult>> Token(
        TokenRequest request, ApiValidator validator, SignInCheck check, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(request);
        if (errors.Count > 0) return validator.Problem(errors);
        var (outcome, user) = await check.CheckAsync(request.UserName!, request.Password!, "api");
        if (outcome == SignInOutcome.LockedOut)
            return TypedResults.Problem(l["Login.LockedOut"], statusCode: StatusCodes.Status401Unauthorized, title: l["Problem.Unauthorized"]);
        if (outcome != SignInOutcome.Succeeded)
            return TypedResults.Problem(l["Login.Failed"], statusCode: StatusCodes.Status401Unauthorized, title: l["Problem.Unauthorized"]);
        // A password somebody else set (first administrators, resets) is changed on the web before the API opens.
        if (user!.MustChangePassword)
            return TypedResults.Problem(l["Login.MustChangePassword"], statusCode: StatusCodes.Status401Unauthorized, title: l["Problem.Unauthorized"]);
        var principal = await signIn.CreateUserPrincipalAsync(user!);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    public static async Task<Ok<Me>> GetMe(CurrentUser user) =>
        TypedResults.Ok(new Me(user.Id!, user.UserName!, user.DisplayName, user.Roles, user.StoreIds, (await user.PermissionsAsync()).Order().ToList()));
}
