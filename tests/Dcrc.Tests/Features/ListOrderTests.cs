using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features;

/// <summary>
/// Paged lists tell the truth: the app's context throws on EF's "Skip/Take without OrderBy" warning outside
/// Production, and every main list page and API list answers on its first and second page; pages never overlap.
/// </summary>
public abstract class ListOrderTests(DcrcApp app)
{
    [Fact]
    public async Task The_test_app_throws_on_a_page_taken_without_an_order()
    {
        var thrown = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            try { await db.Stores.Skip(1).Take(1).ToListAsync(); return false; }
            catch (InvalidOperationException e) when (e.Message.Contains(CoreEventId.RowLimitingOperationWithoutOrderByWarning.Name!, StringComparison.Ordinal)) { return true; }
        });
        thrown.ShouldBeTrue();
    }

    [Fact]
    public async Task A_list_page_shows_the_page_its_address_asks_for_not_the_first_again()
    {
        // Razor Pages' own route value "page" must not hide the query's: page 2 of a list with more is page 2.
        var reception = await app.ApiAs("th.reception");
        var customer = (await TestData.PostCreatedAsync(reception, "/api/v1/customers", new { type = "individual", name = "翻页客户", mobile = TestData.NewMobile() })).GetProperty("id").GetInt64();
        for (var i = 0; i < 31; i++)
            await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "serviceQuality", description = "翻页" + i, request = "回电" });
        var browser = await app.BrowserAs("th.crm");
        var second = await browser.GetStringAsync("/Complaints?all=true&page=2");
        System.Text.RegularExpressions.Regex.Match(second, "id=\"pager-summary\">[^<]*").Value.ShouldMatch(@"第 2/\d+ 页");
    }

    [Fact]
    public async Task Every_paged_list_answers_on_its_first_and_second_page()
    {
        var lists = new (string User, string Url)[]
        {
            ("th.crm", "/Customers?q=zs"), ("th.crm", "/Customers?q=13"), ("th.crm", "/Customers?q=zhang"), ("th.crm", "/Customers?q=王"),
            ("th.crm", "/Customers/Due"), ("th.crm", "/Customers/Due?contact=Visit"), ("th.crm", "/Customers/Filing/Handovers"), ("th.crm", "/Customers/Filing/Handovers?view=Received"),
            ("th.callback", "/Callbacks"), ("th.crm", "/Callbacks?view=Closed"), ("th.crm", "/Callbacks?view=Rescheduled"), ("th.crm", "/Callbacks?view=Upcoming"),
            ("th.crm", "/Callbacks/Reports/Failures"), ("th.crm", "/Callbacks/Reports/Invalid"), ("th.crm", "/Callbacks/Reports/Sms"), ("th.crm", "/Callbacks/Reports/Daily"),
            ("th.reception", "/Calls"), ("th.reception", "/Complaints"), ("th.crm", "/Complaints?all=true"), ("th.crm", "/Complaints/Statistics?period=Year"),
            ("th.crm", "/Notifications"), ("auditadmin", "/Audit"), ("sysadmin", "/Admin/Users"), ("th.crm", "/Knowledge?faq=1"),
            ("th.crm", "/api/v1/customers?q=zs"), ("th.crm", "/api/v1/customers?q=王"), ("th.crm", "/api/v1/customers"), ("th.crm", "/api/v1/customers/due?contact=call"),
            ("th.callback", "/api/v1/callbacks/tasks"), ("th.crm", "/api/v1/callbacks/reports/failures"), ("th.crm", "/api/v1/callbacks/reports/invalid"), ("th.crm", "/api/v1/callbacks/reports/sms"),
            ("th.reception", "/api/v1/calls"), ("th.reception", "/api/v1/complaints"), ("th.crm", "/api/v1/complaints/statistics?period=year"), ("th.crm", "/api/v1/sms/messages"),
            ("th.crm", "/api/v1/sms/replies"), ("auditadmin", "/api/v1/audit"), ("sysadmin", "/api/v1/users"), ("th.crm", "/api/v1/knowledge/faq"), ("th.crm", "/api/v1/archive/handovers"),
        };
        var browsers = new Dictionary<string, HttpClient>();
        var apis = new Dictionary<string, HttpClient>();
        var problems = new List<string>();
        foreach (var (user, url) in lists)
        {
            var api = url.StartsWith("/api/", StringComparison.Ordinal);
            var client = api
                ? apis.TryGetValue(user, out var a) ? a : apis[user] = await app.ApiAs(user)
                : browsers.TryGetValue(user, out var b) ? b : browsers[user] = await app.BrowserAs(user);
            foreach (var page in new[] { 1, 2 })
            {
                var paged = $"{url}{(url.Contains('?') ? '&' : '?')}page={page}&pageSize=5";
                var response = await client.GetAsync(paged);
                if (response.StatusCode != HttpStatusCode.OK) problems.Add($"{user} {paged}: {(int)response.StatusCode}");
            }
        }
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Customer_pages_never_overlap_and_rows_show_plate_and_model()
    {
        var crm = await app.ApiAs("th.crm");
        var ids = new List<long>();
        for (var page = 1; page <= 4; page++)
        {
            var body = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/customers?page={page}&pageSize=10");
            ids.AddRange(body.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        }
        ids.Count.ShouldBe(40);
        ids.Distinct().Count().ShouldBe(ids.Count);

        // Two namesakes told apart by plate and model, on the page and in the API row.
        var name = "杨凯瑞" + (char)Random.Shared.Next(0x4e00, 0x4e80);
        foreach (var (plate, model) in new[] { ("粤A" + Random.Shared.Next(10000, 99999), "卡罗拉"), ("粤B" + Random.Shared.Next(10000, 99999), "凯美瑞") })
        {
            var id = (await TestData.PostCreatedAsync(crm, "/api/v1/customers", new { type = "individual", name, mobile = TestData.NewMobile() })).GetProperty("id").GetInt64();
            await TestData.PostCreatedAsync(crm, $"/api/v1/customers/{id}/vehicles", new { vin = TestData.NewVin(), plateNumber = plate, model });
        }
        var rows = (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/customers?q={Uri.EscapeDataString(name)}")).GetProperty("items").EnumerateArray().ToList();
        rows.Count.ShouldBe(2);
        rows.Select(r => r.GetProperty("model").GetString()).Order().ShouldBe(["凯美瑞", "卡罗拉"]);
        rows.ShouldAllBe(r => r.GetProperty("plate").GetString()!.StartsWith("粤"));
        var html = await (await app.BrowserAs("th.crm")).GetStringAsync($"/Customers?q={Uri.EscapeDataString(name)}");
        foreach (var r in rows)
        {
            html.ShouldContain(r.GetProperty("plate").GetString()!);
            html.ShouldContain(r.GetProperty("model").GetString()!);
        }
    }
}

[Collection(SqliteCollection.Name)] public class ListOrderTests_Sqlite(SqliteApp app) : ListOrderTests(app);
[Collection(PostgresCollection.Name)] public class ListOrderTests_Postgres(PostgresApp app) : ListOrderTests(app);
