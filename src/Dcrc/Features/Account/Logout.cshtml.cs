using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Account;

public class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInCheck check, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    /// <summary>
    /// Logs out on the server, not only in this browser: the user's security stamp changes, so this cookie and
    /// every other cookie or bearer token issued to them before now is refused from the next request on.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await audit.WriteAsync(AuditActions.Logout, "web", "User", user.Id);
            await check.RevokeSessionsAsync(user);
        }
        await signIn.SignOutAsync();
        Response.Cookies.Delete(StoreScopeMiddleware.Cookie);
        return Redirect("/Account/Login");
    }
}
