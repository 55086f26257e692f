using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Complaints;
using Dcrc.Tests.Features.Calls;
using Dcrc.Tests.Features.Callbacks;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Complaints;

/// <summary>What a case shows in the API and on the pages around it: due times, words not codes, links both ways, case numbers, the call's category.</summary>
public abstract class ComplaintShapeTests(DcrcApp app)
{
    private async Task<(HttpClient Reception, long Id)> DispatchedAsync()
    {
        var (customer, _, _) = await TestData.CustomerWithVehicleAsync(await app.ApiAs("th.crm"), "形状客户");
        var reception = await app.ApiAs("th.reception");
        var id = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "serviceQuality", description = "保养等待过久" }))
            .GetProperty("id").GetInt64();
        (await ComplaintData.PostStepAsync(reception, id, "judgeValid", new { })).EnsureSuccessStatusCode();
        var service = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Departments.Where(d => d.Code == "SERVICE").Select(d => d.Id).SingleAsync());
        (await ComplaintData.PostStepAsync(reception, id, "dispatch", new { departmentId = service, responsibleUserId = await CallbackData.UserIdAsync(app, "th.advisor") }))
            .EnsureSuccessStatusCode();
        return (reception, id);
    }

    [Fact]
    public async Task A_met_limit_keeps_its_due_time_and_the_timeline_speaks_words()
    {
        var (reception, id) = await DispatchedAsync();
        var detail = await reception.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");
        var dispatch = detail.GetProperty("limits").EnumerateArray().Single(x => x.GetProperty("limit").GetString() == "dispatch");
        dispatch.GetProperty("status").GetString().ShouldBe("met");
        dispatch.GetProperty("dueAt").ValueKind.ShouldBe(JsonValueKind.String);
        dispatch.GetProperty("dueAt").GetDateTime().ShouldBeGreaterThan(detail.GetProperty("case").GetProperty("receivedAt").GetDateTime());
        detail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("text").GetString()).ShouldBe(["已受理", "判定投诉成立", "派单"]);
    }

    [Fact]
    public async Task Statistics_keys_are_camel_case_like_every_other_enum_in_the_api()
    {
        var (reception, _) = await DispatchedAsync();
        var stats = await reception.GetFromJsonAsync<JsonElement>("/api/v1/complaints/statistics?period=year");
        stats.GetProperty("byCategory").EnumerateArray().Select(g => g.GetProperty("key").GetString()).ShouldContain("serviceQuality");
        stats.GetProperty("byHandling").EnumerateArray().Select(g => g.GetProperty("key").GetString()).ShouldContain("none");
        stats.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("category").GetString()).ShouldContain("serviceQuality");
    }

    [Fact]
    public async Task The_satisfaction_callback_links_back_to_its_complaint()
    {
        var (reception, id) = await DispatchedAsync();
        var advisor = await app.ApiAs("th.advisor");
        (await ComplaintData.PostStepAsync(advisor, id, "propose", new { solution = "道歉并赠送保养" })).EnsureSuccessStatusCode();
        (await ComplaintData.PostStepAsync(advisor, id, "reportResult", new { result = "客户已接受" })).EnsureSuccessStatusCode();
        (await ComplaintData.PostStepAsync((await app.ApiAs("th.servicemgr")), id, "approve", new { })).EnsureSuccessStatusCode();
        (await ComplaintData.PostStepAsync(reception, id, "accept", new { customerOpinion = "接受" })).EnsureSuccessStatusCode();
        var closed = await (await ComplaintData.PostStepAsync(reception, id, "close", new { closingSummary = "结案" })).Content.ReadFromJsonAsync<JsonElement>();
        var taskId = closed.GetProperty("case").GetProperty("satisfactionTaskId").GetInt64();
        var task = (await (await app.ApiAs("th.callback")).GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks/{taskId}")).GetProperty("task");
        task.GetProperty("complaintId").GetInt64().ShouldBe(id);
        var page = await (await app.BrowserAs("th.callback")).GetStringAsync($"/Callbacks/{taskId}");
        page.ShouldContain($"href=\"/Complaints/{id}\"");
        page.ShouldContain(Complaint.NumberOf(id));
    }

    [Fact]
    public async Task A_complaint_call_carries_its_category_to_the_form_and_the_log_names_the_case_by_its_number()
    {
        var (customer, mobile) = await CallData.CustomerAsync(app, "类别来电");
        var browser = await app.BrowserAs("th.reception");
        var posted = await DcrcApp.PostFormAsync(browser, "/Calls", new()
        {
            ["Input.Number"] = mobile, ["Input.Content"] = "新车漆面起泡", ["Input.ComplaintCategory"] = "ProductQuality", ["then"] = "complaint",
        });
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = posted.Headers.Location!.ToString();
        var callId = long.Parse(location[(location.IndexOf('=') + 1)..]);
        var form = await browser.GetStringAsync(location);
        System.Text.RegularExpressions.Regex.IsMatch(form, "<option (selected=\"selected\" value=\"ProductQuality\"|value=\"ProductQuality\" selected=\"selected\")>").ShouldBeTrue();

        var reception = await app.ApiAs("th.reception");
        var id = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "productQuality", description = "新车漆面起泡", callId }))
            .GetProperty("id").GetInt64();
        var row = (await reception.GetFromJsonAsync<JsonElement>("/api/v1/calls?pageSize=200")).GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == callId);
        (row.GetProperty("complaintId").GetInt64(), row.GetProperty("complaintNumber").GetString()).ShouldBe((id, Complaint.NumberOf(id)));
        var call = await reception.GetFromJsonAsync<JsonElement>($"/api/v1/calls/{callId}");
        call.GetProperty("complaintCategory").GetString().ShouldBe("productQuality");
        var log = await browser.GetStringAsync("/Calls");
        log.ShouldContain($"投诉 {Complaint.NumberOf(id)}");
        log.ShouldNotContain($"投诉 #{id}");
    }
}

[Collection(SqliteCollection.Name)] public class ComplaintShapeTests_Sqlite(SqliteApp app) : ComplaintShapeTests(app);
[Collection(PostgresCollection.Name)] public class ComplaintShapeTests_Postgres(PostgresApp app) : ComplaintShapeTests(app);
