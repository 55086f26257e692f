using System.Security.Cryptography;
using System.Text;

namespace Dcrc.Kernel.Security;

/// <summary>
/// The application's secret, kept outside the database so that someone holding only a copy of the database
/// can neither rewrite the audit chain unnoticed nor read encrypted personal data. From <c>Dcrc:Secret</c>
/// (base64, at least 32 bytes; the same on every instance sharing one PostgreSQL), else from the file named by
/// <c>Dcrc:SecretFile</c> (a mounted secret, e.g. <c>/run/secrets/dcrc</c>), else from <c>secret.key</c> in
/// the data directory, created on first start — beside the data, which Production refuses unless the operator
/// accepts it (<see cref="SecretGuard"/>). Each use derives its own key (HKDF).
/// </summary>
public sealed class AppSecret
{
    private readonly byte[] _master;

    public AppSecret(byte[] master, bool inDataDirectory = false)
    {
        if (master.Length < 32) throw new InvalidOperationException("The application secret must have at least 32 bytes.");
        _master = master;
        InDataDirectory = inDataDirectory;
    }

    /// <summary>The secret was read from a file inside the data directory, beside the database it protects.</summary>
    public bool InDataDirectory { get; }

    public byte[] KeyFor(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>A value that identifies the secret without revealing it, kept in the database to catch a restore with another secret.</summary>
    public string CheckValue() => Convert.ToHexStringLower(HMACSHA256.HashData(KeyFor("dcrc secret check v1"), "dcrc"u8))[..32];

    public static AppSecret FromConfiguration(IConfiguration config)
    {
        if (config["Dcrc:Secret"] is { Length: > 0 } configured) return new AppSecret(Decode(configured, "Dcrc:Secret"));
        var dir = Data.DatabaseSetup.DataDirectory(config);
        if (config["Dcrc:SecretFile"] is { Length: > 0 } named)
        {
            var path = Path.GetFullPath(named);
            if (!File.Exists(path)) throw new InvalidOperationException($"Dcrc:SecretFile names {path}, which does not exist.");
            return new AppSecret(Decode(File.ReadAllText(path).Trim(), path), IsInside(path, dir));
        }
        var file = Path.Combine(dir, "secret.key");
        CreateKeyFile(file);
        return new AppSecret(Decode(File.ReadAllText(file).Trim(), file), inDataDirectory: true);
    }

    /// <summary>
    /// Makes a file holding 32 random bytes (base64), readable by the owner only, unless it exists; two instances
    /// starting at once make it once. The application secret's file and the audit checkpoints' key use it.
    /// </summary>
    public static void CreateKeyFile(string path)
    {
        if (File.Exists(path)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        }
        catch (IOException) when (File.Exists(path)) { } // another instance made it first
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static byte[] Decode(string base64, string source)
    {
        try { return Convert.FromBase64String(base64); }
        catch (FormatException) { throw new InvalidOperationException($"The application secret in {source} is not base64."); }
    }

    private static bool IsInside(string path, string dir)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)) + Path.DirectorySeparatorChar;
        return path.StartsWith(root, StringComparison.Ordinal);
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
