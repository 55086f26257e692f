using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Tests.Infrastructure;
using static Dcrc.Tests.Infrastructure.TestData;

namespace Dcrc.Tests.Features.Customers;

/// <summary>The fields beyond the basics (SPEC §1.1): personal, company with its contacts, tags and membership, through the API with their history.</summary>
public abstract class CustomerDetailsTests(DcrcApp app)
{
    [Fact]
    public async Task A_company_with_its_contacts_and_profile_round_trips_and_changes_are_recorded()
    {
        var client = await app.ApiAs("th.crm");
        var body = new Dictionary<string, object?>
        {
            ["type"] = "company", ["name"] = "广州骏达物流有限公司", ["landline"] = "020-38881234", ["fax"] = "020 3888 1235", ["nature"] = "stateOwned",
            ["registeredCapital"] = 500, ["staffCount"] = 120, ["mainBusiness"] = "城市配送", ["creditRating"] = "AA", ["tags"] = "车队，大客户 车队",
            ["contacts"] = new[] { new { role = "legalRepresentative", name = "陈立", position = "董事长" }, new { role = "mainContact", name = "黄敏", position = "行政经理" } },
        };
        var created = await PostCreatedAsync(client, "/api/v1/customers", body);
        created.GetProperty("fax").GetString().ShouldBe("020-38881235");
        created.GetProperty("nature").GetString().ShouldBe("stateOwned");
        created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["车队", "大客户"]);
        created.GetProperty("contacts").GetArrayLength().ShouldBe(2);
        var id = created.GetProperty("id").GetInt64();

        body["contacts"] = new[] { new { role = "legalRepresentative", name = "陈立", position = "总经理" } };
        body["version"] = created.GetProperty("version").GetInt32();
        var updated = await client.PutAsJsonAsync($"/api/v1/customers/{id}", body);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        var after = await updated.Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("contacts").GetArrayLength().ShouldBe(1);
        after.GetProperty("contacts")[0].GetProperty("position").GetString().ShouldBe("总经理");
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/history");
        history.EnumerateArray().Select(h => h.GetProperty("field").GetString()).ShouldContain("contacts.legalRepresentative");
        history.EnumerateArray().Select(h => h.GetProperty("field").GetString()).ShouldContain("contacts.mainContact");
    }

    [Fact]
    public async Task Bad_nested_and_personal_fields_are_refused_by_name_and_nothing_is_saved()
    {
        var client = await app.ApiAs("th.crm");
        var mobile = NewMobile();
        var response = await client.PostAsJsonAsync("/api/v1/customers", new
        {
            type = "individual", name = "上官婉儿", mobile, weddingAnniversary = "2099-01-01", yearsDriving = 120, tags = "一,二,三,四,五,六,七,八,九,十,十一",
            contacts = new[] { new { role = "mainContact", name = new string('长', 60) } },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("yearsDriving", out _).ShouldBeTrue();
        errors.TryGetProperty("contacts[0].name", out _).ShouldBeTrue();
        var again = await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "上官婉儿", mobile, weddingAnniversary = "2099-01-01", tags = "一,二,三,四,五,六,七,八,九,十,十一" });
        var second = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        second.TryGetProperty("weddingAnniversary", out _).ShouldBeTrue();
        second.GetProperty("tags")[0].GetString().ShouldBe("标签最多 10 个，每个不超过 20 个字。");
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers?q={mobile}")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_class_change_is_in_the_class_history()
    {
        var client = await app.ApiAs("th.crm");
        var created = await PostCreatedAsync(client, "/api/v1/customers", new { type = "individual", name = "令狐冲", mobile = NewMobile(), @class = "c" });
        var id = created.GetProperty("id").GetInt64();
        var masked = created.GetProperty("mobile").GetString()!;
        var wrong = await client.PutAsJsonAsync($"/api/v1/customers/{id}", new { type = "individual", name = "令狐冲", mobile = masked[..3] + "****0000", @class = "b", version = created.GetProperty("version").GetInt32() });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest); // a masked number that is not the stored one means nothing
        // Sent back as the GET showed it, the masked mobile means "unchanged".
        var changed = await client.PutAsJsonAsync($"/api/v1/customers/{id}", new { type = "individual", name = "令狐冲", mobile = masked, @class = "b", version = created.GetProperty("version").GetInt32() });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mobile").GetString().ShouldBe(masked);
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/history?field=class");
        history.GetArrayLength().ShouldBe(1);
        history[0].GetProperty("oldValue").GetString().ShouldBe("C");
        history[0].GetProperty("newValue").GetString().ShouldBe("B");
    }
}

[Collection(SqliteCollection.Name)] public class CustomerDetailsTests_Sqlite(SqliteApp app) : CustomerDetailsTests(app);
[Collection(PostgresCollection.Name)] public class CustomerDetailsTests_Postgres(PostgresApp app) : CustomerDetailsTests(app);
