using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Account;

public class LogoutModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.WriteAsync(AuditActions.Logout, "web", "User", User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
        await signIn.SignOutAsync();
        Response.Cookies.Delete(Dcrc.Kernel.Access.StoreScopeMiddleware.Cookie);
        return Redirect("/Account/Login");
    }
}
