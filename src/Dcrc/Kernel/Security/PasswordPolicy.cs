using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dcrc.Kernel.Security;

/// <summary>Length limits, character classes and a list of the most common passwords (Kernel/Security/common-passwords.txt).</summary>
public class PasswordPolicy(IOptions<SecurityOptions> options, IStringLocalizer<SharedResource> l) : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Dcrc.Kernel.Security.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(line.Trim());
        return set;
    });

    public static int CharacterClasses(string password) =>
        (password.Any(char.IsAsciiLetterUpper) ? 1 : 0) + (password.Any(char.IsAsciiLetterLower) ? 1 : 0) +
        (password.Any(char.IsAsciiDigit) ? 1 : 0) + (password.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);

    public static bool IsCommon(string password) => Common.Value.Contains(password);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var o = options.Value;
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length < o.PasswordMinLength || password.Length > o.PasswordMaxLength)
            errors.Add(new() { Code = "PasswordLength", Description = l["Password.Length", o.PasswordMinLength, o.PasswordMaxLength] });
        if (CharacterClasses(password) < o.PasswordCharacterClasses)
            errors.Add(new() { Code = "PasswordClasses", Description = l["Password.Classes", o.PasswordCharacterClasses] });
        if (IsCommon(password))
            errors.Add(new() { Code = "PasswordCommon", Description = l["Password.Common"] });
        if (!string.IsNullOrEmpty(user.UserName) && password.Contains(user.UserName, StringComparison.OrdinalIgnoreCase))
            errors.Add(new() { Code = "PasswordContainsUserName", Description = l["Password.ContainsUserName"] });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>Identity's own messages (duplicate user name, wrong current password…) in the user's language.</summary>
public class LocalizedIdentityErrors(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = l["Identity.DefaultError"] };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = l["Validation.Concurrency"] };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = l["Identity.PasswordMismatch"] };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = l["Identity.InvalidUserName"] };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = l["Identity.DuplicateUserName", userName] };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = l["Identity.DuplicateEmail"] };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = l["Validation.Email"] };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = l["Identity.UserAlreadyInRole"] };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = l["Password.TooShort", length] };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = l["Identity.DefaultError"] };
    public override IdentityError RecoveryCodeRedemptionFailed() => new() { Code = nameof(RecoveryCodeRedemptionFailed), Description = l["Identity.DefaultError"] };
    public override IdentityError LoginAlreadyAssociated() => new() { Code = nameof(LoginAlreadyAssociated), Description = l["Identity.DefaultError"] };
    public override IdentityError InvalidRoleName(string? role) => new() { Code = nameof(InvalidRoleName), Description = l["Validation.InvalidValue", l["Field.Roles"]] };
    public override IdentityError DuplicateRoleName(string role) => new() { Code = nameof(DuplicateRoleName), Description = l["Validation.Duplicate", l["Field.Roles"]] };
    public override IdentityError UserAlreadyHasPassword() => new() { Code = nameof(UserAlreadyHasPassword), Description = l["Identity.DefaultError"] };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = l["Identity.DefaultError"] };
    public override IdentityError UserNotInRole(string role) => new() { Code = nameof(UserNotInRole), Description = l["Validation.InvalidValue", l["Field.Roles"]] };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = l["Password.Classes", 3] };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = l["Password.Classes", 3] };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = l["Password.Classes", 3] };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = l["Password.Classes", 3] };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = l["Password.Classes", 3] };
}
