using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Microsoft.AspNetCore.Identity;

namespace Dcrc.Features.Account;

public enum SignInOutcome { Succeeded, Failed, LockedOut }

/// <summary>
/// Checks a user name and password with lockout on, for the login page and the token endpoint alike, and
/// writes the audit entry: success, failure (also for unknown names) or lockout.
/// </summary>
public class SignInCheck(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit)
{
    public async Task<(SignInOutcome Outcome, AppUser? User)> CheckAsync(string userName, string password, string channel)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null || !user.IsActive)
        {
            await audit.WriteAsync(AuditActions.LoginFailed, $"{channel}: {Trim(userName)} ({(user is null ? "unknown" : "inactive")})", "User", user?.Id);
            return (SignInOutcome.Failed, null);
        }
        var wasLocked = await users.IsLockedOutAsync(user);
        // Lockout on: the 5th wrong password locks the account; a right one resets the count (and rehashes an old hash).
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditActions.LoginSucceeded, channel, "User", user.Id, actor: user);
            return (SignInOutcome.Succeeded, user);
        }
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(wasLocked ? AuditActions.LoginFailed : AuditActions.LockedOut,
                wasLocked ? $"{channel}: attempt while locked" : $"{channel}: locked after repeated failures", "User", user.Id, actor: user);
            return (SignInOutcome.LockedOut, user);
        }
        await audit.WriteAsync(AuditActions.LoginFailed, $"{channel}: wrong password", "User", user.Id, actor: user);
        return (SignInOutcome.Failed, user);
    }

    private static string Trim(string s) => s.Length > 64 ? s[..64] : s;
}
