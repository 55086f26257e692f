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
        var response = await ComplaintData.PostStepAsync(client, id, action, body);
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
    public async Task A_step_without_the_version_read_is_refused_naming_the_version_and_changes_nothing()
    {
        var reception = await app.ApiAs("th.reception");
        var created = await CreatedAsync(reception, new { customerId = await CustomerAsync(), channel = "phone", category = "other", description = "没有版本号的步骤" });
        var id = created.GetProperty("id").GetInt64();
        var refused = await reception.PostAsJsonAsync($"/api/v1/complaints/{id}/steps/judgeValid", new { });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("version")[0].GetString().ShouldBe("请填写版本号。");
        var unchanged = await reception.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");
        unchanged.GetProperty("case").GetProperty("state").GetString().ShouldBe("received");
        unchanged.GetProperty("events").GetArrayLength().ShouldBe(1);
        var version = created.GetProperty("version").GetInt32();
        await StepAsync(reception, id, "judgeValid", new { version = version + 1 }, HttpStatusCode.Conflict);
        (await StepAsync(reception, id, "judgeValid", new { version })).GetProperty("case").GetProperty("state").GetString().ShouldBe("valid");
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
    public async Task Only_the_department_manager_or_the_gm_sends_a_result_back_never_reception_or_a_callback_specialist()
    {
        var reception = await app.ApiAs("th.reception");
        var callback = await app.ApiAs("th.callback");
        var id = (await CreatedAsync(reception, new { customerId = await CustomerAsync(), channel = "phone", category = "productQuality", description = "退回的权限" })).GetProperty("id").GetInt64();
        await StepAsync(reception, id, "judgeValid");
        await StepAsync(reception, id, "dispatch", new { departmentId = await DepartmentAsync("SALES"), responsibleUserId = await CallbackData.UserIdAsync(app, "th.salesmgr") });
        var manager = await app.ApiAs("th.salesmgr");
        await StepAsync(manager, id, "propose", new { solution = "补偿", compensation = "compensation", compensationAmount = 5000 });
        await StepAsync(manager, id, "reportResult", new { result = "已处理" });
        async Task RefusedToDcrc()
        {
            foreach (var dcrc in new[] { reception, callback })
            {
                (await dcrc.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}")).GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldNotContain("reject");
                await StepAsync(dcrc, id, "reject", new { note = "退回" }, HttpStatusCode.Forbidden);
            }
        }
        await RefusedToDcrc(); // resulted
        (await StepAsync(manager, id, "approve")).GetProperty("case").GetProperty("state").GetString().ShouldBe("awaitingGm");
        await RefusedToDcrc();
        await StepAsync(manager, id, "reject", new { note = "撤回" }, HttpStatusCode.Forbidden); // waiting for the GM: the GM decides
        await StepAsync(await app.ApiAs("th.gm"), id, "gmApprove");
        await RefusedToDcrc(); // approved
        (await StepAsync(manager, id, "reject", new { note = "客户不接受" })).GetProperty("case").GetProperty("state").GetString().ShouldBe("dispatched");
    }

    [Fact]
    public async Task The_list_filters_by_state_category_and_the_store_dates_received()
    {
        var reception = await app.ApiAs("th.reception");
        var customer = await CustomerAsync("筛选客户");
        var today = CallbackData.StoreToday(app);
        var valid = await CreatedAsync(reception, new { customerId = customer, channel = "phone", category = "purchaseConditions", description = "合同条款" });
        await StepAsync(reception, valid.GetProperty("id").GetInt64(), "judgeValid");
        var earlier = today.AddDays(-3);
        var old = await CreatedAsync(reception, new { customerId = customer, channel = "visit", category = "other", description = "三天前的投诉",
            receivedAt = new DateTimeOffset(earlier.ToDateTime(new TimeOnly(0, 10)), TimeSpan.FromHours(8)) });
        async Task<int> Count(JsonElement c, string filter) =>
            (await reception.GetFromJsonAsync<JsonElement>($"/api/v1/complaints?q={c.GetProperty("number").GetString()}&{filter}")).GetProperty("total").GetInt32();
        (await Count(valid, "state=valid")).ShouldBe(1);
        (await Count(valid, "state=received")).ShouldBe(0);
        (await Count(valid, "category=purchaseConditions")).ShouldBe(1);
        (await Count(valid, "category=other")).ShouldBe(0);
        (await Count(old, $"from={earlier:yyyy-MM-dd}&to={earlier:yyyy-MM-dd}")).ShouldBe(1); // 00:10 in the store is the day before in UTC
        (await Count(old, $"from={today:yyyy-MM-dd}")).ShouldBe(0);
        (await Count(valid, $"to={earlier:yyyy-MM-dd}")).ShouldBe(0);
        (await reception.GetFromJsonAsync<JsonElement>("/api/v1/complaints?state=valid&pageSize=200")).GetProperty("items").EnumerateArray()
            .ShouldAllBe(i => i.GetProperty("state").GetString() == "valid");
        foreach (var (query, field) in new[] { ("state=bogus", "state"), ("category=7", "category"), ("from=2026-13-01", "from"), ($"from={today:yyyy-MM-dd}&to={earlier:yyyy-MM-dd}", "to") })
        {
            var bad = await reception.GetAsync($"/api/v1/complaints?{query}");
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(query);
        }
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
