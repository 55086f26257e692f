using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Tests.Features.Callbacks;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Complaints;

/// <summary>The CR manager and the GM act on a case the department is late with: urge (催办), re-dispatch (改派), take over (接管).</summary>
public abstract class ComplaintManagementTests(DcrcApp app)
{
    /// <summary>A case dispatched to the service department and its advisor.</summary>
    private async Task<long> DispatchedAsync(string description)
    {
        var (customer, _, _) = await TestData.CustomerWithVehicleAsync(await app.ApiAs("th.crm"), "督办客户");
        var reception = await app.ApiAs("th.reception");
        var id = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "serviceQuality", description }))
            .GetProperty("id").GetInt64();
        (await ComplaintData.PostStepAsync(reception, id, "judgeValid")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var dispatched = await ComplaintData.PostStepAsync(reception, id, "dispatch",
            new { departmentId = await DepartmentAsync("SERVICE"), responsibleUserId = await CallbackData.UserIdAsync(app, "th.advisor") });
        dispatched.StatusCode.ShouldBe(HttpStatusCode.OK, await dispatched.Content.ReadAsStringAsync());
        return id;
    }

    private Task<int> DepartmentAsync(string code) => app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Departments.Where(d => d.Code == code).Select(d => d.Id).SingleAsync());

    private static async Task<JsonElement> CaseAsync(HttpClient client, long id) => await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");

    private static async Task<HttpResponseMessage> ManageAsync(HttpClient client, long id, string action, object body) =>
        await client.PostAsJsonAsync($"/api/v1/complaints/{id}/{action}", body);

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string field = "")
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        var problem = JsonDocument.Parse(text).RootElement;
        return status == HttpStatusCode.BadRequest ? problem.GetProperty("errors").GetProperty(field)[0].GetString()! : problem.GetProperty("detail").GetString()!;
    }

    private static int Version(JsonElement detail) => detail.GetProperty("case").GetProperty("version").GetInt32();
    private static IEnumerable<string?> Actions(JsonElement detail) => detail.GetProperty("actions").EnumerateArray().Select(a => a.GetString());
    private static JsonElement LastEvent(JsonElement detail) => detail.GetProperty("events").EnumerateArray().Last();
    private static DateTime Due(JsonElement detail, string limit) =>
        detail.GetProperty("limits").EnumerateArray().Single(x => x.GetProperty("limit").GetString() == limit).GetProperty("dueAt").GetDateTime();

    /// <summary>The notices about the case: who got which.</summary>
    private Task<List<(string User, string Key)>> NoticesAsync(long id) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DcrcDb>();
        return (await db.Notifications.Where(n => n.Link == $"/Complaints/{id}").Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { u.UserName, n.Key }).ToListAsync())
            .Select(n => (n.UserName!, n.Key)).ToList();
    });

    [Fact]
    public async Task Urging_notifies_the_person_responsible_and_the_departments_manager_and_leaves_the_case_and_its_clocks_as_they_are()
    {
        var id = await DispatchedAsync("维修进度无人跟进");
        var crm = await app.ApiAs("th.crm");
        var before = await CaseAsync(crm, id);
        Actions(before).ShouldBe(["pause", "urge", "redispatch", "takeOver"]);
        var urged = await OkAsync(await ManageAsync(crm, id, "urge", new { note = "客户第三次来电催问", version = Version(before) }));
        var e = LastEvent(urged);
        (e.GetProperty("action").GetString(), e.GetProperty("note").GetString(), e.GetProperty("text").GetString()).ShouldBe(("urge", "客户第三次来电催问", "催办"));
        (e.GetProperty("from").GetString(), e.GetProperty("to").GetString()).ShouldBe(("dispatched", "dispatched"));
        urged.GetProperty("case").GetProperty("state").GetString().ShouldBe("dispatched");
        Version(urged).ShouldBe(Version(before)); // a reminder does not make the department's open form stale
        Due(urged, "proposal").ShouldBe(Due(before, "proposal"));

        var notices = await NoticesAsync(id);
        notices.ShouldContain(("th.advisor", "Notification.ComplaintUrged"));
        notices.ShouldContain(("th.servicemgr", "Notification.ComplaintUrged"));
        notices.Where(n => n.Key == "Notification.ComplaintUrged").Select(n => n.User).ShouldBe(["th.advisor", "th.servicemgr"], ignoreOrder: true); // not sales, not the one urging
        var page = await (await app.BrowserAs("th.advisor")).GetStringAsync("/Notifications");
        page.ShouldContain($"投诉 TS");
        page.ShouldContain("催办，请尽快处理");

        // The GM may urge too, and a result waiting for approval is urged to the department's manager.
        var gm = await app.ApiAs("th.gm");
        await OkAsync(await ManageAsync(gm, id, "urge", new { version = Version(urged) }));
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries
            .CountAsync(a => a.Action == "complaints.step" && a.EntityType == "Complaint" && a.EntityId == key && a.Summary.Contains("Urge")))).ShouldBe(2);
    }

    [Fact]
    public async Task Re_dispatching_changes_the_department_and_person_is_in_the_timeline_and_keeps_the_clocks_running()
    {
        var id = await DispatchedAsync("转到销售部处理");
        var crm = await app.ApiAs("th.crm");
        var before = await CaseAsync(crm, id);
        var sales = await DepartmentAsync("SALES");
        // The person must be of the department chosen, and something must change.
        (await RefusedAsync(await ManageAsync(crm, id, "redispatch", new { departmentId = sales, responsibleUserId = await CallbackData.UserIdAsync(app, "th.advisor"), version = Version(before) }),
            HttpStatusCode.BadRequest, "responsibleUserId")).ShouldBe("处理责任人不属于所选的部门，请选择该部门的人员。");
        (await RefusedAsync(await ManageAsync(crm, id, "redispatch", new { responsibleUserId = await CallbackData.UserIdAsync(app, "th.advisor"), version = Version(before) }),
            HttpStatusCode.BadRequest, "responsibleUserId")).ShouldBe("案例已在该部门和负责人处，请选择其他部门或负责人。");
        await RefusedAsync(await ManageAsync(crm, id, "redispatch", new { departmentId = sales, version = Version(before) }), HttpStatusCode.BadRequest, "responsibleUserId");

        app.Clock.Advance(TimeSpan.FromHours(1)); // an hour later (a new token: the old one has run out)
        crm = await app.ApiAs("th.crm");
        var salesId = await CallbackData.UserIdAsync(app, "th.sales");
        var moved = await OkAsync(await ManageAsync(crm, id, "redispatch", new { departmentId = sales, responsibleUserId = salesId, note = "属销售合同问题", version = Version(before) }));
        var c = moved.GetProperty("case");
        (c.GetProperty("departmentId").GetInt32(), c.GetProperty("responsibleUserId").GetString(), c.GetProperty("state").GetString()).ShouldBe((sales, salesId, "dispatched"));
        c.GetProperty("responsibleName").GetString().ShouldNotBeNullOrEmpty();
        var e = LastEvent(moved);
        e.GetProperty("action").GetString().ShouldBe("redispatch");
        e.GetProperty("note").GetString()!.ShouldStartWith("销售部 · ");
        e.GetProperty("note").GetString()!.ShouldEndWith("属销售合同问题");
        // The department's clocks run on from the first dispatch: not reset by the re-dispatch.
        Due(moved, "proposal").ShouldBe(Due(before, "proposal"));
        Due(moved, "result").ShouldBe(Due(before, "result"));

        var notices = await NoticesAsync(id);
        notices.ShouldContain(("th.sales", "Notification.ComplaintRedispatched"));
        notices.ShouldContain(("th.advisor", "Notification.ComplaintRedispatchedAway"));
        // Now the sales consultant's case: the advisor no longer sees it, the consultant does its steps.
        (await (await app.ApiAs("th.advisor")).GetAsync($"/api/v1/complaints/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var consultant = await app.ApiAs("th.sales");
        Actions(await CaseAsync(consultant, id)).ShouldContain("propose");
        // Within the department, the person alone may change (the department is the case's when left out).
        var again = await OkAsync(await ManageAsync(crm, id, "redispatch", new { responsibleUserId = await CallbackData.UserIdAsync(app, "th.sales2"), version = Version(moved) }));
        again.GetProperty("case").GetProperty("departmentId").GetInt32().ShouldBe(sales);
    }

    [Fact]
    public async Task Taking_over_makes_the_manager_responsible_for_the_departments_steps()
    {
        var id = await DispatchedAsync("客户要求客关经理亲自处理");
        var crm = await app.ApiAs("th.crm");
        var before = await CaseAsync(crm, id);
        var taken = await OkAsync(await ManageAsync(crm, id, "takeover", new { note = "部门超时，由我跟进", version = Version(before) }));
        var crmId = await CallbackData.UserIdAsync(app, "th.crm");
        var c = taken.GetProperty("case");
        c.GetProperty("responsibleUserId").GetString().ShouldBe(crmId);
        c.GetProperty("departmentId").GetInt32().ShouldBe(await DepartmentAsync("SERVICE")); // its manager still approves
        (LastEvent(taken).GetProperty("action").GetString(), LastEvent(taken).GetProperty("note").GetString()).ShouldBe(("takeOver", "部门超时，由我跟进"));
        Due(taken, "result").ShouldBe(Due(before, "result"));
        Actions(taken).ShouldContain("propose");
        (await NoticesAsync(id)).ShouldContain(("th.advisor", "Notification.ComplaintTakenOver"));

        (await RefusedAsync(await ManageAsync(crm, id, "takeover", new { version = Version(taken) }), HttpStatusCode.BadRequest, ""))
            .ShouldBe("您已是本案例的负责人，无需接管。");
        var proposed = await OkAsync(await ComplaintData.PostStepAsync(crm, id, "propose", new { solution = "免费检修" }));
        proposed.GetProperty("case").GetProperty("state").GetString().ShouldBe("proposed");
        // The GM may take it over from the CR manager in turn.
        var gm = await OkAsync(await ManageAsync(await app.ApiAs("th.gm"), id, "takeover", new { version = Version(proposed) }));
        gm.GetProperty("case").GetProperty("responsibleUserId").GetString().ShouldBe(await CallbackData.UserIdAsync(app, "th.gm"));
        (await NoticesAsync(id)).ShouldContain(("th.crm", "Notification.ComplaintTakenOver"));
    }

    [Fact]
    public async Task An_urge_that_would_reach_nobody_but_the_one_urging_is_refused_and_records_nothing()
    {
        // Dispatched within DCRC (a department without a manager who approves results), then taken over by the CR manager.
        var (customer, _, _) = await TestData.CustomerWithVehicleAsync(await app.ApiAs("th.crm"), "无人可催客户");
        var reception = await app.ApiAs("th.reception");
        var id = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "other", description = "客关部内部处理" }))
            .GetProperty("id").GetInt64();
        (await ComplaintData.PostStepAsync(reception, id, "judgeValid")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await OkAsync(await ComplaintData.PostStepAsync(reception, id, "dispatch",
            new { departmentId = await DepartmentAsync("DCRC"), responsibleUserId = await CallbackData.UserIdAsync(app, "th.callback") }));
        var crm = await app.ApiAs("th.crm");
        var taken = await OkAsync(await ManageAsync(crm, id, "takeover", new { version = Version(await CaseAsync(crm, id)) }));

        (await RefusedAsync(await ManageAsync(crm, id, "urge", new { note = "催自己", version = Version(taken) }), HttpStatusCode.BadRequest, ""))
            .ShouldBe("没有可催办的人：负责人和部门经理都没有在用的账号（或就是您本人）。");
        (await CaseAsync(crm, id)).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldNotContain("urge");
        (await NoticesAsync(id)).Where(n => n.Key == "Notification.ComplaintUrged").ShouldBeEmpty();
        // The GM urging reaches the CR manager who is now responsible.
        await OkAsync(await ManageAsync(await app.ApiAs("th.gm"), id, "urge", new { version = Version(taken) }));
        (await NoticesAsync(id)).ShouldContain(("th.crm", "Notification.ComplaintUrged"));
    }

    [Fact]
    public async Task Specialists_and_the_department_are_refused_and_never_offered_the_managers_actions()
    {
        var id = await DispatchedAsync("无权催办");
        var salesId = await CallbackData.UserIdAsync(app, "th.sales");
        foreach (var user in new[] { "th.reception", "th.callback", "th.advisor", "th.servicemgr" })
        {
            var client = await app.ApiAs(user);
            var detail = await CaseAsync(client, id);
            Actions(detail).ShouldNotContain("urge", user);
            Actions(detail).ShouldNotContain("redispatch", user);
            Actions(detail).ShouldNotContain("takeOver", user);
            foreach (var action in new[] { "urge", "redispatch", "takeover" })
                (await ManageAsync(client, id, action, new { responsibleUserId = salesId, departmentId = await DepartmentAsync("SALES"), version = Version(detail) }))
                    .StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{user} {action}");
            // Through the steps endpoint too, with the reason.
            (await RefusedAsync(await ComplaintData.PostStepAsync(client, id, "takeOver"), HttpStatusCode.Forbidden)).ShouldBe("这一步不由您处理。");
        }
        var unchanged = await CaseAsync(await app.ApiAs("th.crm"), id);
        unchanged.GetProperty("case").GetProperty("responsibleUserId").GetString().ShouldBe(await CallbackData.UserIdAsync(app, "th.advisor"));
        unchanged.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldNotContain("takeOver");
        (await NoticesAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Not_before_dispatch_not_while_paused_and_a_stale_or_missing_version_is_refused()
    {
        var crm = await app.ApiAs("th.crm");
        var reception = await app.ApiAs("th.reception");
        var (customer, _, _) = await TestData.CustomerWithVehicleAsync(crm, "督办时机客户");
        var waiting = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "other", description = "尚未派单" }))
            .GetProperty("id").GetInt64();
        (await RefusedAsync(await ManageAsync(crm, waiting, "urge", new { version = Version(await CaseAsync(crm, waiting)) }), HttpStatusCode.BadRequest, ""))
            .ShouldBe("案例当前为“已受理”，不能执行“催办”。");

        var id = await DispatchedAsync("并发督办");
        var read = Version(await CaseAsync(crm, id));
        (await RefusedAsync(await ManageAsync(crm, id, "urge", new { }), HttpStatusCode.BadRequest, "version")).ShouldBe("请填写版本号。");
        await OkAsync(await ManageAsync(await app.ApiAs("th.gm"), id, "takeover", new { version = read }));
        // The CR manager's view is stale now: refused, nothing changed.
        await RefusedAsync(await ManageAsync(crm, id, "redispatch", new { departmentId = await DepartmentAsync("SALES"), responsibleUserId = await CallbackData.UserIdAsync(app, "th.sales"), version = read }),
            HttpStatusCode.Conflict);
        await RefusedAsync(await ManageAsync(crm, id, "urge", new { version = read }), HttpStatusCode.Conflict);
        var current = await CaseAsync(crm, id);
        current.GetProperty("case").GetProperty("responsibleUserId").GetString().ShouldBe(await CallbackData.UserIdAsync(app, "th.gm"));
        current.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("action").GetString() is "urge" or "redispatch").ShouldBe(0);

        (await ComplaintData.PostStepAsync(reception, id, "pause", new { note = "等待客户" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RefusedAsync(await ManageAsync(crm, id, "urge", new { version = Version(await CaseAsync(crm, id)) }), HttpStatusCode.BadRequest, ""))
            .ShouldBe("案例已暂停计时，请先恢复计时，再执行“催办”。");
    }

    [Fact]
    public async Task The_case_page_shows_the_managers_forms_only_to_them_and_urges_from_them()
    {
        var id = await DispatchedAsync("页面督办");
        var crm = await app.BrowserAs("th.crm");
        var page = await crm.GetStringAsync($"/Complaints/{id}");
        page.ShouldContain("id=\"step-urge\"");
        page.ShouldContain("id=\"step-redispatch\"");
        page.ShouldContain("id=\"step-takeover\"");
        var reception = await (await app.BrowserAs("th.reception")).GetStringAsync($"/Complaints/{id}");
        reception.ShouldNotContain("id=\"step-urge\"");
        reception.ShouldNotContain("id=\"step-takeover\"");
        var version = Version(await CaseAsync(await app.ApiAs("th.crm"), id)).ToString();
        var posted = await DcrcApp.PostFormAsync(crm, $"/Complaints/{id}?handler=Step&action=Urge", new() { ["Step.Note"] = "请今天答复客户", ["Step.Version"] = version }, $"/Complaints/{id}");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await crm.GetStringAsync($"/Complaints/{id}");
        after.ShouldContain("请今天答复客户");
        (await NoticesAsync(id)).ShouldContain(("th.advisor", "Notification.ComplaintUrged"));
        // A re-dispatch to a person of another department is refused beside its form, naming the problem.
        var refused = await DcrcApp.PostFormAsync(crm, $"/Complaints/{id}?handler=Step&action=Redispatch",
            new() { ["Step.DepartmentId"] = (await DepartmentAsync("SALES")).ToString(), ["Step.ResponsibleUserId"] = await CallbackData.UserIdAsync(app, "th.advisor"), ["Step.Version"] = version },
            $"/Complaints/{id}");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("处理责任人不属于所选的部门，请选择该部门的人员。");
    }
}

[Collection(SqliteCollection.Name)] public class ComplaintManagementTests_Sqlite(SqliteApp app) : ComplaintManagementTests(app);
[Collection(PostgresCollection.Name)] public class ComplaintManagementTests_Postgres(PostgresApp app) : ComplaintManagementTests(app);
