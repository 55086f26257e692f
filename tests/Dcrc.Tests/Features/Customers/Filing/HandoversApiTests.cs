using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Customers.Filing;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Excel;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Customers.Filing;

/// <summary>The departments' document hand-overs to DCRC (002 §五): late list, receiving, export, access.</summary>
public abstract class HandoversApiTests(DcrcApp app)
{
    /// <summary>Every page of the list (the demo dealership has hand-overs of its own).</summary>
    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string query)
    {
        var items = new List<JsonElement>();
        for (var page = 1; page <= 100; page++)
        {
            var answer = await client.GetFromJsonAsync<JsonElement>($"/api/v1/archive/handovers?pageSize=100&page={page}&" + query);
            items.AddRange(answer.GetProperty("items").EnumerateArray());
            if (items.Count >= answer.GetProperty("total").GetInt32()) break;
        }
        return items;
    }

    private static JsonElement? Find(List<JsonElement> items, long id) =>
        items.Cast<JsonElement?>().FirstOrDefault(i => i!.Value.GetProperty("transactionId").GetInt64() == id);

    [Fact]
    public async Task Late_means_due_before_today_in_the_stores_time_and_the_list_follows_the_clock()
    {
        // 17:00 UTC is 01:00 the next day in Shanghai: the store's date is a day ahead of UTC's.
        var now = app.Clock.GetUtcNow();
        var target = new DateTimeOffset(now.UtcDateTime.Date.AddHours(17).AddMinutes(5), TimeSpan.Zero);
        if (target < now) target = target.AddDays(1);
        app.Clock.Advance(target - now);
        var utcToday = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var today = FilingData.StoreToday(app);
        today.ShouldBe(utcToday.AddDays(1));

        var store = await FilingData.StoreAsync(app, "TH");
        var customer = await FilingData.CustomerAsync(app, store);
        // Delivered six days ago (store time): due yesterday by the 5-day rule, so one day late.
        var sale = await FilingData.AddAsync(app, store, customer, TransactionKind.Sale, today.AddDays(-6), Handover.DueOn(TransactionKind.Sale, today.AddDays(-6), 5, 3));
        // Due today: not late yet, although its due date is "yesterday" in UTC.
        var repair = await FilingData.AddAsync(app, store, customer, TransactionKind.RepairOrder, today.AddDays(-3), today);
        // Due in two days.
        var later = await FilingData.AddAsync(app, store, customer, TransactionKind.RepairOrder, today.AddDays(-1), today.AddDays(2));

        var client = await app.ApiAs("th.crm");
        var late = await ItemsAsync(client, "late=true");
        Find(late, sale.Id).ShouldNotBeNull().GetProperty("daysLate").GetInt32().ShouldBe(1);
        Find(late, repair.Id).ShouldBeNull();
        Find(late, later.Id).ShouldBeNull();
        late.ShouldAllBe(i => i.GetProperty("late").GetBoolean());
        (await ItemsAsync(client, "q=" + sale.Number[..6].ToLowerInvariant())).Select(i => i.GetProperty("transactionId").GetInt64()).ShouldContain(sale.Id);
        (await ItemsAsync(client, "q=" + sale.Number)).Select(i => i.GetProperty("transactionId").GetInt64()).ShouldBe([sale.Id]);

        var all = await ItemsAsync(client, "");
        var order = all.Select(i => i.GetProperty("transactionId").GetInt64()).ToList();
        order.IndexOf(sale.Id).ShouldBeLessThan(order.IndexOf(repair.Id)); // oldest due first
        order.IndexOf(repair.Id).ShouldBeLessThan(order.IndexOf(later.Id));
        all.Select(i => i.GetProperty("dueOn").GetString()).ShouldBe(all.Select(i => i.GetProperty("dueOn").GetString()).Order());
        var row = Find(all, sale.Id)!.Value;
        row.GetProperty("number").GetString().ShouldBe(sale.Number);
        row.GetProperty("kind").GetString().ShouldBe("sale");
        row.GetProperty("staffName").GetString().ShouldBe("王顾问");
        row.GetProperty("archiveNumber").GetString()!.ShouldStartWith("TH-");
        row.GetProperty("customerName").GetString().ShouldNotBeNullOrEmpty();

        // Three days on, all three are late, by 4, 3 and 1 days.
        app.Clock.Advance(TimeSpan.FromDays(3));
        late = await ItemsAsync(await app.ApiAs("th.crm"), "late=true");
        Find(late, sale.Id)!.Value.GetProperty("daysLate").GetInt32().ShouldBe(4);
        Find(late, repair.Id)!.Value.GetProperty("daysLate").GetInt32().ShouldBe(3);
        Find(late, later.Id)!.Value.GetProperty("daysLate").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Documents_are_received_once_with_time_and_user_audited_and_the_received_view_tells_they_came_late()
    {
        var store = await FilingData.StoreAsync(app, "TH");
        var customer = await FilingData.CustomerAsync(app, store, skip: 1);
        var today = FilingData.StoreToday(app);
        var t = await FilingData.AddAsync(app, store, customer, TransactionKind.RepairOrder, today.AddDays(-5), today.AddDays(-2));
        var onTime = await FilingData.AddAsync(app, store, customer, TransactionKind.Sale, today.AddDays(-1), today.AddDays(4));
        var client = await app.ApiAs("th.callback");

        var response = await client.PostAsync($"/api/v1/archive/handovers/{t.Id}/received", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("receivedBy").GetString().ShouldBe("th.callback");
        body.GetProperty("daysLate").GetInt32().ShouldBe(2);
        (await client.PostAsync($"/api/v1/archive/handovers/{onTime.Id}/received", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = await client.PostAsync($"/api/v1/archive/handovers/{t.Id}/received", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString()!.ShouldContain(t.Number);
        problem.GetProperty("title").GetString().ShouldBe("记录已存在。"); // recorded already: a duplicate, not someone else's change

        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Transactions.SingleAsync(x => x.Id == t.Id));
        stored.DocumentsReceivedBy.ShouldBe("th.callback");
        stored.DocumentsReceivedAt.ShouldNotBeNull().ShouldBe(app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1));
        var audited = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries
            .CountAsync(e => e.Action == FilingAuditActions.Received && e.EntityId == t.Id.ToString() && e.UserName == "th.callback"));
        audited.ShouldBe(1);

        Find(await ItemsAsync(client, ""), t.Id).ShouldBeNull();
        var received = await ItemsAsync(client, "view=received");
        Find(received, t.Id)!.Value.GetProperty("late").GetBoolean().ShouldBeTrue();
        Find(received, t.Id)!.Value.GetProperty("daysLate").GetInt32().ShouldBe(2);
        Find(received, onTime.Id)!.Value.GetProperty("late").GetBoolean().ShouldBeFalse();
        // The received view covers the last 90 days.
        var old = await FilingData.AddAsync(app, store, customer, TransactionKind.Sale, today.AddDays(-120), today.AddDays(-115),
            app.Clock.GetUtcNow().UtcDateTime.AddDays(-100));
        Find(await ItemsAsync(client, "view=received"), old.Id).ShouldBeNull();
        Find(await ItemsAsync(client, ""), old.Id).ShouldBeNull();

        (await client.PostAsync("/api/v1/archive/handovers/999999999/received", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Another store's transaction is out of reach.
        var ns = await FilingData.StoreAsync(app, "NS");
        var other = await FilingData.AddAsync(app, ns, await FilingData.CustomerAsync(app, ns), TransactionKind.Sale, today.AddDays(-9), today.AddDays(-4));
        (await client.PostAsync($"/api/v1/archive/handovers/{other.Id}/received", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Find(await ItemsAsync(client, "late=true"), other.Id).ShouldBeNull();
        Find(await ItemsAsync(await app.ApiAs("ns.crm"), "late=true"), other.Id).ShouldNotBeNull();
        (await client.GetAsync("/api/v1/archive/handovers?view=lost")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_page_lists_late_hand_overs_and_marks_documents_received()
    {
        var store = await FilingData.StoreAsync(app, "TH");
        var today = FilingData.StoreToday(app);
        var t = await FilingData.AddAsync(app, store, await FilingData.CustomerAsync(app, store, skip: 2), TransactionKind.Sale, today.AddDays(-10), today.AddDays(-5));
        var client = await app.BrowserAs("th.crm");
        // The number as read off the papers, in lower case and cut short, finds it.
        var list = $"/Customers/Filing/Handovers?late=true&q={t.Number[..8].ToLowerInvariant()}";
        var page = await client.GetStringAsync(list);
        page.ShouldContain(t.Number);
        page.ShouldContain("逾期 5 天");

        var response = await DcrcApp.PostFormAsync(client, $"/Customers/Filing/Handovers?handler=Received&id={t.Id}",
            new() { ["view"] = "Outstanding", ["late"] = "true", ["page"] = "1", ["q"] = t.Number }, list);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await client.GetStringAsync(response.Headers.Location!.OriginalString);
        after.ShouldContain($"已登记接收 {t.Number} 的资料（迟交 5 天）");
        after.ShouldNotContain($">{t.Number}<");
        after.ShouldContain("没有找到这个单号。");
        (await client.GetStringAsync($"/Customers/Filing/Handovers?view=Received&q={t.Number}")).ShouldContain("迟交 5 天");
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Transactions.Where(x => x.Id == t.Id).Select(x => x.DocumentsReceivedBy).SingleAsync()))
            .ShouldBe("th.crm");
    }

    [Fact]
    public async Task The_export_names_its_exporter_and_is_audited()
    {
        var store = await FilingData.StoreAsync(app, "TH");
        var today = FilingData.StoreToday(app);
        var t = await FilingData.AddAsync(app, store, await FilingData.CustomerAsync(app, store, skip: 3), TransactionKind.RepairOrder, today.AddDays(-8), today.AddDays(-5));
        var client = await app.ApiAs("th.crm");
        var response = await client.GetAsync("/api/v1/archive/handovers/export?late=true");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Spreadsheet.XlsxContentType);
        var rows = Spreadsheet.ReadXlsx(await response.Content.ReadAsStreamAsync());
        rows[0].ShouldContain("应交日期");
        var line = rows.Single(r => r.Length > 1 && r[1] == t.Number);
        line.ShouldContain("售后");
        line[^1].ShouldBe("5");
        rows.ShouldContain(r => r.Length > 0 && r[0].Contains("th.crm"));
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.AnyAsync(e => e.Action == FilingAuditActions.ExportHandovers && e.UserName == "th.crm")))
            .ShouldBeTrue();
    }

    [Fact]
    public async Task A_class_A_customers_name_is_shown_only_to_those_who_may_see_class_A()
    {
        var store = await FilingData.StoreAsync(app, "TH");
        var classA = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers
            .Where(c => c.StoreId == store && c.Class == Dcrc.Features.Customers.CustomerClass.A && c.Status != Dcrc.Features.Customers.ArchiveStatus.Merged)
            .Select(c => new { c.Id, c.Name, c.ArchiveNumber }).FirstAsync());
        var today = FilingData.StoreToday(app);
        var t = await FilingData.AddAsync(app, store, classA.Id, TransactionKind.Sale, today.AddDays(-7), today.AddDays(-2));

        var specialist = Find(await ItemsAsync(await app.ApiAs("th.callback"), "late=true"), t.Id)!.Value;
        specialist.GetProperty("customerName").ValueKind.ShouldBe(JsonValueKind.Null);
        specialist.GetProperty("archiveNumber").GetString().ShouldBe(classA.ArchiveNumber);
        var page = await (await app.BrowserAs("th.callback")).GetStringAsync($"/Customers/Filing/Handovers?late=true&q={t.Number}");
        page.ShouldContain(t.Number);
        page.ShouldNotContain(classA.Name);
        Find(await ItemsAsync(await app.ApiAs("th.crm"), "late=true"), t.Id)!.Value.GetProperty("customerName").GetString().ShouldBe(classA.Name);
    }

    [Theory]
    [InlineData("GET", "/api/v1/archive/handovers")]
    [InlineData("POST", "/api/v1/archive/handovers/1/received")]
    [InlineData("GET", "/api/v1/archive/handovers/export")]
    [InlineData("GET", "/api/v1/archive/checks")]
    [InlineData("POST", "/api/v1/archive/checks/sample")]
    [InlineData("PUT", "/api/v1/archive/checks/1")]
    [InlineData("GET", "/api/v1/archive/checks/export")]
    public async Task A_sales_consultant_is_refused_by_the_api(string method, string url)
    {
        var client = await app.ApiAs("th.sales");
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "PUT") request.Content = JsonContent.Create(new { result = "normal", version = 0 });
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_GM_follows_hand_overs_and_checks_but_DCRC_records_them()
    {
        var store = await FilingData.StoreAsync(app, "TH");
        var today = FilingData.StoreToday(app);
        var t = await FilingData.AddAsync(app, store, await FilingData.CustomerAsync(app, store, skip: 4), TransactionKind.Sale, today.AddDays(-9), today.AddDays(-4));
        var gm = await app.ApiAs("th.gm");
        Find(await ItemsAsync(gm, "late=true"), t.Id).ShouldNotBeNull();
        (await gm.PostAsync($"/api/v1/archive/handovers/{t.Id}/received", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await gm.PostAsync("/api/v1/archive/checks/sample?week=2009-06-01", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await gm.PutAsJsonAsync("/api/v1/archive/checks/1", new { result = "normal", version = 0 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await gm.GetAsync("/api/v1/archive/checks/export")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var browser = await app.BrowserAs("th.gm");
        var page = await browser.GetStringAsync($"/Customers/Filing/Handovers?late=true&q={t.Number}");
        page.ShouldContain(t.Number);
        page.ShouldNotContain("received-button");
        (await browser.GetStringAsync("/Customers/Filing/Checks?week=2009-06-01")).ShouldNotContain("draw-sample");
        var post = await DcrcApp.PostFormAsync(browser, $"/Customers/Filing/Handovers?handler=Received&id={t.Id}", [], "/Customers/Filing/Handovers");
        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Transactions.Where(x => x.Id == t.Id).Select(x => x.DocumentsReceivedAt).SingleAsync())).ShouldBeNull();
    }

    [Theory]
    [InlineData("th.sales", HttpStatusCode.Forbidden)]
    [InlineData("th.advisor", HttpStatusCode.Forbidden)]
    [InlineData("th.callback", HttpStatusCode.OK)]
    [InlineData("th.crm", HttpStatusCode.OK)]
    [InlineData("th.gm", HttpStatusCode.OK)]
    public async Task The_pages_are_for_DCRC_and_the_GM(string user, HttpStatusCode expected)
    {
        var client = await app.BrowserAs(user);
        (await client.GetAsync("/Customers/Filing/Handovers")).StatusCode.ShouldBe(expected);
        (await client.GetAsync("/Customers/Filing/Checks")).StatusCode.ShouldBe(expected);
        var home = await client.GetStringAsync("/");
        home.Contains("/Customers/Filing/Checks").ShouldBe(expected == HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)] public class HandoversApiTests_Sqlite(SqliteApp app) : HandoversApiTests(app);
[Collection(PostgresCollection.Name)] public class HandoversApiTests_Postgres(PostgresApp app) : HandoversApiTests(app);
