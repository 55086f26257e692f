using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Kernel.Security;

/// <summary>
/// Start-up checks of the application secret: in Production it must not lie beside the data it protects
/// (unless <c>Dcrc:Security:AllowSecretInDataDirectory</c> says the operator accepts that), and it must be
/// the secret the database was written with — a restore with another secret would otherwise start and then
/// fail on every encrypted number, and the audit chain would look broken.
/// </summary>
public static class SecretGuard
{
    public static void CheckPlacement(AppSecret secret, IHostEnvironment env, IConfiguration config)
    {
        if (secret.InDataDirectory && env.IsProduction() && !config.GetValue("Dcrc:Security:AllowSecretInDataDirectory", false))
            throw new InvalidOperationException(
                "DCRC refuses to start in Production with its secret key inside the data directory " +
                $"({DatabaseSetup.DataDirectory(config)}): whoever can copy the database could take the key with it. " +
                "Give the secret through Dcrc__Secret (environment) or Dcrc__SecretFile (a mounted secret file outside the data directory), " +
                "or set Dcrc__Security__AllowSecretInDataDirectory=true to accept the risk.");
    }

    /// <summary>
    /// Compares the secret with the check value stored in the database; on a database without one (before
    /// version 17) the newest audit entry's HMAC is the check. Stores the value when the database has none.
    /// </summary>
    public static async Task CheckMatchesAsync(DcrcDb db, AppSecret secret)
    {
        var check = secret.CheckValue();
        var stored = await db.SystemMarks.AsNoTracking().Where(m => m.Name == SystemMark.SecretCheck).Select(m => m.Value).FirstOrDefaultAsync();
        if (stored is not null)
        {
            if (stored != check) throw Mismatch();
            return;
        }
        var newest = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).FirstOrDefaultAsync();
        if (newest is not null && AuditLog.HashOf(newest, AuditKey.From(secret)) != newest.Hash) throw Mismatch();
        db.SystemMarks.Add(new SystemMark { Name = SystemMark.SecretCheck, Value = check });
        await db.SaveChangesAsync();
    }

    private static InvalidOperationException Mismatch() => new(
        "DCRC refuses to start: the application secret does not match the one this database was written with " +
        "(encrypted ID numbers and vehicle codes could not be read, and the audit chain would not verify). " +
        "Restore the secret that was backed up with this database (Dcrc__Secret, Dcrc__SecretFile or secret.key in the data directory).");
}
