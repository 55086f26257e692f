using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Account;

public enum SignInOutcome { Succeeded, Failed, LockedOut, Preparing }

/// <summary>
/// Checks a user name and password with lockout on, for the login page and the token endpoint alike, and
/// writes the audit entry: success, failure (also for unknown names) or lockout.
/// </summary>
public class SignInCheck(DcrcDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, AuditLog audit,
    Microsoft.Extensions.Options.IOptions<Kernel.Security.SecurityOptions> security, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l,
    Kernel.StartupWork startup)
{
    // Verified for unknown or disabled names, so a wrong name costs as long as a wrong password.
    private static string? _decoyHash;

    public async Task<(SignInOutcome Outcome, AppUser? User)> CheckAsync(string userName, string password, string channel)
    {
        // While the demo dealership is being prepared its users do not exist yet: "wait", not "wrong password".
        if (startup.Running) return (SignInOutcome.Preparing, null);
        // One attempt per user at a time (a row lock on PostgreSQL, the write lock on SQLite): parallel
        // guesses cannot slip past the failure count, which Identity updates with an optimistic check.
        await using var tx = await db.Database.BeginTransactionAsync();
        var normalized = users.NormalizeName(userName);
        if (!db.IsSqlite)
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"AspNetUsers\" WHERE \"NormalizedUserName\" = {normalized} FOR UPDATE");
        var user = await users.FindByNameAsync(userName);
        if (user is null || !user.IsActive)
        {
            _decoyHash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(new AppUser(), _decoyHash, password);
            await audit.WriteAsync(AuditActions.LoginFailed, $"{channel}: {Trim(userName)} ({(user is null ? "unknown" : "inactive")})", "User", user?.Id);
            await tx.CommitAsync();
            return (SignInOutcome.Failed, null);
        }
        var wasLocked = await users.IsLockedOutAsync(user);
        // Lockout on: the 5th wrong password locks the account; a right one resets the count (and rehashes an old hash).
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        var outcome = result.Succeeded ? SignInOutcome.Succeeded : result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        var (action, summary) = outcome switch
        {
            SignInOutcome.Succeeded => (AuditActions.LoginSucceeded, channel),
            SignInOutcome.LockedOut when wasLocked => (AuditActions.LoginFailed, $"{channel}: attempt while locked"),
            SignInOutcome.LockedOut => (AuditActions.LockedOut, $"{channel}: locked after repeated failures"),
            _ => (AuditActions.LoginFailed, $"{channel}: wrong password"),
        };
        await audit.WriteAsync(action, summary, "User", user.Id, actor: user);
        await tx.CommitAsync();
        return (outcome, user);
    }

    /// <summary>
    /// The one answer to a refused login, for a wrong password, an unknown name and a locked account alike,
    /// so that it never tells whether an account exists; it names the lockout rule instead.
    /// </summary>
    public string FailureMessage(SignInOutcome outcome) => outcome == SignInOutcome.Preparing ? l["Login.Preparing"] : FailureMessage();

    public string FailureMessage() => l["Login.Failed", security.Value.LockoutFailedAttempts, security.Value.LockoutMinutes];

    /// <summary>
    /// Ends every session and token of the user issued before now (logout, password change): a new security
    /// stamp, which every request checks against the one in its cookie or token.
    /// </summary>
    public async Task RevokeSessionsAsync(AppUser user)
    {
        await users.UpdateSecurityStampAsync(user);
    }

    private static string Trim(string s) => s.Length > 64 ? s[..64] : s;
}
