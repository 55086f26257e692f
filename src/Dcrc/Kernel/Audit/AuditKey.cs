using System.Security.Cryptography;

namespace Dcrc.Kernel.Audit;

/// <summary>
/// The secret that keys the audit chain's HMAC. It is kept outside the database, so someone who can write
/// to the database cannot re-compute a rewritten chain. From <c>Dcrc:Audit:Key</c> (base64, at least 32
/// bytes; set it for several instances on one PostgreSQL), else from <c>audit.key</c> in the data
/// directory, created on first start.
/// </summary>
public sealed class AuditKey
{
    public byte[] Bytes { get; }

    public AuditKey(byte[] bytes)
    {
        if (bytes.Length < 32) throw new InvalidOperationException("The audit key must have at least 32 bytes.");
        Bytes = bytes;
    }

    public static AuditKey FromConfiguration(IConfiguration config)
    {
        if (config["Dcrc:Audit:Key"] is { Length: > 0 } configured) return new AuditKey(Convert.FromBase64String(configured));
        var dir = Data.DatabaseSetup.DataDirectory(config);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "audit.key");
        if (!File.Exists(file))
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Select(c => (byte)c).ToArray());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new AuditKey(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }
}
