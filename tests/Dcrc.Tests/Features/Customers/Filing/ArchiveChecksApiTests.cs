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

/// <summary>
/// The weekly archive check (002 表14). Each test works in a week years away from the others' (the sample
/// looks back a year at most), so the tests sharing a database do not draw each other's records.
/// </summary>
public abstract class ArchiveChecksApiTests(DcrcApp app)
{
    private static string W(DateOnly d) => AuditWeek.Format(d);

    private static async Task<JsonElement> SampleAsync(HttpClient client, DateOnly week, HttpStatusCode expected)
    {
        var response = await client.PostAsync($"/api/v1/archive/checks/sample?week={W(week)}", null);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<JsonElement> Lines(JsonElement week) => week.GetProperty("lines").EnumerateArray().ToList();
    private static List<long> Ids(JsonElement week, string kind) =>
        Lines(week).Where(l => l.GetProperty("kind").GetString() == kind).Select(l => l.GetProperty("transactionId").GetInt64()).ToList();

    private static IEnumerable<DateOnly> Days(DateOnly week, params int[] daysBefore) => daysBefore.Select(d => week.AddDays(-d));

    [Fact]
    public async Task Ten_sales_and_ten_repair_orders_of_the_store_dated_before_the_week_are_drawn_once()
    {
        var week = AuditWeek.StartOf(new DateOnly(2011, 3, 9));
        week.ShouldBe(new DateOnly(2011, 3, 7));
        var th = await FilingData.StoreAsync(app, "TH");
        var ns = await FilingData.StoreAsync(app, "NS");
        var customer = await FilingData.CustomerAsync(app, th);
        var recentSales = await FilingData.AddManyAsync(app, th, customer, TransactionKind.Sale, Enumerable.Range(0, 12).Select(i => week.AddDays(-1 - i * 7)));
        var recentRepairs = await FilingData.AddManyAsync(app, th, customer, TransactionKind.RepairOrder, Enumerable.Range(0, 12).Select(i => week.AddDays(-2 - i * 7)));
        var olderSales = await FilingData.AddManyAsync(app, th, customer, TransactionKind.Sale, Days(week, 120, 200, 300));
        var inTheWeek = await FilingData.AddManyAsync(app, th, customer, TransactionKind.Sale, [week, week.AddDays(3)]);
        var others = await FilingData.AddManyAsync(app, th, customer, TransactionKind.Other, Days(week, 5, 6, 7));
        var otherStore = await FilingData.AddManyAsync(app, ns, await FilingData.CustomerAsync(app, ns), TransactionKind.Sale, Days(week, 3, 4, 5, 6, 8));

        var client = await app.ApiAs("th.callback");
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/v1/archive/checks?week={W(week.AddDays(4))}");
        before.GetProperty("sampled").GetBoolean().ShouldBeFalse();
        before.GetProperty("weekStart").GetString().ShouldBe("2011-03-07");
        before.GetProperty("weekEnd").GetString().ShouldBe("2011-03-13");

        var drawn = await SampleAsync(client, week.AddDays(2), HttpStatusCode.Created);
        drawn.GetProperty("weekStart").GetString().ShouldBe("2011-03-07");
        var sales = Ids(drawn, "sale");
        var repairs = Ids(drawn, "repairOrder");
        sales.Count.ShouldBe(10);
        repairs.Count.ShouldBe(10);
        sales.ShouldAllBe(id => recentSales.Contains(id)); // the recent ones first; none of the week, another store or another kind
        repairs.ShouldAllBe(id => recentRepairs.Contains(id));
        sales.Distinct().Count().ShouldBe(10);
        Lines(drawn).Select(l => l.GetProperty("no").GetInt32()).ShouldBe(Enumerable.Range(1, 20));
        Lines(drawn).ShouldAllBe(l => l.GetProperty("result").GetString() == "pending");
        Lines(drawn).Take(10).ShouldAllBe(l => l.GetProperty("kind").GetString() == "sale"); // 售时 first, as on the paper form

        // Drawing again changes nothing.
        var again = await SampleAsync(client, week, HttpStatusCode.OK);
        Lines(again).Select(l => l.GetProperty("id").GetInt64()).ShouldBe(Lines(drawn).Select(l => l.GetProperty("id").GetInt64()));
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/archive/checks?week={W(week)}");
        read.GetProperty("sampled").GetBoolean().ShouldBeTrue();
        Ids(read, "sale").ShouldBe(sales);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().ArchiveChecks.CountAsync(c => c.StoreId == th && c.WeekStart == week))).ShouldBe(20);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.CountAsync(e => e.Action == FilingAuditActions.Sample && e.EntityId == $"{th}:2011-03-07")))
            .ShouldBe(1);
        _ = (olderSales, inTheWeek, others, otherStore);
    }

    [Fact]
    public async Task Too_few_recent_records_are_topped_up_from_older_ones_and_no_record_is_drawn_twice()
    {
        var week = AuditWeek.StartOf(new DateOnly(2013, 5, 15));
        var th = await FilingData.StoreAsync(app, "TH");
        var customer = await FilingData.CustomerAsync(app, th);
        var recent = await FilingData.AddManyAsync(app, th, customer, TransactionKind.Sale, Days(week, 10, 20, 30, 40));
        var older = await FilingData.AddManyAsync(app, th, customer, TransactionKind.Sale, Days(week, 100, 120, 140, 160, 180, 200, 220, 240));
        var tooOld = await FilingData.AddManyAsync(app, th, customer, TransactionKind.Sale, Days(week, 400, 500));
        var client = await app.ApiAs("th.crm");

        var first = Ids(await SampleAsync(client, week, HttpStatusCode.Created), "sale");
        first.Count.ShouldBe(10);
        recent.ShouldAllBe(id => first.Contains(id));
        first.Except(recent).ShouldAllBe(id => older.Contains(id));

        var next = await SampleAsync(client, week.AddDays(7), HttpStatusCode.Created);
        var second = Ids(next, "sale");
        second.Count.ShouldBe(2);
        second.ShouldAllBe(id => older.Contains(id) && !first.Contains(id));
        Ids(next, "repairOrder").ShouldBeEmpty();

        // Nothing left within a year: nothing is drawn, and the week stays open for a later drawing.
        var empty = await SampleAsync(client, week.AddDays(14), HttpStatusCode.OK);
        empty.GetProperty("sampled").GetBoolean().ShouldBeFalse();
        Lines(empty).ShouldBeEmpty();
        _ = tooOld;
    }

    [Fact]
    public async Task Drawing_at_the_same_time_makes_one_sample()
    {
        var week = AuditWeek.StartOf(new DateOnly(2015, 9, 16));
        var th = await FilingData.StoreAsync(app, "TH");
        var customer = await FilingData.CustomerAsync(app, th);
        // Many candidates, so that two drawings would hardly ever pick the same record: only the serialisation keeps them to one sample.
        await FilingData.AddManyAsync(app, th, customer, TransactionKind.Sale, Enumerable.Range(0, 400).Select(i => week.AddDays(-1 - i % 89)));
        await FilingData.AddManyAsync(app, th, customer, TransactionKind.RepairOrder, Enumerable.Range(0, 400).Select(i => week.AddDays(-1 - i % 89)));
        var clients = new[] { await app.ApiAs("th.callback"), await app.ApiAs("th.crm"), await app.ApiAs("th.callback") };

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => clients[i % 3].PostAsync($"/api/v1/archive/checks/sample?week={W(week)}", null))));
        foreach (var r in responses) r.StatusCode.ShouldBeOneOf([HttpStatusCode.Created, HttpStatusCode.OK], await r.Content.ReadAsStringAsync());
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        var sets = new List<List<long>>();
        foreach (var r in responses) sets.Add(Lines(await r.Content.ReadFromJsonAsync<JsonElement>()).Select(l => l.GetProperty("id").GetInt64()).Order().ToList());
        sets.ShouldAllBe(s => s.Count == 20);
        sets.Select(s => string.Join(",", s)).Distinct().Count().ShouldBe(1);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().ArchiveChecks.CountAsync(c => c.StoreId == th && c.WeekStart == week))).ShouldBe(20);
    }

    [Fact]
    public async Task A_future_week_or_a_bad_date_is_refused_in_the_callers_language()
    {
        var client = await app.ApiAs("th.callback");
        var nextWeek = AuditWeek.StartOf(FilingData.StoreToday(app)).AddDays(7);
        var future = await client.PostAsync($"/api/v1/archive/checks/sample?week={W(nextWeek)}", null);
        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await future.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("week")[0].GetString().ShouldBe("这一周还没有开始，不能抽样。");
        var thisWeek = await client.GetFromJsonAsync<JsonElement>("/api/v1/archive/checks");
        thisWeek.GetProperty("weekStart").GetString().ShouldBe(W(AuditWeek.StartOf(FilingData.StoreToday(app))));

        var bad = await client.GetAsync("/api/v1/archive/checks?week=2026-13-01");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("week")[0].GetString()!.ShouldStartWith("检核周须为日期");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await (await client.GetAsync("/api/v1/archive/checks?week=June")).Content.ReadFromJsonAsync<JsonElement>();
        english.GetProperty("errors").GetProperty("week")[0].GetString()!.ShouldStartWith("Week must be a date");
        var otherStore = await client.GetAsync($"/api/v1/archive/checks?storeId={await FilingData.StoreAsync(app, "NS")}");
        otherStore.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_abnormal_line_needs_a_description_and_a_stale_save_is_refused()
    {
        var week = AuditWeek.StartOf(new DateOnly(2017, 4, 12));
        var th = await FilingData.StoreAsync(app, "TH");
        await FilingData.AddManyAsync(app, th, await FilingData.CustomerAsync(app, th), TransactionKind.RepairOrder, Days(week, 5));
        var client = await app.ApiAs("th.callback");
        var line = Lines(await SampleAsync(client, week, HttpStatusCode.Created)).Single();
        var id = line.GetProperty("id").GetInt64();
        var version = line.GetProperty("version").GetInt32();

        async Task<HttpResponseMessage> Put(object body) => await client.PutAsJsonAsync($"/api/v1/archive/checks/{id}", body);
        async Task<JsonElement> Errors(HttpResponseMessage r)
        {
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }

        (await Errors(await Put(new { result = "abnormal", description = "  ", version }))).GetProperty("description")[0].GetString()
            .ShouldBe("检核状态为异常时，请填写异常状态描述。");
        (await Errors(await Put(new { result = "pending", version }))).GetProperty("result")[0].GetString().ShouldBe("请填写检核状态（正常/异常）。");
        (await Errors(await Put(new { result = 7, version }))).GetProperty("result")[0].GetString().ShouldBe("检核状态（正常/异常）的值无效。");
        (await Errors(await Put(new { result = "normal" }))).TryGetProperty("version", out _).ShouldBeTrue();
        (await Errors(await Put(new { result = "normal", responsible = new string('张', 51), version }))).TryGetProperty("responsible", out _).ShouldBeTrue();

        var saved = await Put(new { result = "abnormal", description = "缺少身份证复印件", responsible = "王顾问", measure = "三日内补齐并培训交车流程", version });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("result").GetString().ShouldBe("abnormal");
        body.GetProperty("checkedBy").GetString().ShouldBe("th.callback");
        body.GetProperty("version").GetInt32().ShouldBe(version + 1);

        // Someone else, still holding the old version, is refused and changes nothing.
        var stale = await (await app.ApiAs("th.crm")).PutAsJsonAsync($"/api/v1/archive/checks/{id}", new { result = "normal", version });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("该记录已被他人修改，请刷新后重新编辑。");
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().ArchiveChecks.AsNoTracking().SingleAsync(c => c.Id == id));
        stored.Result.ShouldBe(CheckResult.Abnormal);
        stored.Description.ShouldBe("缺少身份证复印件");
        stored.Responsible.ShouldBe("王顾问");
        stored.Measure.ShouldBe("三日内补齐并培训交车流程");
        stored.CheckedBy.ShouldBe("th.callback");
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.CountAsync(e => e.Action == FilingAuditActions.Check && e.EntityId == id.ToString())))
            .ShouldBe(1);

        // Another store's line is out of reach.
        (await (await app.ApiAs("ns.callback")).PutAsJsonAsync($"/api/v1/archive/checks/{id}", new { result = "normal", version = version + 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_page_draws_the_sample_and_saves_lines_in_place()
    {
        var week = AuditWeek.StartOf(new DateOnly(2019, 7, 10));
        var th = await FilingData.StoreAsync(app, "TH");
        var customer = await FilingData.CustomerAsync(app, th);
        await FilingData.AddManyAsync(app, th, customer, TransactionKind.Sale, Days(week, 3));
        await FilingData.AddManyAsync(app, th, customer, TransactionKind.RepairOrder, Days(week, 4));
        var client = await app.BrowserAs("th.callback");
        var url = $"/Customers/Filing/Checks?week={W(week)}";
        var page = await client.GetStringAsync(url);
        page.ShouldContain("id=\"draw-sample\"");
        page.ShouldContain("2019-07-08 至 2019-07-14");

        var drawn = await DcrcApp.PostFormAsync(client, $"/Customers/Filing/Checks?handler=Sample&week={W(week)}", [], url);
        drawn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await client.GetStringAsync(drawn.Headers.Location!.OriginalString);
        page.ShouldContain("已抽取样本：销售 1 条，售后 1 条。");
        page.ShouldNotContain("id=\"draw-sample\"");
        var line = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().ArchiveChecks.AsNoTracking()
            .SingleAsync(c => c.StoreId == th && c.WeekStart == week && c.Kind == TransactionKind.Sale));
        page.ShouldContain(line.Number);

        var save = $"/Customers/Filing/Checks?handler=Save&id={line.Id}&week={W(week)}";
        client.DefaultRequestHeaders.Add("HX-Request", "true");
        var refused = await DcrcApp.PostFormAsync(client, save, new() { ["result"] = "Abnormal", ["description"] = "", ["version"] = line.Version.ToString() }, url);
        var row = await refused.Content.ReadAsStringAsync();
        row.ShouldStartWith($"<tr id=\"check-{line.Id}\"");
        row.ShouldContain("检核状态为异常时，请填写异常状态描述。");

        var ok = await DcrcApp.PostFormAsync(client, save,
            new() { ["result"] = "Abnormal", ["description"] = "开票通知书缺失", ["responsible"] = "李顾问", ["measure"] = "补交", ["version"] = line.Version.ToString() }, url);
        row = await ok.Content.ReadAsStringAsync();
        row.ShouldContain("已保存");
        row.ShouldContain("开票通知书缺失");
        row.ShouldContain("table-danger");

        // The same version again: the line was changed meanwhile; the stored one is shown.
        var stale = await DcrcApp.PostFormAsync(client, save, new() { ["result"] = "Normal", ["version"] = line.Version.ToString() }, url);
        row = await stale.Content.ReadAsStringAsync();
        row.ShouldContain("这一行已被他人修改");
        row.ShouldContain("开票通知书缺失");
        client.DefaultRequestHeaders.Remove("HX-Request");
        (await client.GetStringAsync(url)).ShouldContain("异常 <b>1</b>");
    }

    [Fact]
    public async Task The_export_is_laid_out_as_form_14_and_audited()
    {
        var week = AuditWeek.StartOf(new DateOnly(2021, 11, 17));
        var th = await FilingData.StoreAsync(app, "TH");
        var customer = await FilingData.CustomerAsync(app, th);
        await FilingData.AddManyAsync(app, th, customer, TransactionKind.Sale, Days(week, 3, 9));
        await FilingData.AddManyAsync(app, th, customer, TransactionKind.RepairOrder, Days(week, 4));
        var client = await app.ApiAs("th.crm");
        var lines = Lines(await SampleAsync(client, week, HttpStatusCode.Created));
        var response = await client.GetAsync($"/api/v1/archive/checks/export?week={W(week)}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = Spreadsheet.ReadXlsx(await response.Content.ReadAsStreamAsync());
        rows[0][..7].ShouldBe(["序号", "档案类别（售时/售后）", "销售协议号/维修工单号", "检核状态（正常/异常）", "异常状态描述", "问题责任人", "改进建议和措施"]);
        rows[1][..4].ShouldBe(["1", "售时", lines[0].GetProperty("number").GetString()!, "待检核"]);
        rows[3][1].ShouldBe("售后");
        rows.ShouldContain(r => r.Length > 0 && r[0].Contains("th.crm"));
        rows.ShouldContain(r => r.Length > 0 && r[0].Contains("2021-11-15 至 2021-11-21"));
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.AnyAsync(e => e.Action == FilingAuditActions.ExportChecks && e.EntityId == $"{th}:2021-11-15")))
            .ShouldBeTrue();
    }
}

[Collection(SqliteCollection.Name)] public class ArchiveChecksApiTests_Sqlite(SqliteApp app) : ArchiveChecksApiTests(app);
[Collection(PostgresCollection.Name)] public class ArchiveChecksApiTests_Postgres(PostgresApp app) : ArchiveChecksApiTests(app);
