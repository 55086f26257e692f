using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Dcrc.Features.Customers.Records;

/// <summary>
/// Archive documents on disk, outside the web root (the data directory's <c>documents</c> folder), each
/// stored once under its SHA-256. Only PDF, JPEG and PNG are accepted, recognised by their content, not
/// by the name or the type the browser claims.
/// </summary>
public partial class DocumentStore(IConfiguration config)
{
    /// <summary>Above the largest allowed setting (100 MB), so the setting, not the server, refuses with a message.</summary>
    public const long MaxRequestBytes = 101L * 1024 * 1024;

    private readonly string root = Path.Combine(Data.DatabaseSetup.DataDirectory(config), "documents");

    /// <param name="Created">Whether this save wrote the file (false when the same content was stored before).</param>
    public sealed record Stored(string Path, string Sha256, string ContentType, string Extension, int Pages, long Size, bool Created);

    /// <summary>Removes a file this request stored when its record could not be saved.</summary>
    public void Discard(Stored stored)
    {
        if (stored.Created && Open(stored.Path) is { } f) { f.Dispose(); File.Delete(System.IO.Path.Combine(root, stored.Path)); }
    }

    /// <summary>Saves the content; null when it is not a PDF, JPEG or PNG (nothing is kept then).</summary>
    public async Task<Stored?> SaveAsync(int storeId, Stream content, long maxLength)
    {
        Directory.CreateDirectory(root);
        var temp = System.IO.Path.Combine(root, $".upload-{Guid.NewGuid():N}");
        try
        {
            long size;
            string sha;
            await using (var file = File.Create(temp))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                size = 0;
                int n;
                while ((n = await content.ReadAsync(buffer)) > 0)
                {
                    size += n;
                    if (size > maxLength) return null;
                    hash.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n));
                }
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            var kind = await SniffAsync(temp);
            if (kind is null) return null;
            var (contentType, extension) = kind.Value;
            var pages = contentType == "application/pdf" ? PdfPages(await File.ReadAllBytesAsync(temp)) : 1;
            var relative = $"{storeId}/{sha[..2]}/{sha}{extension}";
            var target = System.IO.Path.Combine(root, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            var created = false;
            if (!File.Exists(target))
            {
                try { File.Move(temp, target); created = true; }
                catch (IOException) when (File.Exists(target)) { } // the same content stored a moment ago by another upload
            }
            return new(relative, sha, contentType, extension, pages, size, created);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Stream? Open(string relative)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, relative));
        // Stored paths are our own, but never follow one out of the store.
        if (!full.StartsWith(System.IO.Path.GetFullPath(root) + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full)) return null;
        return File.OpenRead(full);
    }

    private static async Task<(string ContentType, string Extension)?> SniffAsync(string path)
    {
        var head = new byte[8];
        await using var f = File.OpenRead(path);
        var n = await f.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false);
        if (n >= 5 && head.AsSpan(0, 5).SequenceEqual("%PDF-"u8)) return ("application/pdf", ".pdf");
        if (n >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return ("image/jpeg", ".jpg");
        if (n >= 8 && head.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return ("image/png", ".png");
        return null;
    }

    /// <summary>Pages of a PDF: its page objects (<c>/Type /Page</c>, not <c>/Pages</c>); at least one.</summary>
    public static int PdfPages(byte[] pdf) => Math.Max(1, PageObject().Count(System.Text.Encoding.Latin1.GetString(pdf)));

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();
}
