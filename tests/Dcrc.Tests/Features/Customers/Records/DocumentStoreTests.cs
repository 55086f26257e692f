using System.Text;
using Dcrc.Features.Customers.Records;
using Microsoft.Extensions.Configuration;

namespace Dcrc.Tests.Features.Customers.Records;

public class DocumentStoreTests
{
    public static byte[] Pdf(int pages)
    {
        var kids = string.Join(" ", Enumerable.Range(0, pages).Select(i => $"{3 + i} 0 R"));
        var body = new StringBuilder("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
            .Append($"2 0 obj << /Type /Pages /Kids [{kids}] /Count {pages} >> endobj\n");
        for (var i = 0; i < pages; i++) body.Append($"{3 + i} 0 obj << /Type/Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n");
        return Encoding.Latin1.GetBytes(body.Append("%%EOF\n").ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_PDF_counts_its_page_objects_not_the_page_tree(int pages) => DocumentStore.PdfPages(Pdf(pages)).ShouldBe(pages);

    [Fact]
    public async Task Only_PDF_JPEG_and_PNG_content_is_kept_whatever_the_name_says()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dcrc-docs-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new DocumentStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Dcrc:DataDirectory"] = dir }).Build());
            (await store.SaveAsync(1, new MemoryStream("<html>not a pdf</html>"u8.ToArray()), 1000)).ShouldBeNull();
            (await store.SaveAsync(1, new MemoryStream(Pdf(2)), 10)).ShouldBeNull(); // over the limit
            var saved = await store.SaveAsync(1, new MemoryStream(Pdf(2)), 100_000);
            saved.ShouldNotBeNull();
            saved.Pages.ShouldBe(2);
            saved.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf(2))));
            Directory.GetFiles(Path.Combine(dir, "documents"), "*", SearchOption.AllDirectories).Length.ShouldBe(1); // nothing left of the refused ones
            using var back = store.Open(saved.Path)!;
            using var copy = new MemoryStream();
            await back.CopyToAsync(copy);
            copy.ToArray().ShouldBe(Pdf(2));
            store.Open("../../etc/passwd").ShouldBeNull();
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
