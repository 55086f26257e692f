using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Account;

/// <summary>The store switcher. Only a store the user may see is accepted; anything else means "all my stores".</summary>
public class StoreModel(Shell shell) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(int? storeId, string? returnUrl)
    {
        var allowed = await shell.StoresAsync();
        if (storeId is { } id && allowed.Any(s => s.Id == id))
            Response.Cookies.Append(StoreScopeMiddleware.Cookie, id.ToString(), new CookieOptions { HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true });
        else
            Response.Cookies.Delete(StoreScopeMiddleware.Cookie);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
