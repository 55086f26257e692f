using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Account;

public class LoginModel(SignInCheck check, SignInManager<AppUser> signIn, TimeProvider clock, Kernel.StartupWork startup) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(64, ErrorMessage = "Validation.StringLength")]
        [Display(Name = "Field.UserName")]
        public string? UserName { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(128, ErrorMessage = "Validation.StringLength")]
        [DataType(DataType.Password), Display(Name = "Field.Password")]
        public string? Password { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>The demo dealership is still being prepared: the form waits and the page reloads when it is done.</summary>
    public bool Preparing => startup.Running;
    public bool PreparationFailed => startup.Failed;

    public void OnGet() { }

    /// <summary>Polled while preparing: the same notice, or a reload of the page once it is ready.</summary>
    public IActionResult OnGetPreparation()
    {
        if (Preparing) return Partial("_Preparation", this);
        Response.Headers["HX-Refresh"] = "true";
        return new NoContentResult();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var (outcome, user) = await check.CheckAsync(Input.UserName!.Trim(), Input.Password!, "web");
        // One answer for a wrong password, an unknown name and a locked account: it never confirms that an account exists.
        if (outcome != SignInOutcome.Succeeded)
        {
            ModelState.AddModelError("", check.FailureMessage(outcome));
            return Page();
        }
        // A new ticket and cookie: nothing of a session from before the login is carried over.
        Response.Cookies.Delete(StoreScopeMiddleware.Cookie);
        var props = new AuthenticationProperties { IsPersistent = false };
        props.Items[IdentitySetup.AuthTimeItem] = clock.GetUtcNow().UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await signIn.SignInWithClaimsAsync(user!, props, []);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
