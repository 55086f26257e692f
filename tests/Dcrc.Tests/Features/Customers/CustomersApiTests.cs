using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Identifiers;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dcrc.Tests.Infrastructure.TestData;

namespace Dcrc.Tests.Features.Customers;

public abstract class CustomersApiTests(DcrcApp app)
{
    private static readonly Random Random = new();

    private static object Individual(string name, string mobile, string? idNumber = null, string? @class = null) => new
    {
        type = "individual", name, mobile, idNumber, @class,
        address = new { province = "广东省", city = "广州市", district = "天河区", detail = "体育西路 1 号" },
    };

    private static async Task<JsonElement> CreatedAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/customers", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_consultant_creates_a_draft_archive_with_a_number_and_derived_birth_date_and_gender()
    {
        var client = await app.ApiAs("th.sales");
        var mobile = NewMobile();
        var id = NewIdNumber(new DateOnly(1988, 5, 17), male: false);
        var c = await CreatedAsync(client, Individual("欧阳娜娜", mobile, id));
        c.GetProperty("archiveNumber").GetString()!.ShouldMatch(@"^TH-\d{6}-\d{6}$");
        c.GetProperty("status").GetString().ShouldBe("draft");
        c.GetProperty("birthday").GetString().ShouldBe("1988-05-17");
        c.GetProperty("gender").GetString().ShouldBe("female");
        c.GetProperty("mobile").GetString().ShouldBe(mobile[..3] + "****" + mobile[7..]);
        c.GetProperty("idNumber").GetString().ShouldBe(id[..6] + "********" + id[^4..]);
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.Where(x => x.Mobile == mobile).Select(x => x.IdNumberEncrypted).SingleAsync());
        stored.ShouldNotContain(id[6..14]); // the ID number is not stored in clear
    }

    [Fact]
    public async Task An_invalid_ID_number_is_refused_on_its_field_and_nothing_is_saved()
    {
        var client = await app.ApiAs("th.sales");
        var mobile = NewMobile();
        var response = await client.PostAsJsonAsync("/api/v1/customers", Individual("张三", mobile, "440106198805170021"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("idNumber")[0].GetString().ShouldBe("身份证号校验位不正确，请核对。");
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.AnyAsync(x => x.Mobile == mobile))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_bad_mobile_is_refused_in_English_on_request()
    {
        var client = await app.ApiAs("th.sales");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var problem = await (await client.PostAsJsonAsync("/api/v1/customers", Individual("Li Si", "12345"))).Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("mobile")[0].GetString().ShouldBe("Mobile must be an 11-digit mobile number starting with 1.");
    }

    [Fact]
    public async Task The_same_mobile_shows_the_existing_archive_instead_of_creating_a_second()
    {
        var client = await app.ApiAs("th.crm");
        var mobile = NewMobile();
        var first = await CreatedAsync(client, Individual("李四", mobile));
        var second = await client.PostAsJsonAsync("/api/v1/customers", Individual("李四", "+86 " + mobile));
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().ShouldBe("记录已存在。"); // a duplicate, not someone else's change
        var match = problem.GetProperty("matches")[0];
        match.GetProperty("archiveNumber").GetString().ShouldBe(first.GetProperty("archiveNumber").GetString());
        match.GetProperty("field").GetString().ShouldBe("mobile");
    }

    [Fact]
    public async Task A_consultant_opening_another_consultants_customer_gets_403_and_the_manager_sees_it()
    {
        var created = await CreatedAsync(await app.ApiAs("th.sales"), Individual("王五", NewMobile()));
        var id = created.GetProperty("id").GetInt64();
        (await (await app.ApiAs("th.sales2")).GetAsync($"/api/v1/customers/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.ApiAs("th.salesmgr")).GetAsync($"/api/v1/customers/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.ApiAs("th.crm")).GetAsync($"/api/v1/customers/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.ApiAs("ns.crm")).GetAsync($"/api/v1/customers/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // another store
        await app.AuditWrittenAsync();
        var reads = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.CountAsync(e => e.Action == "customers.read" && e.EntityId == id.ToString()));
        reads.ShouldBe(2);
    }

    [Fact]
    public async Task Class_A_archives_are_for_manager_level_only()
    {
        var created = await CreatedAsync(await app.ApiAs("th.crm"), Individual("赵六", NewMobile(), @class: "a"));
        var id = created.GetProperty("id").GetInt64();
        (await (await app.ApiAs("th.callback")).GetAsync($"/api/v1/customers/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.ApiAs("th.gm")).GetAsync($"/api/v1/customers/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unmasking_needs_its_permission_and_is_audited()
    {
        var mobile = NewMobile();
        var id = (await CreatedAsync(await app.ApiAs("th.crm"), Individual("孙七", mobile))).GetProperty("id").GetInt64();
        (await (await app.ApiAs("th.callback")).PostAsync($"/api/v1/customers/{id}/unmask", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var full = await (await (await app.ApiAs("th.crm")).PostAsync($"/api/v1/customers/{id}/unmask", null)).Content.ReadFromJsonAsync<JsonElement>();
        full.GetProperty("mobile").GetString().ShouldBe(mobile);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.AnyAsync(e => e.Action == "customers.unmask" && e.EntityId == id.ToString()))).ShouldBeTrue();
    }

    [Fact]
    public async Task Search_finds_by_pinyin_initials_full_pinyin_last_four_digits_and_name()
    {
        var client = await app.ApiAs("th.crm");
        var mobile = NewMobile();
        var name = "曾" + (char)Random.Next(0x4E00 + 200, 0x4E00 + 2000) + "贤";
        var id = (await CreatedAsync(client, Individual(name, mobile))).GetProperty("id").GetInt64();
        var full = Dcrc.Kernel.Pinyin.Pinyin.Full(name);
        full.ShouldStartWith("zeng");
        foreach (var q in new[] { Dcrc.Kernel.Pinyin.Pinyin.Initials(name), full, mobile[^4..], mobile, name, name[..2] })
        {
            var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers?q={Uri.EscapeDataString(q)}&pageSize=100");
            found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldContain(id, q);
        }
    }

    [Fact]
    public async Task Archive_numbers_stay_unique_when_created_at_once()
    {
        var client = await app.ApiAs("th.crm");
        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsJsonAsync("/api/v1/customers", Individual("并发客户", NewMobile()))));
        var numbers = new List<string>();
        foreach (var r in created)
        {
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            numbers.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("archiveNumber").GetString()!);
        }
        numbers.Distinct().Count().ShouldBe(8);
    }
}

[Collection(SqliteCollection.Name)] public class CustomersApiTests_Sqlite(SqliteApp app) : CustomersApiTests(app);
[Collection(PostgresCollection.Name)] public class CustomersApiTests_Postgres(PostgresApp app) : CustomersApiTests(app);

public abstract class CustomerClassTests(DcrcApp app)
{
    [Fact]
    public async Task A_consultant_sees_the_archive_they_created_but_may_not_make_it_class_A()
    {
        var client = await app.ApiAs("th.sales");
        var mobile = "136" + Random.Shared.Next(10_000_000, 99_999_999);
        var refused = await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "周九", mobile, @class = "a" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("class", out _).ShouldBeTrue();
        var created = await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "周九", mobile });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await client.GetAsync($"/api/v1/customers/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)] public class CustomerClassTests_Sqlite(SqliteApp app) : CustomerClassTests(app);
[Collection(PostgresCollection.Name)] public class CustomerClassTests_Postgres(PostgresApp app) : CustomerClassTests(app);
