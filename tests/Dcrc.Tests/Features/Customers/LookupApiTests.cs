using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Kernel.Identifiers;
using Dcrc.Tests.Infrastructure;
using static Dcrc.Tests.Infrastructure.TestData;

namespace Dcrc.Tests.Features.Customers;

public abstract class LookupApiTests(DcrcApp app)
{
    private static readonly Random Random = new();

    private async Task<(HttpClient Client, long Id, string Mobile)> CustomerAsync(string user = "th.crm")
    {
        var client = await app.ApiAs(user);
        var mobile = NewMobile();
        var response = await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "钱八", mobile });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (client, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64(), mobile);
    }

    [Fact]
    public async Task A_vehicle_is_added_and_found_by_VIN_and_by_its_last_six_characters()
    {
        var (client, id, _) = await CustomerAsync();
        var vin = NewVin();
        var added = await client.PostAsJsonAsync($"/api/v1/customers/{id}/vehicles", new { vin = vin.ToLowerInvariant(), plateNumber = "粤A·" + Random.Next(10000, 99999), model = "卡罗拉", purchaseDate = "2025-06-01" });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var byVin = await client.GetFromJsonAsync<JsonElement>($"/api/v1/vehicles/{vin}");
        byVin.GetProperty("customerId").GetInt64().ShouldBe(id);
        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers?q={vin[^6..]}");
        found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldContain(id);
    }

    [Fact]
    public async Task A_duplicate_VIN_names_the_archive_by_number_only_to_whoever_may_see_it()
    {
        var (client, id, _) = await CustomerAsync();
        var vin = NewVin();
        (await client.PostAsJsonAsync($"/api/v1/customers/{id}/vehicles", new { vin })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var owner = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}");
        // The same store: the archive is named by its number, never by its internal id.
        var (_, other, _) = await CustomerAsync();
        var same = await client.PostAsJsonAsync($"/api/v1/customers/{other}/vehicles", new { vin });
        same.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await same.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().ShouldBe("记录已存在。");
        problem.TryGetProperty("customerId", out _).ShouldBeFalse();
        problem.GetProperty("archiveNumber").GetString().ShouldBe(owner.GetProperty("archiveNumber").GetString());
        // A user of the other store learns that the VIN exists, and nothing of whose it is.
        var ns = await app.ApiAs("ns.crm");
        var nsCustomer = (await TestData.PostCreatedAsync(ns, "/api/v1/customers", new { type = "individual", name = "南山客户", mobile = NewMobile() })).GetProperty("id").GetInt64();
        var elsewhere = await ns.PostAsJsonAsync($"/api/v1/customers/{nsCustomer}/vehicles", new { vin });
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var hidden = await elsewhere.Content.ReadAsStringAsync();
        hidden.ShouldNotContain(owner.GetProperty("archiveNumber").GetString()!);
        hidden.ShouldNotContain("customerId");
        hidden.ShouldNotContain("archiveNumber");
    }

    [Fact]
    public async Task A_wrong_VIN_check_digit_or_plate_is_refused_and_a_VIN_exists_once()
    {
        var (client, id, _) = await CustomerAsync();
        var vin = NewVin();
        var wrongDigit = vin[..8] + (vin[8] == '1' ? '2' : '1') + vin[9..];
        var bad = await client.PostAsJsonAsync($"/api/v1/customers/{id}/vehicles", new { vin = wrongDigit, plateNumber = "粤I12345" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("vin")[0].GetString()!.ShouldContain("第 9 位");
        errors.GetProperty("plateNumber")[0].GetString()!.ShouldContain("车牌号");
        (await client.PostAsJsonAsync($"/api/v1/customers/{id}/vehicles", new { vin })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var (_, other, _) = await CustomerAsync();
        (await client.PostAsJsonAsync($"/api/v1/customers/{other}/vehicles", new { vin })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_incoming_number_pops_up_the_customer_with_vehicles_in_any_spelling()
    {
        var (client, id, mobile) = await CustomerAsync();
        var vin = NewVin();
        (await client.PostAsJsonAsync($"/api/v1/customers/{id}/vehicles", new { vin })).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var spelled in new[] { mobile, "+86" + mobile, "0086-" + mobile[..3] + "-" + mobile[3..] })
        {
            var pop = await client.GetFromJsonAsync<JsonElement>($"/api/v1/lookup/phone/{Uri.EscapeDataString(spelled)}");
            var customer = pop.GetProperty("customers").EnumerateArray().Single();
            customer.GetProperty("id").GetInt64().ShouldBe(id);
            customer.GetProperty("vehicles")[0].GetProperty("vin").GetString().ShouldBe(vin);
            customer.GetProperty("mobile").GetString()!.ShouldContain("****");
        }
        var unknown = await client.GetFromJsonAsync<JsonElement>("/api/v1/lookup/phone/13000000000");
        unknown.GetProperty("customers").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_screen_pop_respects_row_level_access()
    {
        var (_, _, mobile) = await CustomerAsync("th.sales");
        var other = await app.ApiAs("th.sales2");
        (await other.GetFromJsonAsync<JsonElement>($"/api/v1/lookup/phone/{mobile}")).GetProperty("customers").GetArrayLength().ShouldBe(0);
        var reception = await app.ApiAs("th.reception");
        (await reception.GetFromJsonAsync<JsonElement>($"/api/v1/lookup/phone/{mobile}")).GetProperty("customers").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_VIN_out_of_reach_is_403_in_the_store_and_404_elsewhere()
    {
        var (client, id, _) = await CustomerAsync("th.sales");
        var vin = NewVin();
        (await client.PostAsJsonAsync($"/api/v1/customers/{id}/vehicles", new { vin })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.GetAsync($"/api/v1/vehicles/{vin}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.ApiAs("th.sales2")).GetAsync($"/api/v1/vehicles/{vin}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.ApiAs("ns.crm")).GetAsync($"/api/v1/vehicles/{vin}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)] public class LookupApiTests_Sqlite(SqliteApp app) : LookupApiTests(app);
[Collection(PostgresCollection.Name)] public class LookupApiTests_Postgres(PostgresApp app) : LookupApiTests(app);

public abstract class VinTailSearchTests(DcrcApp app)
{
    [Fact]
    public async Task A_VIN_tail_of_letters_only_still_finds_the_vehicle()
    {
        var client = await app.ApiAs("th.crm");
        var created = await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "字母尾号", mobile = "133" + Random.Shared.Next(10_000_000, 99_999_999) });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var tail = new string(Enumerable.Range(0, 6).Select(_ => "ABCDEFGHJKLMNPRSTUVWXYZ"[Random.Shared.Next(23)]).ToArray());
        var body = "LTVA1B2C0D3" + tail;
        var vin = body[..8] + Vin.CheckDigit(body) + body[9..];
        (await client.PostAsJsonAsync($"/api/v1/customers/{id}/vehicles", new { vin })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers?q={tail.ToLowerInvariant()}");
        found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldContain(id);
    }
}

[Collection(SqliteCollection.Name)] public class VinTailSearchTests_Sqlite(SqliteApp app) : VinTailSearchTests(app);
[Collection(PostgresCollection.Name)] public class VinTailSearchTests_Postgres(PostgresApp app) : VinTailSearchTests(app);

public abstract class PolyphoneSearchTests(DcrcApp app)
{
    [Fact]
    public async Task Another_reading_of_a_polyphonic_character_still_finds_the_customer()
    {
        var client = await app.ApiAs("th.crm");
        var name = "重庆" + (char)Random.Shared.Next(0x4E00 + 3000, 0x4E00 + 6000) + "贸易有限公司";
        var created = await client.PostAsJsonAsync("/api/v1/customers", new { type = "company", name, landline = "023-6" + Random.Shared.Next(1_000_000, 9_999_999) });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=chongqing&pageSize=100");
        found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldContain(id);
    }
}

[Collection(SqliteCollection.Name)] public class PolyphoneSearchTests_Sqlite(SqliteApp app) : PolyphoneSearchTests(app);
[Collection(PostgresCollection.Name)] public class PolyphoneSearchTests_Postgres(PostgresApp app) : PolyphoneSearchTests(app);
