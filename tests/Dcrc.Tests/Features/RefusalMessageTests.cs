using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Tests.Features.Callbacks;
using Dcrc.Tests.Features.Complaints;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features;

/// <summary>A refusal says what is wrong: the field and the reason, a paused case, an SMS survey waiting, a store out of reach.</summary>
public abstract class RefusalMessageTests(DcrcApp app)
{
    private static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private Task<int> DepartmentAsync(string code) => app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Departments.Where(d => d.Code == code).Select(d => d.Id).SingleAsync());
    private Task<int> StoreAsync(string code) => app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    private async Task<(HttpClient Reception, long Id)> ValidCaseAsync()
    {
        var (customer, _, _) = await TestData.CustomerWithVehicleAsync(await app.ApiAs("th.crm"), "提示客户");
        var reception = await app.ApiAs("th.reception");
        var id = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "serviceQuality", description = "等待时间过长" }))
            .GetProperty("id").GetInt64();
        (await ComplaintData.PostStepAsync(reception, id, "judgeValid", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (reception, id);
    }

    [Fact]
    public async Task A_dispatch_to_an_unknown_department_or_a_person_outside_it_says_so()
    {
        var (reception, id) = await ValidCaseAsync();
        var advisor = await CallbackData.UserIdAsync(app, "th.advisor");
        Error(await RefusedAsync(await ComplaintData.PostStepAsync(reception, id, "dispatch", new { departmentId = 987654, responsibleUserId = advisor })), "departmentId")
            .ShouldBe("所选的部门不存在或已停用。");
        Error(await RefusedAsync(await ComplaintData.PostStepAsync(reception, id, "dispatch", new { departmentId = await DepartmentAsync("SERVICE"), responsibleUserId = await CallbackData.UserIdAsync(app, "th.sales") })), "responsibleUserId")
            .ShouldBe("处理责任人不属于所选的部门，请选择该部门的人员。");
        Error(await RefusedAsync(await ComplaintData.PostStepAsync(reception, id, "dispatch", new { departmentId = await DepartmentAsync("SERVICE"), responsibleUserId = await CallbackData.UserIdAsync(app, "ns.advisor") })), "responsibleUserId")
            .ShouldBe("处理责任人不在本案例的门店工作，请选择本门店的人员。");
        Error(await RefusedAsync(await ComplaintData.PostStepAsync(reception, id, "dispatch", new { departmentId = await DepartmentAsync("SERVICE"), responsibleUserId = "no-such-user" })), "responsibleUserId")
            .ShouldBe("所选的处理责任人不存在或已停用。");
        Error(await RefusedAsync(await ComplaintData.PostStepAsync(reception, id, "dispatch", new { departmentId = await DepartmentAsync("SERVICE") })), "responsibleUserId")
            .ShouldBe("请填写处理责任人。");
    }

    [Fact]
    public async Task A_step_on_a_paused_case_says_it_is_paused()
    {
        var (reception, id) = await ValidCaseAsync();
        (await ComplaintData.PostStepAsync(reception, id, "dispatch", new { departmentId = await DepartmentAsync("SERVICE"), responsibleUserId = await CallbackData.UserIdAsync(app, "th.advisor") })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ComplaintData.PostStepAsync(reception, id, "pause", new { note = "等客户提供发票" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var advisor = await app.ApiAs("th.advisor");
        Error(await RefusedAsync(await ComplaintData.PostStepAsync(advisor, id, "propose", new { solution = "免费检修" })), "")
            .ShouldBe("案例已暂停计时，请先恢复计时，再执行“提出解决方案”。");
        Error(await RefusedAsync(await ComplaintData.PostStepAsync(reception, id, "pause", new { note = "再次暂停" })), "").ShouldBe("案例已经暂停计时。");
        (await ComplaintData.PostStepAsync(reception, id, "resume", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        Error(await RefusedAsync(await ComplaintData.PostStepAsync(reception, id, "resume", new { })), "").ShouldBe("案例没有暂停计时，无需恢复。");
    }

    [Fact]
    public async Task A_fifth_attempt_on_a_task_waiting_for_its_sms_reply_says_so()
    {
        var (customer, _) = await CallbackData.DeliveryAsync(app, kind: "repairOrder", daysAgo: 4);
        var specialist = await app.ApiAs("th.callback");
        var id = (await CallbackData.TaskAsync(specialist, customer, "serviceSurvey")).GetProperty("id").GetInt64();
        foreach (var outcome in new[] { "noAnswer", "switchedOff", "lineBusy", "refused" })
            (await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{id}", "outcome", new { outcome })).StatusCode.ShouldBe(HttpStatusCode.OK);
        Error(await RefusedAsync(await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{id}", "outcome", new { outcome = "noAnswer" })), "outcome")
            .ShouldBe("该回访任务已发出短信问卷，正在等待客户回复：现在只能登记回访成功，或等待回复。");
    }

    [Fact]
    public async Task A_store_outside_the_users_reach_is_forbidden_and_an_unknown_one_is_a_bad_request()
    {
        var crm = await app.ApiAs("th.crm");
        var ns = await StoreAsync("NS");
        foreach (var url in new[] { $"/api/v1/callbacks/reports/invalid?storeId={ns}", $"/api/v1/archive/checks?storeId={ns}", $"/api/v1/sms/messages?storeId={ns}",
                     $"/api/v1/sms/preferences?mobile=13800138000&storeId={ns}", $"/api/v1/calendar/due?storeId={ns}&start=2026-11-23T09:00:00%2B08:00&minutes=30" })
        {
            var problem = await RefusedAsync(await crm.GetAsync(url), HttpStatusCode.Forbidden);
            problem.GetProperty("detail").GetString().ShouldBe($"您无权查看所选门店（门店 {ns}）的数据。", url);
        }
        await RefusedAsync(await crm.PostAsJsonAsync("/api/v1/sms/preferences", new { storeId = ns, mobile = "13800138000", purpose = "marketing", allowed = true, reason = "到店登记" }),
            HttpStatusCode.Forbidden);
        Error(await RefusedAsync(await crm.GetAsync("/api/v1/callbacks/reports/invalid?storeId=987654")), "storeId").ShouldBe("门店的值无效。");
    }
}

[Collection(SqliteCollection.Name)] public class RefusalMessageTests_Sqlite(SqliteApp app) : RefusalMessageTests(app);
[Collection(PostgresCollection.Name)] public class RefusalMessageTests_Postgres(PostgresApp app) : RefusalMessageTests(app);
