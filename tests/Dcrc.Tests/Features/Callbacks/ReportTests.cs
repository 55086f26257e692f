using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Excel;
using Dcrc.Kernel.Identifiers;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Callbacks;

/// <summary>
/// The callback reports (SPEC §9): 表7/表8 arithmetic, the daily report, the failure list (表3), the invalid list (表4) and
/// its correction, the SMS log (表13), the trend, refused filters and the .xlsx exports. Each test works with people of
/// its own (a fresh consultant, advisor, team or specialist) so other tests' data do not move its figures.
/// </summary>
public abstract class ReportTests(DcrcApp app)
{
    private DateOnly Today => CallbackData.StoreToday(app);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>A fresh user of the TH store with a name of their own (the reports group by name).</summary>
    private async Task<(string UserName, string Id, string Name)> PersonAsync(string role, string prefix)
    {
        var user = await app.CreateUserAsync(role);
        var name = prefix + Guid.NewGuid().ToString("N")[..6];
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name)));
        return (user.UserName!, user.Id, name);
    }

    private static async Task<long> TaskIdAsync(HttpClient client, long customer, string kind) =>
        (await CallbackData.TaskAsync(client, customer, kind)).GetProperty("id").GetInt64();

    private static async Task<JsonElement> RecordAsync(HttpClient client, long task, object body)
    {
        var r = await CallbackData.PostVersionedAsync(client, $"/api/v1/callbacks/tasks/{task}", "outcome", body);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Surveys whose time ran out: expired by the job, counted as failed with their last outcome.</summary>
    private async Task ExpireAsync(params long[] tasks)
    {
        var yesterday = Today.AddDays(-1);
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters().Where(t => tasks.Contains(t.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresOn, yesterday)));
        await app.WithScopeAsync(sp => sp.GetRequiredService<CallbackGeneration>().ExpireAsync());
    }

    private static JsonElement Line(JsonElement report, string name) => report.GetProperty("lines").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);

    private static decimal? Rate(JsonElement line, string property) =>
        line.GetProperty(property).ValueKind == JsonValueKind.Null ? null : line.GetProperty(property).GetDecimal();

    private static List<string[]> Xlsx(byte[] bytes) => Spreadsheet.ReadXlsx(new MemoryStream(bytes));

    private static readonly string[] Table7 =
    [
        "销售顾问", "新车交付量", "回访成功数", "回访未成功数（拒访+无人接听+无法接通）", "拒访", "无法接通（关机、停机、占线、呼入限制）",
        "回访成功率（回访成功数/回访期已结束的接车数）", "回访未成功率（回访未成功数/回访期已结束的接车数）", "完全满意数量（8-10）", "基本满意数量（6-7）", "不满意数量（0-5）",
        "完全满意率", "基本满意率", "不满意率", "回访中（回访期未结束，不计入比率）",
    ];

    private static readonly string[] Table8 =
    [
        "服务顾问/维修班组", "接车台次", "回访成功数", "回访未成功数（拒访+无人接听+无法接通）", "拒访", "无法接通（关机、停机、占线、呼入限制）", "其他（无人接听、号码无效）",
        "回访成功率（回访成功数/回访期已结束的接车数）", "回访未成功率（回访未成功数/回访期已结束的接车数）", "完全满意数量（8-10）", "基本满意数量（6-7）", "不满意数量（0-5）",
        "完全满意率（完全满意量/回访成功数）", "基本满意率（基本满意量/回访成功数）", "不满意率", "回访中（回访期未结束，不计入比率）",
    ];

    [Fact]
    public async Task Table_7_counts_each_consultants_deliveries_by_how_the_survey_ended_with_rates_and_a_total_and_exports_the_seeds_columns()
    {
        var a = await PersonAsync(Roles.SalesConsultant, "顾问甲");
        var b = await PersonAsync(Roles.SalesConsultant, "顾问乙");
        var crm = await app.ApiAs("th.crm");
        var specialist = await app.ApiAs("th.callback");
        async Task<long> SurveyAsync(string consultant) => await TaskIdAsync(crm, (await CallbackData.DeliveryAsync(app, consultant)).Customer, "salesSurvey");

        // A: three reached (9, 7 and 4 the lowest scores), refused and switched off until expiry, a wrong number, no answer until expiry, one still running.
        await RecordAsync(specialist, await SurveyAsync(a.UserName), new { outcome = "success", answers = await CallbackData.AnswersAsync(specialist, "sales", 9, 10) });
        await RecordAsync(specialist, await SurveyAsync(a.UserName), new { outcome = "success", answers = await CallbackData.AnswersAsync(specialist, "sales", 7, 9) });
        await RecordAsync(specialist, await SurveyAsync(a.UserName), new { outcome = "success", answers = await CallbackData.AnswersAsync(specialist, "sales", 4) });
        var refused = await SurveyAsync(a.UserName);
        await RecordAsync(specialist, refused, new { outcome = "refused" });
        var switchedOff = await SurveyAsync(a.UserName);
        await RecordAsync(specialist, switchedOff, new { outcome = "switchedOff" });
        await RecordAsync(specialist, await SurveyAsync(a.UserName), new { outcome = "wrongNumber" });
        var noAnswer = await SurveyAsync(a.UserName);
        await RecordAsync(specialist, noAnswer, new { outcome = "noAnswer" });
        await SurveyAsync(a.UserName);
        // B: one reached with 10, one still running.
        await RecordAsync(specialist, await SurveyAsync(b.UserName), new { outcome = "success", answers = await CallbackData.AnswersAsync(specialist, "sales", 10) });
        await SurveyAsync(b.UserName);
        await ExpireAsync(refused, switchedOff, noAnswer);

        var (from, to) = (Iso(Today.AddDays(-30)), Iso(Today));
        var report = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/satisfaction?table=consultant&from={from}&to={to}");
        report.GetProperty("table").GetString().ShouldBe("consultant");
        var la = Line(report, a.Name);
        (la.GetProperty("events").GetInt32(), la.GetProperty("succeeded").GetInt32(), la.GetProperty("failed").GetInt32(), la.GetProperty("refused").GetInt32(),
            la.GetProperty("unreachable").GetInt32(), la.GetProperty("other").GetInt32()).ShouldBe((8, 3, 4, 1, 1, 2));
        (la.GetProperty("completely").GetInt32(), la.GetProperty("basically").GetInt32(), la.GetProperty("dissatisfied").GetInt32()).ShouldBe((1, 1, 1));
        // One delivery's survey is still in its window: 回访中, and in neither rate (3 of the 7 closed reached).
        la.GetProperty("inProgress").GetInt32().ShouldBe(1);
        (Rate(la, "successRate"), Rate(la, "failureRate")).ShouldBe((42.9m, 57.1m));
        (Rate(la, "completelyRate"), Rate(la, "basicallyRate"), Rate(la, "dissatisfiedRate")).ShouldBe((33.3m, 33.3m, 33.3m));
        var lb = Line(report, b.Name);
        (lb.GetProperty("events").GetInt32(), lb.GetProperty("succeeded").GetInt32(), lb.GetProperty("failed").GetInt32()).ShouldBe((2, 1, 0));
        lb.GetProperty("inProgress").GetInt32().ShouldBe(1);
        (Rate(lb, "successRate"), Rate(lb, "failureRate"), Rate(lb, "completelyRate"), Rate(lb, "dissatisfiedRate")).ShouldBe((100.0m, 0.0m, 100.0m, 0.0m));
        // The total adds up every line.
        var total = report.GetProperty("total");
        total.GetProperty("events").GetInt32().ShouldBe(report.GetProperty("lines").EnumerateArray().Sum(x => x.GetProperty("events").GetInt32()));
        total.GetProperty("succeeded").GetInt32().ShouldBe(report.GetProperty("lines").EnumerateArray().Sum(x => x.GetProperty("succeeded").GetInt32()));

        // The page shows the line; the export has the seed's columns, the line, the total and who exported what.
        var browser = await app.BrowserAs("th.crm");
        var page = await browser.GetStringAsync($"/Callbacks/Reports/Satisfaction?table=consultant&from={from}&to={to}");
        page.ShouldContain(a.Name);
        page.ShouldContain("42.9%");
        var export = await browser.GetAsync($"/Callbacks/Reports/Satisfaction?handler=Export&table=consultant&from={from}&to={to}");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe(Spreadsheet.XlsxContentType);
        var rows = Xlsx(await export.Content.ReadAsByteArrayAsync());
        rows[0].ShouldBe(Table7);
        rows.Single(r => r.Length > 0 && r[0] == a.Name).ShouldBe([a.Name, "8", "3", "4", "1", "1", "42.9%", "57.1%", "1", "1", "1", "33.3%", "33.3%", "33.3%", "1"]);
        rows.Single(r => r.Length > 0 && r[0] == "合计")[1].ShouldBe(total.GetProperty("events").GetInt32().ToString());
        rows.ShouldContain(r => r.Length > 0 && r[0].Contains($"{from} – {to}"));
        rows.ShouldContain(r => r.Length > 0 && r[0].Contains("导出人"));
    }

    [Fact]
    public async Task A_report_given_no_dates_covers_the_last_30_days_so_it_is_never_empty_early_in_a_month()
    {
        var crm = await app.ApiAs("th.crm");
        var report = await crm.GetFromJsonAsync<JsonElement>("/api/v1/callbacks/reports/satisfaction?table=consultant");
        (report.GetProperty("from").GetString(), report.GetProperty("to").GetString()).ShouldBe((Iso(Today.AddDays(-29)), Iso(Today)));
        var onlyEnd = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/satisfaction?table=consultant&to={Iso(Today.AddDays(-3))}");
        onlyEnd.GetProperty("from").GetString().ShouldBe(Iso(Today.AddDays(-32)));
    }

    [Fact]
    public async Task Table_8_counts_repair_orders_per_repair_team_and_per_advisor_with_the_other_failures()
    {
        var advisor = await PersonAsync(Roles.ServiceAdvisor, "顾问丙");
        var (team1, team2) = ("机修" + Guid.NewGuid().ToString("N")[..4], "钣金" + Guid.NewGuid().ToString("N")[..4]);
        var crm = await app.ApiAs("th.crm");
        var specialist = await app.ApiAs("th.callback");
        async Task<long> SurveyAsync(string team) =>
            await TaskIdAsync(crm, (await CallbackData.DeliveryAsync(app, advisor.UserName, daysAgo: 4, kind: "repairOrder", repairTeam: team)).Customer, "serviceSurvey");

        await RecordAsync(specialist, await SurveyAsync(team1), new { outcome = "success", answers = await CallbackData.AnswersAsync(specialist, "service", 8) });
        var refused = await SurveyAsync(team1);
        await RecordAsync(specialist, refused, new { outcome = "refused" });
        var busyLine = await SurveyAsync(team2);
        await RecordAsync(specialist, busyLine, new { outcome = "lineBusy" });
        var noAnswer = await SurveyAsync(team2);
        await RecordAsync(specialist, noAnswer, new { outcome = "noAnswer" });
        await ExpireAsync(refused, busyLine, noAnswer);

        var (from, to) = (Iso(Today.AddDays(-10)), Iso(Today));
        var teams = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/satisfaction?table=team&from={from}&to={to}");
        var t1 = Line(teams, team1);
        (t1.GetProperty("events").GetInt32(), t1.GetProperty("succeeded").GetInt32(), t1.GetProperty("failed").GetInt32(), t1.GetProperty("refused").GetInt32(),
            t1.GetProperty("completely").GetInt32()).ShouldBe((2, 1, 1, 1, 1));
        (Rate(t1, "successRate"), Rate(t1, "completelyRate"), Rate(t1, "basicallyRate")).ShouldBe((50.0m, 100.0m, 0.0m));
        var t2 = Line(teams, team2);
        (t2.GetProperty("events").GetInt32(), t2.GetProperty("succeeded").GetInt32(), t2.GetProperty("failed").GetInt32(), t2.GetProperty("unreachable").GetInt32(),
            t2.GetProperty("other").GetInt32()).ShouldBe((2, 0, 2, 1, 1));
        (Rate(t2, "successRate"), Rate(t2, "failureRate"), Rate(t2, "completelyRate")).ShouldBe((0.0m, 100.0m, (decimal?)null));

        var advisors = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/satisfaction?table=advisor&from={from}&to={to}");
        var line = Line(advisors, advisor.Name);
        (line.GetProperty("events").GetInt32(), line.GetProperty("succeeded").GetInt32(), line.GetProperty("failed").GetInt32(), line.GetProperty("refused").GetInt32(),
            line.GetProperty("unreachable").GetInt32(), line.GetProperty("other").GetInt32()).ShouldBe((4, 1, 3, 1, 1, 1));
        Rate(line, "successRate").ShouldBe(25.0m);

        var browser = await app.BrowserAs("th.crm");
        var rows = Xlsx(await browser.GetByteArrayAsync($"/Callbacks/Reports/Satisfaction?handler=Export&table=team&from={from}&to={to}"));
        rows[0].ShouldBe(Table8);
        rows.Single(r => r.Length > 0 && r[0] == team2).ShouldBe([team2, "2", "0", "2", "0", "1", "1", "0.0%", "100.0%", "0", "0", "0", "—", "—", "—", "0"]);
    }

    [Fact]
    public async Task The_daily_report_counts_each_specialists_calls_by_outcome_and_the_sms_surveys_their_failures_sent()
    {
        var me = await PersonAsync(Roles.CallbackSpecialist, "专员");
        var crm = await app.ApiAs("th.crm");
        var specialist = await app.ApiAs(me.UserName);
        var surveys = new List<long>();
        for (var i = 0; i < 4; i++) surveys.Add(await TaskIdAsync(crm, (await CallbackData.DeliveryAsync(app, daysAgo: 10)).Customer, "salesSurvey"));
        var service = await TaskIdAsync(crm, (await CallbackData.DeliveryAsync(app, "th.advisor", daysAgo: 4, kind: "repairOrder")).Customer, "serviceSurvey");
        var today = Iso(Today);
        JsonElement Kind(JsonElement daily, string kind) => daily.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == kind);
        var before = Kind(await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/daily?date={today}"), "salesSurvey");

        await RecordAsync(specialist, surveys[0], new { outcome = "success", answers = await CallbackData.AnswersAsync(specialist, "sales", 9) });
        await RecordAsync(specialist, surveys[1], new { outcome = "busy", rescheduleTo = app.Clock.GetUtcNow().AddHours(2) });
        await RecordAsync(specialist, surveys[2], new { outcome = "noAnswer" });
        await RecordAsync(specialist, surveys[3], new { outcome = "emptyNumber" });
        foreach (var outcome in new[] { "noAnswer", "switchedOff", "lineBusy", "refused" }) await RecordAsync(specialist, service, new { outcome });

        var daily = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/daily?date={today}");
        var line = daily.GetProperty("specialists").EnumerateArray().Single(s => s.GetProperty("userId").GetString() == me.Id);
        line.GetProperty("name").GetString().ShouldBe(me.Name);
        (line.GetProperty("calls").GetInt32(), line.GetProperty("reached").GetInt32(), line.GetProperty("rescheduled").GetInt32(), line.GetProperty("failed").GetInt32(),
            line.GetProperty("invalid").GetInt32(), line.GetProperty("smsSent").GetInt32()).ShouldBe((8, 1, 1, 5, 1, 1));
        daily.GetProperty("total").GetProperty("calls").GetInt32().ShouldBe(daily.GetProperty("specialists").EnumerateArray().Sum(s => s.GetProperty("calls").GetInt32()));
        // Of the day's sales surveys: one more completed, two fewer open (the reached one and the empty number); the window still covers all four.
        var after = Kind(daily, "salesSurvey");
        (after.GetProperty("due").GetInt32() - before.GetProperty("due").GetInt32(), after.GetProperty("completed").GetInt32() - before.GetProperty("completed").GetInt32(),
            after.GetProperty("open").GetInt32() - before.GetProperty("open").GetInt32()).ShouldBe((0, 1, -2));

        var browser = await app.BrowserAs("th.crm");
        (await browser.GetStringAsync($"/Callbacks/Reports/Daily?date={today}")).ShouldContain(me.Name);
        var rows = Xlsx(await browser.GetByteArrayAsync($"/Callbacks/Reports/Daily?handler=Export&date={today}"));
        rows[0].ShouldBe(["回访专员", "拨打次数", "回访成功", "另约时间", "回访不成功", "号码无效", "短信回访发送"]);
        rows.Single(r => r.Length > 0 && r[0] == me.Name).ShouldBe([me.Name, "8", "1", "1", "5", "1", "1"]);
        rows.ShouldContain(r => r.Length > 0 && r[0] == "回访类型");
    }

    [Fact]
    public async Task The_failure_list_shows_each_failed_attempt_with_the_seeds_columns_and_the_mobile_masked()
    {
        var me = await PersonAsync(Roles.CallbackSpecialist, "专员");
        var consultant = await PersonAsync(Roles.SalesConsultant, "顾问丁");
        var crm = await app.ApiAs("th.crm");
        var specialist = await app.ApiAs(me.UserName);
        var (customer, _) = await CallbackData.DeliveryAsync(app, consultant.UserName, name: "关机客户");
        var task = await TaskIdAsync(crm, customer, "salesSurvey");
        await RecordAsync(specialist, task, new { outcome = "switchedOff", note = "两次关机" });
        await RecordAsync(specialist, task, new { outcome = "refused" });
        var (mobile, vin) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            var c = await db.Customers.IgnoreQueryFilters().SingleAsync(x => x.Id == customer);
            return (c.Mobile!, await db.Vehicles.IgnoreQueryFilters().Where(v => v.CustomerId == customer).Select(v => v.Vin).SingleAsync());
        });

        var today = Iso(Today);
        var list = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/failures?from={today}&to={today}&pageSize=200");
        var mine = list.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("taskId").GetInt64() == task).ToList();
        mine.Select(r => r.GetProperty("reason").GetString()).ShouldBe(["refused", "switchedOff"]); // latest first
        var first = mine[1];
        first.GetProperty("customerName").GetString().ShouldBe("关机客户");
        first.GetProperty("mobile").GetString().ShouldBe(Phone.Mask(mobile));
        first.GetProperty("mobile").GetString()!.ShouldContain("****");
        first.GetProperty("vin").GetString().ShouldBe(vin);
        first.GetProperty("specialist").GetString().ShouldBe(me.Name);
        first.GetProperty("staff").GetString().ShouldBe(consultant.Name);
        first.GetProperty("status").GetString().ShouldBe("open");
        first.GetProperty("note").GetString().ShouldBe("两次关机");
        list.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        // A range before the attempts has none of them.
        var earlier = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/failures?from={Iso(Today.AddDays(-40))}&to={Iso(Today.AddDays(-35))}&pageSize=200");
        earlier.GetProperty("items").EnumerateArray().ShouldNotContain(r => r.GetProperty("taskId").GetInt64() == task);

        var browser = await app.BrowserAs("th.crm");
        var page = await browser.GetStringAsync($"/Callbacks/Reports/Failures?from={today}&to={today}");
        page.ShouldContain(Phone.Mask(mobile));
        page.ShouldNotContain(mobile);
        var rows = Xlsx(await browser.GetByteArrayAsync($"/Callbacks/Reports/Failures?handler=Export&from={today}&to={today}"));
        rows[0].ShouldBe(["序号", "VIN号", "客户姓名", "客户联系电话", "车型", "回访状态", "客户回访专员", "回访时间", "销售、服务顾问", "原因", "备注"]);
        var row = rows.Single(r => r.Length > 9 && r[1] == vin && r[9] == "关机");
        (row[2], row[3], row[6], row[8], row[10]).ShouldBe(("关机客户", Phone.Mask(mobile), me.Name, consultant.Name, "两次关机"));
        rows.ShouldNotContain(r => r.Any(c => c.Contains(mobile)));
    }

    [Fact]
    public async Task Correcting_an_invalid_number_updates_the_archive_with_history_reopens_the_task_and_the_list_shows_what_was_found()
    {
        var crm = await app.ApiAs("th.crm");
        var specialist = await app.ApiAs("th.callback");
        var (customer, _) = await CallbackData.DeliveryAsync(app, name: "空号客户");
        var task = await TaskIdAsync(crm, customer, "salesSurvey");
        await RecordAsync(specialist, task, new { outcome = "noAnswer" });
        var invalid = await RecordAsync(specialist, task, new { outcome = "emptyNumber", note = "提示空号" });
        invalid.GetProperty("status").GetString().ShouldBe("invalid");
        Task<Dcrc.Features.Customers.Customer> CustomerAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == customer));
        var before = await CustomerAsync();

        async Task<JsonElement> RowAsync() => (await crm.GetFromJsonAsync<JsonElement>("/api/v1/callbacks/reports/invalid?pageSize=200"))
            .GetProperty("items").EnumerateArray().Single(r => r.GetProperty("taskId").GetInt64() == task);
        var row = await RowAsync();
        (row.GetProperty("valid").GetBoolean(), row.GetProperty("status").GetString(), row.GetProperty("outcome").GetString(), row.GetProperty("note").GetString())
            .ShouldBe((false, "invalid", "emptyNumber", "提示空号"));
        row.GetProperty("mobile").GetString().ShouldBe(Phone.Mask(before.Mobile));
        row.GetProperty("foundMobile").ValueKind.ShouldBe(JsonValueKind.Null);

        // Refused input names the field and saves nothing.
        var taskUrl = $"/api/v1/callbacks/tasks/{task}";
        var bad = await CallbackData.PostVersionedAsync(crm, taskUrl, "correct-number", new { mobile = "12345" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("mobile", out _).ShouldBeTrue();
        var badOther = await CallbackData.PostVersionedAsync(crm, taskUrl, "correct-number", new { mobile = TestData.NewMobile(), otherPhone = "不是号码" });
        (await badOther.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("otherPhone", out _).ShouldBeTrue();
        (await CallbackData.PostVersionedAsync(crm, taskUrl, "correct-number", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CustomerAsync()).Mobile.ShouldBe(before.Mobile);
        (await RowAsync()).GetProperty("status").GetString().ShouldBe("invalid");
        // The GM follows the list but does not edit the archive.
        (await CallbackData.PostVersionedAsync(await app.ApiAs("th.gm"), taskUrl, "correct-number", new { mobile = TestData.NewMobile() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var mobile = TestData.NewMobile();
        var corrected = await CallbackData.PostVersionedAsync(crm, taskUrl, "correct-number", new { mobile = mobile[..3] + " " + mobile[3..7] + " " + mobile[7..], name = "空号客户本人", otherPhone = "020-38881234", note = "销售部提供" });
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
        var reopened = await corrected.Content.ReadFromJsonAsync<JsonElement>();
        (reopened.GetProperty("status").GetString(), reopened.GetProperty("failedAttempts").GetInt32(), reopened.GetProperty("closedAt").ValueKind)
            .ShouldBe(("open", 1, JsonValueKind.Null));
        var after = await CustomerAsync();
        (after.Mobile, after.Name, after.MobileLast4).ShouldBe((mobile, "空号客户本人", mobile[^4..]));
        after.Version.ShouldBe(before.Version + 1);
        var history = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().ArchiveChanges.Where(h => h.CustomerId == customer).ToListAsync());
        var change = history.Single(h => h.Field == "mobile");
        (change.OldValue, change.NewValue).ShouldBe((Phone.Mask(before.Mobile), Phone.Mask(mobile)));
        history.Single(h => h.Field == "name").NewValue.ShouldBe("空号客户本人");

        row = await RowAsync();
        (row.GetProperty("valid").GetBoolean(), row.GetProperty("status").GetString()).ShouldBe((true, "open"));
        (row.GetProperty("foundMobile").GetString(), row.GetProperty("foundName").GetString(), row.GetProperty("foundOtherPhone").GetString(), row.GetProperty("foundNote").GetString())
            .ShouldBe((Phone.Mask(mobile), "空号客户本人", Phone.Mask("020-38881234"), "销售部提供"));
        row.GetProperty("mobile").GetString().ShouldBe(Phone.Mask(before.Mobile)); // the number found wrong
        // The task is back in the queue; a second correction finds it no longer invalid.
        (await CallbackData.PostVersionedAsync(crm, taskUrl, "correct-number", new { mobile = TestData.NewMobile() })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var browser = await app.BrowserAs("th.crm");
        var page = await browser.GetStringAsync("/Callbacks/Reports/Invalid");
        page.ShouldContain(Phone.Mask(mobile));
        page.ShouldNotContain(mobile);
        var rows = Xlsx(await browser.GetByteArrayAsync("/Callbacks/Reports/Invalid?handler=Export"));
        rows[0].ShouldBe(["序号", "VIN号", "客户姓名", "客户联系电话", "客户通讯地址", "数据是否有效", "回访状态", "客户回访专员", "回访时间", "备注",
            "找回正确客户姓名", "找回正确电话", "找回其他联系电话", "备注"]);
        rows.ShouldContain(r => r.Length > 11 && r[10] == "空号客户本人" && r[11] == Phone.Mask(mobile) && r[5] == "是");
    }

    [Fact]
    public async Task The_invalid_list_page_corrects_a_number_and_a_refused_one_names_the_field()
    {
        var crm = await app.ApiAs("th.crm");
        var (customer, _) = await CallbackData.DeliveryAsync(app, name: "错号客户");
        var task = await TaskIdAsync(crm, customer, "ownerConfirmation");
        await RecordAsync(crm, task, new { outcome = "wrongNumber" });
        var browser = await app.BrowserAs("th.crm");
        // The form carries the task's version as read, as the page renders it.
        var version = (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters().SingleAsync(x => x.Id == task))).Version.ToString();
        var refused = await DcrcApp.PostFormAsync(browser, $"/Callbacks/Reports/Invalid?handler=Correct&id={task}", new() { ["Correction.Mobile"] = "1380013", ["Correction.Version"] = version },
            "/Callbacks/Reports/Invalid");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("正确手机号应为 11 位手机号码");
        html.ShouldContain($"open=\"open\" id=\"correct-{task}\"");

        var mobile = TestData.NewMobile();
        var saved = await DcrcApp.PostFormAsync(browser, $"/Callbacks/Reports/Invalid?handler=Correct&id={task}", new() { ["Correction.Mobile"] = mobile, ["Correction.Version"] = version },
            "/Callbacks/Reports/Invalid");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var t = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters().SingleAsync(x => x.Id == task));
        (t.Status, t.ClosedAt).ShouldBe((CallbackStatus.Open, (DateTime?)null));
        (await browser.GetStringAsync(saved.Headers.Location!.ToString())).ShouldContain(Phone.Mask(mobile));
    }

    [Fact]
    public async Task The_sms_log_shows_the_sms_survey_with_its_reason_status_and_reply()
    {
        var crm = await app.ApiAs("th.crm");
        var specialist = await app.ApiAs("th.callback");
        var (customer, _) = await CallbackData.DeliveryAsync(app, "th.advisor", daysAgo: 4, kind: "repairOrder", name: "短信客户");
        var task = await TaskIdAsync(crm, customer, "serviceSurvey");
        JsonElement sent = default;
        foreach (var outcome in new[] { "noAnswer", "noAnswer", "noAnswer", "noAnswer" }) sent = await RecordAsync(specialist, task, new { outcome });
        var message = sent.GetProperty("smsMessageId").GetInt64();

        var today = Iso(Today);
        var log = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/sms?from={today}&to={today}&pageSize=200");
        var row = log.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == message);
        (row.GetProperty("customerName").GetString(), row.GetProperty("reason").GetString(), row.GetProperty("status").GetString())
            .ShouldBe(("短信客户", CallbackSmsReplies.Reason, "queued"));
        row.GetProperty("reasonLabel").GetString().ShouldBe("短信回访（4次电话未成功）");

        var browser = await app.BrowserAs("th.crm");
        (await browser.GetStringAsync($"/Callbacks/Reports/Sms?from={today}&to={today}")).ShouldContain("短信客户");
        var rows = Xlsx(await browser.GetByteArrayAsync($"/Callbacks/Reports/Sms?handler=Export&from={today}&to={today}"));
        rows[0].ShouldBe(["客户姓名", "原因类型", "发送时间", "发送状态", "客户回复内容"]);
        rows.ShouldContain(r => r.Length > 3 && r[0] == "短信客户" && r[1] == "短信回访（4次电话未成功）" && r[3] == "待发送");
    }

    [Fact]
    public async Task The_trend_counts_surveys_per_week_or_month_with_the_owner_confirmation_accuracy_and_coverage()
    {
        var consultant = await PersonAsync(Roles.SalesConsultant, "顾问戊");
        var crm = await app.ApiAs("th.crm");
        var specialist = await app.ApiAs("th.callback");
        var (from, to) = (Iso(Today.AddDays(-20)), Iso(Today));
        var before = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/trend?from={from}&to={to}");
        var (right, _) = await CallbackData.DeliveryAsync(app, consultant.UserName);
        var (wrong, _) = await CallbackData.DeliveryAsync(app, consultant.UserName);
        await RecordAsync(specialist, await TaskIdAsync(crm, right, "ownerConfirmation"), new { outcome = "success", confirmation = new { dataCorrect = true } });
        await RecordAsync(specialist, await TaskIdAsync(crm, wrong, "ownerConfirmation"), new { outcome = "success", confirmation = new { dataCorrect = false, name = "改正姓名" } });
        await RecordAsync(specialist, await TaskIdAsync(crm, right, "salesSurvey"), new { outcome = "success", answers = await CallbackData.AnswersAsync(specialist, "sales", 6) });

        var trend = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/trend?from={from}&to={to}");
        trend.GetProperty("unit").GetString().ShouldBe("week");
        var points = trend.GetProperty("points").EnumerateArray().ToList();
        points.First().GetProperty("start").GetString().ShouldBe(from);
        points.Last().GetProperty("end").GetString().ShouldBe(to);
        points.Count.ShouldBeInRange(3, 4);
        int Sum(JsonElement t, string p) => t.GetProperty("points").EnumerateArray().Sum(x => x.GetProperty(p).GetInt32());
        (Sum(trend, "events") - Sum(before, "events"), Sum(trend, "basically") - Sum(before, "basically"), Sum(trend, "succeeded") - Sum(before, "succeeded")).ShouldBe((2, 1, 1));
        var accuracy = trend.GetProperty("ownerConfirmation");
        (accuracy.GetProperty("completed").GetInt32() - before.GetProperty("ownerConfirmation").GetProperty("completed").GetInt32(),
            accuracy.GetProperty("correct").GetInt32() - before.GetProperty("ownerConfirmation").GetProperty("correct").GetInt32()).ShouldBe((2, 1));
        trend.GetProperty("coverage").GetProperty("events").GetInt32().ShouldBeGreaterThanOrEqualTo(2);

        var long_ = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/trend?from={Iso(Today.AddDays(-200))}&to={to}");
        long_.GetProperty("unit").GetString().ShouldBe("month");
        long_.GetProperty("points").GetArrayLength().ShouldBeInRange(7, 8);
        // The overview page draws it from a JSON block (no inline script).
        var page = await (await app.BrowserAs("th.crm")).GetStringAsync($"/Callbacks/Reports?from={from}&to={to}");
        page.ShouldContain("<script type=\"application/json\" id=\"trend-data\">");
        page.ShouldContain("/js/callback-reports.js");
    }

    [Fact]
    public async Task Another_stores_callbacks_never_show_in_the_reports_the_queue_or_the_grievance_list()
    {
        var nsCrm = await app.ApiAs("ns.crm");
        var nsCallback = await app.ApiAs("ns.callback");
        var consultant = await CallbackData.UserIdAsync(app, "ns.sales");
        var secret = "南山" + Guid.NewGuid().ToString("N")[..6];
        var tasks = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var (customer, vehicle, _) = await TestData.CustomerWithVehicleAsync(nsCrm, secret);
            await TestData.PostCreatedAsync(nsCrm, $"/api/v1/customers/{customer}/transactions", new
            {
                kind = "sale", number = "NS" + Guid.NewGuid().ToString("N")[..10], date = Iso(Today.AddDays(-8)), vehicleId = vehicle, staffUserId = consultant,
            });
            tasks.Add(await TaskIdAsync(nsCrm, customer, "salesSurvey"));
        }
        await RecordAsync(nsCallback, tasks[0], new { outcome = "success", answers = await CallbackData.AnswersAsync(nsCallback, "sales", 3), grievance = true, grievanceText = secret });
        foreach (var outcome in new[] { "noAnswer", "noAnswer", "noAnswer", "noAnswer" }) await RecordAsync(nsCallback, tasks[1], new { outcome });
        await RecordAsync(nsCallback, tasks[2], new { outcome = "wrongNumber" });
        var ns = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == "NS").Select(s => s.Id).SingleAsync());
        var today = Iso(Today);

        var crm = await app.ApiAs("th.crm");
        foreach (var report in new[] { "failures", "invalid", "sms" })
        {
            var page = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/{report}?from={today}&to={today}&pageSize=200");
            page.GetProperty("items").EnumerateArray().ShouldNotContain(r => r.GetProperty("customerName").GetString() == secret, report);
        }
        foreach (var view in new[] { "closed", "sms" })
        {
            var queue = await crm.GetAsync($"/api/v1/callbacks/tasks?view={view}&pageSize=200");
            queue.StatusCode.ShouldBe(HttpStatusCode.OK, view);
            (await queue.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ShouldNotContain(t => t.GetProperty("storeId").GetInt32() == ns, view);
        }
        // The grievance became an NS complaint case: TH's list never shows it.
        (await crm.GetFromJsonAsync<JsonElement>("/api/v1/complaints?pageSize=200")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(c => c.GetProperty("storeId").GetInt32() == ns);
        // …while the store's own people see them.
        (await nsCrm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/reports/invalid?from={today}&to={today}&pageSize=200")).GetProperty("items").EnumerateArray()
            .ShouldContain(r => r.GetProperty("customerName").GetString() == secret);
    }

    [Fact]
    public async Task Bad_dates_ranges_tables_and_stores_are_refused_naming_the_field_and_reports_need_their_permission()
    {
        var crm = await app.ApiAs("th.crm");
        async Task<JsonElement> ErrorsAsync(string url)
        {
            var r = await crm.GetAsync(url);
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }
        var today = Today;
        (await ErrorsAsync($"/api/v1/callbacks/reports/satisfaction?from={Iso(today)}&to={Iso(today.AddDays(-1))}")).GetProperty("to")[0].GetString().ShouldBe("结束日期不能早于开始日期。");
        (await ErrorsAsync($"/api/v1/callbacks/reports/failures?from={Iso(today.AddDays(-400))}&to={Iso(today)}")).GetProperty("to")[0].GetString().ShouldBe("日期范围不能超过 366 天。");
        (await ErrorsAsync("/api/v1/callbacks/reports/sms?from=2026-13-01")).TryGetProperty("from", out _).ShouldBeTrue();
        (await ErrorsAsync("/api/v1/callbacks/reports/daily?date=yesterday")).TryGetProperty("date", out _).ShouldBeTrue();
        (await ErrorsAsync("/api/v1/callbacks/reports/satisfaction?table=cashier")).TryGetProperty("table", out _).ShouldBeTrue();
        var ns = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == "NS").Select(s => s.Id).SingleAsync());
        (await crm.GetAsync($"/api/v1/callbacks/reports/invalid?storeId={ns}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // another store's
        (await ErrorsAsync("/api/v1/callbacks/reports/invalid?storeId=987654")).TryGetProperty("storeId", out _).ShouldBeTrue();
        // A consultant works their own callbacks but does not read the reports.
        (await (await app.ApiAs("th.sales")).GetAsync("/api/v1/callbacks/reports/satisfaction")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.BrowserAs("th.sales")).GetAsync("/Callbacks/Reports")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        // The page shows a refused range and falls back to this month.
        var page = await (await app.BrowserAs("th.crm")).GetStringAsync($"/Callbacks/Reports/Satisfaction?from={Iso(today)}&to={Iso(today.AddDays(-3))}");
        page.ShouldContain("结束日期不能早于开始日期。");
    }
}

[Collection(SqliteCollection.Name)] public class ReportTests_Sqlite(SqliteApp app) : ReportTests(app);
[Collection(PostgresCollection.Name)] public class ReportTests_Postgres(PostgresApp app) : ReportTests(app);
