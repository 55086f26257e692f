using Dcrc.Kernel.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Account;

/// <summary>The language switcher: remembers the choice in the culture cookie for a year.</summary>
public class LanguageModel(TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = culture == Cultures.English ? Cultures.English : Cultures.Chinese;
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
