using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Kernel.Identifiers;
using Dcrc.Tests.Infrastructure;
using static Dcrc.Tests.Infrastructure.TestData;

namespace Dcrc.Tests.Features.Customers;

public abstract class MergeTests(DcrcApp app)
{
    [Fact]
    public async Task A_merge_moves_vehicles_and_records_fills_empty_fields_keeps_the_history_and_points_the_old_number_at_the_survivor()
    {
        var client = await app.ApiAs("th.crm");
        var (keep, _, _) = await CustomerWithVehicleAsync(client, "司马光");
        var mobile = NewMobile();
        var id = NewIdNumber();
        var dup = await PostCreatedAsync(client, "/api/v1/customers", new { type = "individual", name = "司马光", mobile, idNumber = id, email = "smg@example.cn" });
        var dupId = dup.GetProperty("id").GetInt64();
        var dupNumber = dup.GetProperty("archiveNumber").GetString()!;
        var vin = NewVin();
        await PostCreatedAsync(client, $"/api/v1/customers/{dupId}/vehicles", new { vin });
        await PostCreatedAsync(client, $"/api/v1/customers/{dupId}/interactions", new { channel = "visit", summary = "来店看车" });

        (await (await app.ApiAs("th.sales")).PostAsJsonAsync($"/api/v1/customers/{keep}/merge", new { from = dupNumber })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var refused = await client.PostAsJsonAsync($"/api/v1/customers/{keep}/merge", new { from = "TH-000000-000000" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var merged = await client.PostAsJsonAsync($"/api/v1/customers/{keep}/merge", new { from = dupNumber });
        merged.StatusCode.ShouldBe(HttpStatusCode.OK, await merged.Content.ReadAsStringAsync());
        var survivor = await merged.Content.ReadFromJsonAsync<JsonElement>();
        survivor.GetProperty("email").GetString().ShouldBe("smg@example.cn");
        survivor.GetProperty("idNumber").GetString().ShouldBe(id[..6] + "********" + id[^4..]);
        survivor.GetProperty("vehicles").GetArrayLength().ShouldBe(2);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{keep}/interactions")).GetArrayLength().ShouldBe(1);
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{keep}/history?field=merge");
        history[0].GetProperty("oldValue").GetString().ShouldBe(dupNumber);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/vehicles/{vin}")).GetProperty("customerId").GetInt64().ShouldBe(keep);

        // The merged archive is gone from view, and its numbers lead to the survivor instead of a third archive.
        (await client.GetAsync($"/api/v1/customers/{dupId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var again = await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "司马光", mobile });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matches")[0].GetProperty("id").GetInt64().ShouldBe(keep);
        (await client.PostAsJsonAsync($"/api/v1/customers/{keep}/merge", new { from = dupNumber })).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // not twice
        var page = await (await app.BrowserAs("th.crm")).GetAsync($"/Customers/{dupId}");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldBe($"/Customers/{keep}");
    }
}

public abstract class MergeChainTests(DcrcApp app)
{
    [Fact]
    public async Task After_a_chain_of_merges_the_last_survivor_stays_editable_and_every_old_number_leads_to_it()
    {
        var client = await app.ApiAs("th.crm");
        var x = NewMobile();
        var a = await PostCreatedAsync(client, "/api/v1/customers", new { type = "individual", name = "尉迟恭", mobile = x });
        var b = await PostCreatedAsync(client, "/api/v1/customers", new { type = "individual", name = "尉迟恭", mobile = NewMobile() });
        (await client.PostAsJsonAsync($"/api/v1/customers/{b.GetProperty("id").GetInt64()}/merge", new { from = a.GetProperty("archiveNumber").GetString() })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var c = await PostCreatedAsync(client, "/api/v1/customers", new { type = "individual", name = "尉迟恭", landline = "020-38881111" });
        var cId = c.GetProperty("id").GetInt64();
        var merged = await client.PostAsJsonAsync($"/api/v1/customers/{cId}/merge", new { from = b.GetProperty("archiveNumber").GetString() });
        merged.StatusCode.ShouldBe(HttpStatusCode.OK, await merged.Content.ReadAsStringAsync());
        var survivor = await merged.Content.ReadFromJsonAsync<JsonElement>();

        // C took B's mobile; A's mobile X now belongs to C as well: C can still be saved, and X is a duplicate of C.
        var full = await (await client.PostAsync($"/api/v1/customers/{cId}/unmask", null)).Content.ReadFromJsonAsync<JsonElement>();
        var edit = await client.PutAsJsonAsync($"/api/v1/customers/{cId}", new
        {
            type = "individual", name = "尉迟恭", mobile = full.GetProperty("mobile").GetString(), landline = "020-38881111", notes = "合并后修改",
            version = survivor.GetProperty("version").GetInt32(),
        });
        edit.StatusCode.ShouldBe(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        var again = await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "尉迟恭", mobile = x });
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matches")[0].GetProperty("id").GetInt64().ShouldBe(cId);
        var page = await (await app.BrowserAs("th.crm")).GetAsync($"/Customers/{a.GetProperty("id").GetInt64()}");
        page.Headers.Location!.ToString().ShouldBe($"/Customers/{cId}");
    }
}

public abstract class MergePageTests(DcrcApp app)
{
    [Fact]
    public async Task On_the_customer_page_a_CR_manager_merges_by_archive_number_and_a_wrong_number_is_shown_beside_the_field()
    {
        var api = await app.ApiAs("th.crm");
        var keep = (await PostCreatedAsync(api, "/api/v1/customers", new { type = "individual", name = "长孙无忌", mobile = NewMobile() })).GetProperty("id").GetInt64();
        var other = await PostCreatedAsync(api, "/api/v1/customers", new { type = "individual", name = "长孙无忌", mobile = NewMobile(), email = "zs@example.cn" });
        var browser = await app.BrowserAs("th.crm");
        var wrong = await DcrcApp.PostFormAsync(browser, $"/Customers/{keep}?handler=Merge", new() { ["mergeFrom"] = "TH-999999-999999" }, $"/Customers/{keep}");
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("没有找到可合并的档案");
        var merged = await DcrcApp.PostFormAsync(browser, $"/Customers/{keep}?handler=Merge", new() { ["mergeFrom"] = other.GetProperty("archiveNumber").GetString()! }, $"/Customers/{keep}");
        merged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{keep}")).GetProperty("email").GetString().ShouldBe("zs@example.cn");
        var consultant = await app.BrowserAs("th.sales");
        (await DcrcApp.PostFormAsync(consultant, $"/Customers/{keep}?handler=Merge", new() { ["mergeFrom"] = "x" }, "/Customers")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)] public class MergePageTests_Sqlite(SqliteApp app) : MergePageTests(app);
[Collection(PostgresCollection.Name)] public class MergePageTests_Postgres(PostgresApp app) : MergePageTests(app);

[Collection(SqliteCollection.Name)] public class MergeChainTests_Sqlite(SqliteApp app) : MergeChainTests(app);
[Collection(PostgresCollection.Name)] public class MergeChainTests_Postgres(PostgresApp app) : MergeChainTests(app);

[Collection(SqliteCollection.Name)] public class MergeTests_Sqlite(SqliteApp app) : MergeTests(app);
[Collection(PostgresCollection.Name)] public class MergeTests_Postgres(PostgresApp app) : MergeTests(app);
