using System.Security.Cryptography;
using System.Text;

namespace Dcrc.Kernel.Security;

/// <summary>
/// The application's secret, kept outside the database so that someone holding only a copy of the database
/// can neither rewrite the audit chain unnoticed nor read encrypted personal data. From <c>Dcrc:Secret</c>
/// (base64, at least 32 bytes; the same on every instance sharing one PostgreSQL), else from
/// <c>secret.key</c> in the data directory, created on first start. Each use derives its own key (HKDF).
/// </summary>
public sealed class AppSecret
{
    private readonly byte[] _master;

    public AppSecret(byte[] master)
    {
        if (master.Length < 32) throw new InvalidOperationException("The application secret must have at least 32 bytes.");
        _master = master;
    }

    public byte[] KeyFor(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, info: Encoding.UTF8.GetBytes(purpose));

    public static AppSecret FromConfiguration(IConfiguration config)
    {
        if (config["Dcrc:Secret"] is { Length: > 0 } configured) return new AppSecret(Convert.FromBase64String(configured));
        var dir = Data.DatabaseSetup.DataDirectory(config);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "secret.key");
        if (!File.Exists(file))
        {
            try
            {
                using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
            }
            catch (IOException) when (File.Exists(file)) { } // another instance made it first
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new AppSecret(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }
}

/// <summary>
/// Encryption of sensitive personal data at rest (ID numbers, key and audio codes): AES-256-GCM under a key
/// derived from <see cref="AppSecret"/>; and keyed lookup hashes, so an exact search needs no decryption.
/// </summary>
public sealed class PersonalData(AppSecret secret)
{
    private const string Version = "v1:";
    private readonly byte[] _encryption = secret.KeyFor("dcrc personal data encryption v1");
    private readonly byte[] _lookup = secret.KeyFor("dcrc personal data lookup v1");

    public string? Protect(string? plain)
    {
        if (string.IsNullOrEmpty(plain)) return null;
        var data = Encoding.UTF8.GetBytes(plain);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[data.Length];
        using var aes = new AesGcm(_encryption, tag.Length);
        aes.Encrypt(nonce, data, cipher, tag);
        return Version + Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string? Unprotect(string? stored)
    {
        if (string.IsNullOrEmpty(stored)) return null;
        if (!stored.StartsWith(Version, StringComparison.Ordinal)) throw new CryptographicException("unknown personal-data format");
        var bytes = Convert.FromBase64String(stored[Version.Length..]);
        var nonce = bytes[..12];
        var tag = bytes[12..28];
        var cipher = bytes[28..];
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(_encryption, tag.Length);
        aes.Decrypt(nonce, cipher, tag, plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>A keyed hash for exact lookups (HMAC-SHA256, hex, first 32 characters).</summary>
    public string? LookupHash(string? normalised) =>
        string.IsNullOrEmpty(normalised) ? null : Convert.ToHexStringLower(HMACSHA256.HashData(_lookup, Encoding.UTF8.GetBytes(normalised)))[..32];
}
