using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dcrc.Features.Account;

public class ChangePasswordModel(Dcrc.Data.DcrcDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit,
    IOptions<SecurityOptions> security, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Field.CurrentPassword")]
        public string? CurrentPassword { get; set; }

        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Field.NewPassword")]
        public string? NewPassword { get; set; }

        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Field.ConfirmPassword")]
        [Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordsDiffer")]
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public SecurityOptions Policy => security.Value;
    public bool MustChange => User.HasClaim(DcrcClaims.MustChangePassword, "1");

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await using var tx = await db.Database.BeginTransactionAsync();
        user.MustChangePassword = false; // saved with the new hash, or not at all
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword", e.Description);
            return Page();
        }
        await audit.WriteAsync(AuditActions.PasswordChanged, "self", "User", user.Id);
        await tx.CommitAsync();
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = l["ChangePassword.Done"].Value;
        return Redirect("/");
    }
}
