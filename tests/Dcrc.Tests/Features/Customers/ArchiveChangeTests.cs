using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Tests.Infrastructure;
using static Dcrc.Tests.Infrastructure.TestData;

namespace Dcrc.Tests.Features.Customers;

public abstract class ArchiveChangeTests(DcrcApp app)
{

    private static object Body(string name, string mobile, int? version = null, string? city = "广州市") =>
        new { type = "individual", name, mobile, version, address = new { province = "广东省", city } };

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage r)
    {
        r.IsSuccessStatusCode.ShouldBeTrue(await r.Content.ReadAsStringAsync());
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Every_changed_field_is_recorded_with_who_old_and_new()
    {
        var client = await app.ApiAs("th.crm");
        var mobile = NewMobile();
        var created = await ReadAsync(await client.PostAsJsonAsync("/api/v1/customers", Body("吴十", mobile)));
        var id = created.GetProperty("id").GetInt64();
        var newMobile = NewMobile();
        var updated = await ReadAsync(await client.PutAsJsonAsync($"/api/v1/customers/{id}", Body("吴拾", newMobile, created.GetProperty("version").GetInt32(), city: "佛山市")));
        updated.GetProperty("version").GetInt32().ShouldBe(created.GetProperty("version").GetInt32() + 1);

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/history");
        var changes = history.EnumerateArray().ToDictionary(h => h.GetProperty("field").GetString()!, h => h);
        changes.Keys.ShouldBe(["name", "mobile", "city"], ignoreOrder: true);
        changes["name"].GetProperty("oldValue").GetString().ShouldBe("吴十");
        changes["name"].GetProperty("newValue").GetString().ShouldBe("吴拾");
        changes["name"].GetProperty("changedBy").GetString().ShouldBe("th.crm");
        changes["mobile"].GetProperty("newValue").GetString()!.ShouldContain("****"); // numbers stay masked in the history
    }

    [Fact]
    public async Task A_save_over_someone_elses_change_is_refused()
    {
        var client = await app.ApiAs("th.crm");
        var mobile = NewMobile();
        var created = await ReadAsync(await client.PostAsJsonAsync("/api/v1/customers", Body("郑一", mobile)));
        var id = created.GetProperty("id").GetInt64();
        var version = created.GetProperty("version").GetInt32();
        (await client.PutAsJsonAsync($"/api/v1/customers/{id}", Body("郑一一", mobile, version))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stale = await client.PutAsJsonAsync($"/api/v1/customers/{id}", Body("郑二", mobile, version));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}")).GetProperty("name").GetString().ShouldBe("郑一一");
    }

    [Fact]
    public async Task A_draft_is_approved_by_a_supervisor_but_not_by_its_creator()
    {
        var crm = await app.ApiAs("th.crm");
        var id = (await ReadAsync(await crm.PostAsJsonAsync("/api/v1/customers", Body("冯二", NewMobile())))).GetProperty("id").GetInt64();
        (await crm.PostAsync($"/api/v1/customers/{id}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.ApiAs("th.callback")).PostAsync($"/api/v1/customers/{id}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var gm = await app.ApiAs("th.gm");
        (await gm.PostAsync($"/api/v1/customers/{id}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await gm.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}")).GetProperty("status").GetString().ShouldBe("approved");
    }
}

[Collection(SqliteCollection.Name)] public class ArchiveChangeTests_Sqlite(SqliteApp app) : ArchiveChangeTests(app);
[Collection(PostgresCollection.Name)] public class ArchiveChangeTests_Postgres(PostgresApp app) : ArchiveChangeTests(app);

public abstract class RefusedEditTests(DcrcApp app)
{
    [Fact]
    public async Task A_refused_edit_on_the_page_saves_none_of_its_fields()
    {
        var api = await app.ApiAs("th.crm");
        var mobile = "159" + Random.Shared.Next(10_000_000, 99_999_999);
        var created = await (await api.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "原名", mobile })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        var browser = await app.BrowserAs("th.crm");
        var response = await DcrcApp.PostFormAsync(browser, $"/Customers/{id}/Edit", new()
        {
            ["Input.Type"] = "Individual", ["Input.Name"] = "改过的名字", ["Input.Mobile"] = mobile, ["Input.IdNumber"] = "440106198805170021",
            ["Input.Class"] = "C", ["Input.Kind"] = "Individual", ["Input.Version"] = created.GetProperty("version").GetInt32().ToString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("校验位");
        var now = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}");
        now.GetProperty("name").GetString().ShouldBe("原名");
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/history")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_stale_edit_on_the_page_is_reported_not_a_server_error()
    {
        var api = await app.ApiAs("th.crm");
        var mobile = "159" + Random.Shared.Next(10_000_000, 99_999_999);
        var created = await (await api.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "并发", mobile })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        var version = created.GetProperty("version").GetInt32();
        (await api.PutAsJsonAsync($"/api/v1/customers/{id}", new { type = "individual", name = "并发一", mobile, version })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var browser = await app.BrowserAs("th.crm");
        var response = await DcrcApp.PostFormAsync(browser, $"/Customers/{id}/Edit", new()
        {
            ["Input.Type"] = "Individual", ["Input.Name"] = "并发二", ["Input.Mobile"] = mobile, ["Input.Class"] = "C", ["Input.Kind"] = "Individual",
            ["Input.Version"] = version.ToString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("已被他人修改");
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}")).GetProperty("name").GetString().ShouldBe("并发一");
    }
}

[Collection(SqliteCollection.Name)] public class RefusedEditTests_Sqlite(SqliteApp app) : RefusedEditTests(app);
[Collection(PostgresCollection.Name)] public class RefusedEditTests_Postgres(PostgresApp app) : RefusedEditTests(app);
