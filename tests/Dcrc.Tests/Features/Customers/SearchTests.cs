using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Customers;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dcrc.Tests.Infrastructure.TestData;

namespace Dcrc.Tests.Features.Customers;

/// <summary>The search box's less obvious cases, and the capped total of a query that matches very many.</summary>
public abstract class SearchTests(DcrcApp app)
{

    private static async Task<long> CreatedAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name, mobile = NewMobile() });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<List<long>> FoundAsync(HttpClient client, string q) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers?q={Uri.EscapeDataString(q)}&pageSize=100"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task A_name_starting_with_a_province_character_is_a_name_and_a_plate_fragment_is_a_plate()
    {
        var client = await app.ApiAs("th.crm");
        var name = "苏" + (char)Random.Shared.Next(0x4E00 + 3000, 0x4E00 + 6000) + "磊";
        var id = await CreatedAsync(client, name);
        (await FoundAsync(client, name[..2])).ShouldContain(id);
        (await FoundAsync(client, name)).ShouldContain(id);

        var plate = "苏E" + Random.Shared.Next(10000, 99999);
        var vin = NewVin();
        (await client.PostAsJsonAsync($"/api/v1/customers/{id}/vehicles", new { vin, plateNumber = plate })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await FoundAsync(client, plate[..5])).ShouldContain(id);
        (await FoundAsync(client, "苏e·" + plate[2..6])).ShouldContain(id);
    }

    [Fact]
    public async Task Six_letters_of_pinyin_find_the_name_as_well_as_a_VIN_tail()
    {
        var client = await app.ApiAs("th.crm");
        var id = await CreatedAsync(client, "杨一" + (char)Random.Shared.Next(0x4E00 + 3000, 0x4E00 + 6000));
        (await FoundAsync(client, "yangyi")).ShouldContain(id);
    }

    [Fact]
    public async Task Seventeen_letters_of_pinyin_are_a_name_not_a_VIN()
    {
        var client = await app.ApiAs("th.crm");
        var name = "查零零八访"; // zhalinglingbafang: as long as a VIN
        var id = await CreatedAsync(client, name);
        var pinyin = Dcrc.Kernel.Pinyin.Pinyin.Full(name);
        pinyin.Length.ShouldBe(17);
        (await FoundAsync(client, pinyin)).ShouldContain(id);
    }

    /// <summary>Two characters of one reading each (so their pinyin is certain), different on every call.</summary>
    private static string GivenName()
    {
        var name = "";
        while (name.Length < 2)
        {
            var ch = (char)Random.Shared.Next(0x4E00 + 3000, 0x4E00 + 12000);
            if (Dcrc.Kernel.Pinyin.Pinyin.SearchKeys(ch.ToString(), person: false).Count == 2) name += ch;
        }
        return name;
    }

    [Fact]
    public async Task Four_digits_find_a_plate_fragment_as_well_as_a_mobiles_last_four()
    {
        var client = await app.ApiAs("th.crm");
        var digits = Random.Shared.Next(1000, 9999).ToString();
        var byPlate = await CreatedAsync(client, "车" + GivenName());
        (await client.PostAsJsonAsync($"/api/v1/customers/{byPlate}/vehicles", new { vin = NewVin(), plateNumber = "粤A" + digits + "K" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var mobile = "139" + Random.Shared.Next(1000, 9999) + digits;
        var response = await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "机" + GivenName(), mobile });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var byMobile = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var found = await FoundAsync(client, digits);
        found.ShouldContain(byPlate);
        found.ShouldContain(byMobile);
    }

    [Theory]
    [InlineData("覃", "qin", "tan", "谭")]
    [InlineData("种", "chong", "zhong", "钟")]
    [InlineData("秘", "bi", "mi", "米")]
    public async Task A_polyphonic_surname_is_found_by_every_reading_beside_a_same_sounding_name(string surname, string surnameReading, string otherReading, string sameSoundingSurname)
    {
        var client = await app.ApiAs("th.crm");
        var given = GivenName();
        var full = Dcrc.Kernel.Pinyin.Pinyin.Full(given, person: false);
        var initials = Dcrc.Kernel.Pinyin.Pinyin.Initials(given, person: false);
        var sameSounding = await CreatedAsync(client, sameSoundingSurname + given);
        var polyphonic = await CreatedAsync(client, surname + given); // newer, yet ranked after the surname reading

        var byOtherReading = await FoundAsync(client, otherReading + full);
        byOtherReading.ShouldContain(sameSounding);
        byOtherReading.ShouldContain(polyphonic);
        byOtherReading.IndexOf(sameSounding).ShouldBeLessThan(byOtherReading.IndexOf(polyphonic));
        (await FoundAsync(client, otherReading[0] + initials)).ShouldContain(polyphonic);
        var bySurnameReading = await FoundAsync(client, surnameReading + full);
        bySurnameReading.ShouldContain(polyphonic);
        bySurnameReading.ShouldNotContain(sameSounding);
        (await FoundAsync(client, surnameReading[0] + initials)).ShouldContain(polyphonic);
    }

    [Theory]
    [InlineData("朴", "piao", "pu")]
    [InlineData("缪", "miao", "mou")]
    [InlineData("单", "shan", "dan")]
    public async Task A_surname_is_found_by_its_common_reading_too(string surname, string surnameReading, string common)
    {
        var client = await app.ApiAs("th.crm");
        var given = GivenName();
        var full = Dcrc.Kernel.Pinyin.Pinyin.Full(given, person: false);
        var id = await CreatedAsync(client, surname + given);
        (await FoundAsync(client, surnameReading + full)).ShouldContain(id);
        (await FoundAsync(client, common + full)).ShouldContain(id);
        (await FoundAsync(client, common[0] + Dcrc.Kernel.Pinyin.Pinyin.Initials(given, person: false))).ShouldContain(id);
    }

    [Fact]
    public async Task A_query_matching_more_than_a_thousand_says_so_and_pages_on()
    {
        var tag = "封" + (char)Random.Shared.Next(0x4E00 + 3000, 0x4E00 + 6000);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            var store = await db.Stores.Where(s => s.Code == "TH").Select(s => s.Id).SingleAsync();
            var prefix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
            for (var i = 0; i < CustomerArchive.CountLimit + 5; i++)
            {
                var c = new Customer { StoreId = store, ArchiveNumber = $"CAP-{prefix}-{i}", Status = ArchiveStatus.Approved, CreatedAt = DateTime.UtcNow, Mobile = NewMobile() };
                c.SetName(tag + i, person: true);
                db.Customers.Add(c);
            }
            await db.SaveChangesAsync();
        });
        var client = await app.ApiAs("th.crm");
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers?q={Uri.EscapeDataString(tag)}&pageSize=20");
        (first.GetProperty("total").GetInt32(), first.GetProperty("totalCapped").GetBoolean()).ShouldBe((CustomerArchive.CountLimit, true));
        // Asked beyond the counted range, the count reaches the end of that page.
        var last = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers?q={Uri.EscapeDataString(tag)}&pageSize=20&page={CustomerArchive.CountLimit / 20 + 1}");
        (last.GetProperty("total").GetInt32(), last.GetProperty("totalCapped").GetBoolean()).ShouldBe((CustomerArchive.CountLimit + 5, false));
        last.GetProperty("items").GetArrayLength().ShouldBe(5);

        var browser = await app.BrowserAs("th.crm");
        var html = await browser.GetStringAsync($"/Customers?handler=Results&q={Uri.EscapeDataString(tag)}");
        html.ShouldContain($"超过 {CustomerArchive.CountLimit} 条，第 1 页");
        var next = System.Text.RegularExpressions.Regex.Match(html, "class=\"page-item ?([a-z]*)\"><a class=\"page-link\" href=\"[^\"]*\">下一页");
        next.Success.ShouldBeTrue(html);
        next.Groups[1].Value.ShouldBe(""); // the next page is open
    }
}

[Collection(SqliteCollection.Name)] public class SearchTests_Sqlite(SqliteApp app) : SearchTests(app);
[Collection(PostgresCollection.Name)] public class SearchTests_Postgres(PostgresApp app) : SearchTests(app);
