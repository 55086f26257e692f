using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Complaints;
using Dcrc.Kernel.Jobs;
using Dcrc.Tests.Features.Callbacks;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Complaints;

public abstract class ComplaintCaseTests(DcrcApp app)
{
    private async Task<long> CustomerAsync(string name = "投诉客户")
    {
        var (customer, _, _) = await TestData.CustomerWithVehicleAsync(await app.ApiAs("th.crm"), name);
        return customer;
    }

    private static async Task<JsonElement> CreatedAsync(HttpClient client, object body) => await TestData.PostCreatedAsync(client, "/api/v1/complaints", body);

    private static async Task<JsonElement> StepAsync(HttpClient client, long id, string action, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/complaints/{id}/steps/{action}", body ?? new { });
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return expected == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }

    private Task<int> DepartmentAsync(string code) => app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Departments.Where(d => d.Code == code).Select(d => d.Id).SingleAsync());

    [Fact]
    public async Task A_case_runs_from_intake_to_follow_up_in_order_with_the_right_people_and_closing_makes_the_satisfaction_callback()
    {
        var customer = await CustomerAsync();
        var reception = await app.ApiAs("th.reception");
        var created = await CreatedAsync(reception, new { customerId = customer, channel = "phone", category = "serviceQuality", severity = "serious", description = "保养后发动机异响", request = "免费检修" });
        var id = created.GetProperty("id").GetInt64();
        created.GetProperty("state").GetString().ShouldBe("received");
        created.GetProperty("customerComplaintNumber").GetInt32().ShouldBe(1);
        created.GetProperty("number").GetString().ShouldStartWith("TS");
        (await CreatedAsync(reception, new { customerId = customer, channel = "visit", category = "other", description = "再次投诉" })).GetProperty("customerComplaintNumber").GetInt32().ShouldBe(2);

        // Out of order or by the wrong person: refused.
        await StepAsync(reception, id, "close", new { closingSummary = "x" }, HttpStatusCode.BadRequest);
        var advisor = await app.ApiAs("th.advisor");
        await StepAsync(advisor, id, "judgeValid", null, HttpStatusCode.NotFound); // not their case yet: they cannot even see it

        await StepAsync(reception, id, "judgeValid");
        await StepAsync(reception, id, "dispatch", new { departmentId = await DepartmentAsync("SALES") }, HttpStatusCode.BadRequest); // nobody responsible
        var advisorId = await CallbackData.UserIdAsync(app, "th.advisor");
        var dispatched = await StepAsync(reception, id, "dispatch", new { departmentId = await DepartmentAsync("SERVICE"), responsibleUserId = advisorId });
        dispatched.GetProperty("case").GetProperty("state").GetString().ShouldBe("dispatched");
        dispatched.GetProperty("limits").EnumerateArray().Select(x => x.GetProperty("limit").GetString()).ShouldBe(["dispatch", "proposal", "result"]);
        dispatched.GetProperty("limits")[0].GetProperty("status").GetString().ShouldBe("met");

        await StepAsync(reception, id, "propose", new { solution = "免费更换" }, HttpStatusCode.Forbidden); // DCRC does not propose
        await StepAsync(advisor, id, "propose", new { solution = "免费检修并更换皮带", compensation = "discount" }, HttpStatusCode.BadRequest); // amount missing
        await StepAsync(advisor, id, "propose", new { solution = "免费检修并更换皮带", compensation = "discount", compensationAmount = 500 });
        await StepAsync(advisor, id, "reportResult", new { result = "已更换，试车无异响", cause = "皮带老化", measures = "保养增加皮带检查" });
        await StepAsync(advisor, id, "approve", null, HttpStatusCode.Forbidden); // the manager approves
        var approved = await StepAsync(await app.ApiAs("th.servicemgr"), id, "approve");
        approved.GetProperty("case").GetProperty("state").GetString().ShouldBe("approved"); // 500 ≤ the GM threshold
        await StepAsync(reception, id, "accept", new { }, HttpStatusCode.BadRequest);
        await StepAsync(reception, id, "accept", new { customerOpinion = "接受" });
        var closed = await StepAsync(reception, id, "close", new { closingSummary = "客户满意" });
        closed.GetProperty("case").GetProperty("state").GetString().ShouldBe("closed");
        var taskId = closed.GetProperty("case").GetProperty("satisfactionTaskId").GetInt64();
        var task = (await (await app.ApiAs("th.callback")).GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks?customerId={customer}&kind=complaintSatisfaction"))
            .GetProperty("items").EnumerateArray().Single();
        task.GetProperty("id").GetInt64().ShouldBe(taskId);
        DateOnly.Parse(task.GetProperty("dueBy").GetString()!).ShouldBeLessThanOrEqualTo(CallbackData.StoreToday(app).AddDays(9)); // within the week (next working day if it ends on a day off)
        var followed = await StepAsync(reception, id, "followUp", new { note = "三天后回访：正常" });
        followed.GetProperty("case").GetProperty("state").GetString().ShouldBe("followedUp");
        followed.GetProperty("events").GetArrayLength().ShouldBe(9); // received and the eight steps done
        followed.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["reopen"]);

        // Dissatisfied after all: reopened, back with the department, new limits.
        var reopened = await StepAsync(reception, id, "reopen", new { note = "客户反映仍有异响" });
        reopened.GetProperty("case").GetProperty("state").GetString().ShouldBe("dispatched");
        reopened.GetProperty("case").GetProperty("reopened").GetInt32().ShouldBe(1);
        reopened.GetProperty("limits").EnumerateArray().Single(x => x.GetProperty("limit").GetString() == "proposal").GetProperty("status").GetString().ShouldBe("running");
    }

    [Fact]
    public async Task Compensation_above_the_threshold_needs_the_gm_and_a_stale_step_is_refused()
    {
        var reception = await app.ApiAs("th.reception");
        var id = (await CreatedAsync(reception, new { customerId = await CustomerAsync(), channel = "letter", category = "productQuality", description = "新车漆面有瑕疵" })).GetProperty("id").GetInt64();
        await StepAsync(reception, id, "judgeValid");
        var salesManager = await app.ApiAs("th.salesmgr");
        await StepAsync(reception, id, "dispatch", new { departmentId = await DepartmentAsync("SALES"), responsibleUserId = await CallbackData.UserIdAsync(app, "th.salesmgr") });
        await StepAsync(salesManager, id, "propose", new { solution = "整车重新喷漆并补偿", compensation = "compensation", compensationAmount = 5000 });
        var current = await StepAsync(salesManager, id, "reportResult", new { result = "已喷漆" });
        var awaiting = await StepAsync(salesManager, id, "approve");
        awaiting.GetProperty("case").GetProperty("state").GetString().ShouldBe("awaitingGm");
        await StepAsync(salesManager, id, "gmApprove", null, HttpStatusCode.Forbidden);
        await StepAsync(await app.ApiAs("th.gm"), id, "gmApprove", new { version = current.GetProperty("case").GetProperty("version").GetInt32() }, HttpStatusCode.Conflict);
        var approved = await StepAsync(await app.ApiAs("th.gm"), id, "gmApprove", new { version = awaiting.GetProperty("case").GetProperty("version").GetInt32() });
        approved.GetProperty("case").GetProperty("state").GetString().ShouldBe("approved");
        // Pausing is for waiting on the customer, in a running step only.
        await StepAsync(reception, id, "pause", new { note = "等待客户" }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_dispatch_limit_runs_in_business_time_over_a_weekend_and_a_holiday_breaches_and_escalates_to_the_cr_manager_then_the_gm()
    {
        var admin = await app.ApiAs("sysadmin");
        var today = CallbackData.StoreToday(app);
        var friday = today.AddDays(-8);
        while (friday.DayOfWeek != DayOfWeek.Friday) friday = friday.AddDays(-1);
        var taken = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/calendar/days?year={friday.Year}")).EnumerateArray().Select(d => DateOnly.Parse(d.GetProperty("date").GetString()!)).ToList();
        if (taken.Any(d => d >= friday && d <= friday.AddDays(5))) friday = friday.AddDays(-7);
        var added = new List<int>();
        try
        {
            foreach (var day in new[] { friday.AddDays(1), friday.AddDays(3) }) // Saturday and Monday off; Sunday is off anyway
                added.Add((await TestData.PostCreatedAsync(admin, "/api/v1/calendar/days", new { date = day.ToString("yyyy-MM-dd"), kind = "holiday", name = "测试假日" })).GetProperty("id").GetInt32());
            var reception = await app.ApiAs("th.reception");
            // Received on Friday at 17:20: ten working minutes that day, the other twenty on Tuesday morning.
            var received = new DateTimeOffset(friday.ToDateTime(new TimeOnly(17, 20)), TimeSpan.FromHours(8));
            var id = (await CreatedAsync(reception, new { customerId = await CustomerAsync(), channel = "phone", category = "serviceQuality", description = "等待时间过长", receivedAt = received }))
                .GetProperty("id").GetInt64();
            var detail = await reception.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");
            var dispatch = detail.GetProperty("limits")[0];
            dispatch.GetProperty("dueAt").GetDateTime().ToUniversalTime().ShouldBe(friday.AddDays(4).ToDateTime(new TimeOnly(0, 50), DateTimeKind.Utc)); // Tuesday 08:50 in Shanghai
            dispatch.GetProperty("breached").GetBoolean().ShouldBeTrue();

            await app.WithScopeAsync(async sp =>
            {
                sp.GetRequiredService<Dcrc.Kernel.Access.StoreScope>().AllowAll(null);
                await sp.GetServices<IScheduledJob>().Single(j => j.Name == "complaints.limits").RunAsync(app.Clock.GetUtcNow().UtcDateTime, default);
            });
            var after = await reception.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");
            after.GetProperty("limits")[0].GetProperty("level").GetInt32().ShouldBe(2);
            var system = after.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("system").GetString() != null).ToList();
            system.Select(e => e.GetProperty("system").GetString()).ShouldBe(["breached", "escalated", "escalated"]);
            system.ShouldAllBe(e => e.GetProperty("limit").GetString() == "dispatch" && e.GetProperty("note").ValueKind == JsonValueKind.Null);
            // The timeline says it in words, as the case page does, not in codes.
            system.Select(e => e.GetProperty("text").GetString()).ShouldBe(["已超时：派单", "已升级：派单 · 已升级 1 级", "已升级：派单 · 已升级 2 级"]);
            var notified = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Notifications.Where(n => n.Link == $"/Complaints/{id}")
                .Join(sp.GetRequiredService<DcrcDb>().Users, n => n.UserId, u => u.Id, (n, u) => new { u.UserName, n.Key }).ToListAsync());
            notified.ShouldContain(n => n.UserName == "th.reception" && n.Key == "Notification.ComplaintBreached");
            notified.ShouldContain(n => n.UserName == "th.crm" && n.Key == "Notification.ComplaintEscalated");
            notified.ShouldContain(n => n.UserName == "th.gm" && n.Key == "Notification.ComplaintEscalated");
            // Recorded once: the job again adds nothing.
            await app.WithScopeAsync(async sp =>
            {
                sp.GetRequiredService<Dcrc.Kernel.Access.StoreScope>().AllowAll(null);
                await sp.GetServices<IScheduledJob>().Single(j => j.Name == "complaints.limits").RunAsync(app.Clock.GetUtcNow().UtcDateTime, default);
            });
            (await reception.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}")).GetProperty("events").GetArrayLength().ShouldBe(after.GetProperty("events").GetArrayLength());
        }
        finally
        {
            foreach (var d in added) await admin.DeleteAsync($"/api/v1/calendar/days/{d}");
        }
    }

    [Fact]
    public async Task Pausing_while_waiting_on_the_customer_stops_the_clock_of_the_running_steps()
    {
        var reception = await app.ApiAs("th.reception");
        var id = (await CreatedAsync(reception, new { customerId = await CustomerAsync(), channel = "email", category = "serviceQuality", description = "等待客户提供照片" })).GetProperty("id").GetInt64();
        await StepAsync(reception, id, "judgeValid");
        var dispatched = await StepAsync(reception, id, "dispatch", new { departmentId = await DepartmentAsync("SERVICE"), responsibleUserId = await CallbackData.UserIdAsync(app, "th.advisor") });
        double Remaining(JsonElement d) => d.GetProperty("limits").EnumerateArray().Single(x => x.GetProperty("limit").GetString() == "result").GetProperty("remainingMinutes").GetDouble();
        var before = Remaining(dispatched);
        var paused = await StepAsync(reception, id, "pause", new { note = "等待客户提供照片" });
        paused.GetProperty("case").GetProperty("paused").GetBoolean().ShouldBeTrue();
        paused.GetProperty("limits").EnumerateArray().Single(x => x.GetProperty("limit").GetString() == "result").GetProperty("status").GetString().ShouldBe("paused");
        paused.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["resume"]);
        await StepAsync(await app.ApiAs("th.advisor"), id, "propose", new { solution = "x" }, HttpStatusCode.BadRequest); // nothing moves while paused

        app.Clock.Advance(TimeSpan.FromDays(2)); // two days waiting: not the department's time
        var resumed = await StepAsync(await app.ApiAs("th.reception"), id, "resume");
        Remaining(resumed).ShouldBe(before, 5);
        resumed.GetProperty("limits").EnumerateArray().Single(x => x.GetProperty("limit").GetString() == "result").GetProperty("status").GetString().ShouldBe("running");
    }

    [Fact]
    public async Task A_complaint_taken_on_a_call_links_the_call_and_shows_on_the_callers_card()
    {
        var customer = await CustomerAsync("来电投诉客户");
        var mobile = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.Where(c => c.Id == customer).Select(c => c.Mobile!).SingleAsync());
        var reception = await app.ApiAs("th.reception");
        var call = (await TestData.PostCreatedAsync(reception, "/api/v1/calls", new { number = mobile, purpose = "complaint", content = "空调不制冷" })).GetProperty("id").GetInt64();
        var id = (await CreatedAsync(reception, new { customerId = customer, channel = "phone", category = "productQuality", description = "空调不制冷", callId = call })).GetProperty("id").GetInt64();
        (await reception.GetFromJsonAsync<JsonElement>($"/api/v1/calls/{call}")).GetProperty("complaintId").GetInt64().ShouldBe(id);
        // One complaint per call.
        (await reception.PostAsJsonAsync("/api/v1/complaints", new { customerId = customer, channel = "phone", category = "other", description = "again", callId = call }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var card = await (await app.BrowserAs("th.reception")).GetStringAsync($"/Calls?handler=Card&Input.Number={mobile}");
        card.ShouldContain($"/Complaints/{id}");
    }

    [Fact]
    public async Task Intake_refuses_a_missing_description_an_unknown_customer_and_a_bad_phone_by_field()
    {
        var reception = await app.ApiAs("th.reception");
        var bad = await reception.PostAsJsonAsync("/api/v1/complaints", new { customerId = 987654321, channel = "phone", category = "other", description = "", contactPhone = "123" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("description", out _).ShouldBeTrue();
        (await reception.PostAsJsonAsync("/api/v1/complaints", new { customerId = 987654321, channel = "phone", category = "other", description = "x", contactPhone = "123" }))
            .Content.ReadFromJsonAsync<JsonElement>().Result.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ShouldBe(["contactPhone", "customerId"]);
        (await (await app.ApiAs("th.sales")).PostAsJsonAsync("/api/v1/complaints", new { customerId = 1, channel = "phone", category = "other", description = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)] public class ComplaintCaseTests_Sqlite(SqliteApp app) : ComplaintCaseTests(app);
[Collection(PostgresCollection.Name)] public class ComplaintCaseTests_Postgres(PostgresApp app) : ComplaintCaseTests(app);

public abstract class ComplaintStatisticsTests(DcrcApp app)
{
    private static int Cases(JsonElement groups, string key) =>
        groups.EnumerateArray().Where(g => g.GetProperty("key").GetString() == key).Select(g => g.GetProperty("cases").GetInt32()).FirstOrDefault();

    [Fact]
    public async Task The_months_statistics_count_cases_closings_losses_repeats_and_categories()
    {
        var reception = await app.ApiAs("th.reception");
        var url = $"/api/v1/complaints/statistics?period=month&date={CallbackData.StoreToday(app):yyyy-MM-dd}&pageSize=500";
        var before = await reception.GetFromJsonAsync<JsonElement>(url);
        var (customer, _, _) = await TestData.CustomerWithVehicleAsync(await app.ApiAs("th.crm"), "统计客户");
        var first = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "purchaseConditions", description = "合同条款不清" })).GetProperty("id").GetInt64();
        await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "visit", category = "unmetExpectation", description = "交车延期" });
        // The first one runs to the end with a 300-yuan discount.
        var manager = await app.ApiAs("th.salesmgr");
        async Task Step(HttpClient c, string action, object body) => (await c.PostAsJsonAsync($"/api/v1/complaints/{first}/steps/{action}", body)).EnsureSuccessStatusCode();
        await Step(reception, "judgeValid", new { });
        var sales = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Departments.Where(d => d.Code == "SALES").Select(d => d.Id).SingleAsync());
        await Step(reception, "dispatch", new { departmentId = sales, responsibleUserId = await CallbackData.UserIdAsync(app, "th.salesmgr") });
        await Step(manager, "propose", new { solution = "折价补偿", compensation = "discount", compensationAmount = 300 });
        await Step(manager, "reportResult", new { result = "已补偿" });
        await Step(manager, "approve", new { });
        await Step(reception, "accept", new { customerOpinion = "接受" });
        await Step(reception, "close", new { closingSummary = "结案" });

        var after = await reception.GetFromJsonAsync<JsonElement>(url);
        int Total(JsonElement r, string field) => r.GetProperty("total").GetProperty(field).GetInt32();
        (Total(after, "cases") - Total(before, "cases")).ShouldBe(2);
        (Total(after, "closed") - Total(before, "closed")).ShouldBe(1);
        (after.GetProperty("total").GetProperty("loss").GetDecimal() - before.GetProperty("total").GetProperty("loss").GetDecimal()).ShouldBe(300m);
        (after.GetProperty("repeat").GetInt32() - before.GetProperty("repeat").GetInt32()).ShouldBe(1);
        (after.GetProperty("open").GetInt32() - before.GetProperty("open").GetInt32()).ShouldBe(1);
        (Cases(after.GetProperty("byCategory"), "purchaseConditions") - Cases(before.GetProperty("byCategory"), "purchaseConditions")).ShouldBe(1);
        (Cases(after.GetProperty("byHandling"), "discount") - Cases(before.GetProperty("byHandling"), "discount")).ShouldBe(1);
        // Group keys are the enums' JSON names, like the enums in the case lines.
        after.GetProperty("byCategory").EnumerateArray().Select(g => g.GetProperty("key").GetString()!).ShouldAllBe(k => k.Length > 0 && char.IsLower(k[0]));
        after.GetProperty("lines").EnumerateArray().Select(x => x.GetProperty("id").GetInt64()).ShouldContain(first);
        after.GetProperty("linesTotal").GetInt32().ShouldBe(Total(after, "cases"));
        var onePage = await reception.GetFromJsonAsync<JsonElement>(url.Replace("pageSize=500", "pageSize=1"));
        onePage.GetProperty("lines").GetArrayLength().ShouldBe(1); // the lines are paged, the totals are not
        Total(onePage, "cases").ShouldBe(Total(after, "cases"));
        var total = Total(after, "cases");
        after.GetProperty("repeatRate").GetDecimal().ShouldBe(Math.Round(100m * after.GetProperty("repeat").GetInt32() / total, 1));
        (await reception.GetAsync("/api/v1/complaints/statistics?period=decade")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The seed's table as .xlsx: one line per case of the month.
        var browser = await app.BrowserAs("th.crm");
        var file = await browser.GetAsync($"/Complaints/Statistics?handler=Export&period=Month&date={CallbackData.StoreToday(app):yyyy-MM-dd}");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sheet = Dcrc.Kernel.Excel.Spreadsheet.ReadXlsx(await file.Content.ReadAsStreamAsync());
        sheet[0][..3].ShouldBe(["日期", "受理编号", "姓名"]);
        sheet.Count(r => r.Length > 1 && r[1] == $"TS{first:D6}").ShouldBe(1);
    }

    [Fact]
    public void Periods_are_the_week_from_monday_the_month_the_quarter_and_the_year()
    {
        var day = new DateOnly(2026, 11, 22); // a Sunday
        ComplaintStatistics.Range(StatisticsPeriod.Week, day).ShouldBe((new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22)));
        ComplaintStatistics.Range(StatisticsPeriod.Month, day).ShouldBe((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));
        ComplaintStatistics.Range(StatisticsPeriod.Quarter, day).ShouldBe((new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)));
        ComplaintStatistics.Range(StatisticsPeriod.Year, day).ShouldBe((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
    }
}

[Collection(SqliteCollection.Name)] public class ComplaintStatisticsTests_Sqlite(SqliteApp app) : ComplaintStatisticsTests(app);
[Collection(PostgresCollection.Name)] public class ComplaintStatisticsTests_Postgres(PostgresApp app) : ComplaintStatisticsTests(app);
