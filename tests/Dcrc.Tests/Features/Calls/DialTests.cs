using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Calls;
using Dcrc.Tests.Features.Callbacks;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Calls;

/// <summary>Click-to-dial: the full number goes to the telephony system only, the attempt keeps the call's end, which suggests the outcome.</summary>
public abstract class DialTests(DcrcApp app)
{
    /// <summary>A new customer's sales survey held by th.callback: (task, customer, the mobile in full).</summary>
    private async Task<(long Task, long Customer, string Mobile)> SurveyAsync()
    {
        var (customer, _) = await CallbackData.DeliveryAsync(app);
        var task = (await CallbackData.TaskAsync(await app.ApiAs("th.crm"), customer, "salesSurvey")).GetProperty("id").GetInt64();
        var specialist = await CallbackData.UserIdAsync(app, "th.callback");
        var mobile = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            await db.CallbackTasks.Where(t => t.Id == task).ExecuteUpdateAsync(s => s.SetProperty(t => t.AssignedTo, specialist));
            return await db.Customers.Where(c => c.Id == customer).Select(c => c.Mobile!).SingleAsync();
        });
        return (task, customer, mobile);
    }

    private LocalTelephony Telephony => app.Services.GetRequiredService<LocalTelephony>();

    [Fact]
    public async Task Dialling_a_task_sends_the_full_number_to_the_telephony_system_for_the_agents_line_and_shows_it_masked()
    {
        var (task, customer, mobile) = await SurveyAsync();
        var specialist = await app.ApiAs("th.callback");
        var response = await specialist.PostAsJsonAsync("/api/v1/calls/dial", new { callbackTaskId = task });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain(mobile);
        var dial = JsonSerializer.Deserialize<JsonElement>(text);
        dial.GetProperty("number").GetString().ShouldBe(mobile[..3] + "****" + mobile[^4..]);
        dial.GetProperty("customerId").GetInt64().ShouldBe(customer);

        var sent = Telephony.Placed.Last(r => r.Number == mobile);
        var line = await app.WithScopeAsync(async sp => await sp.GetRequiredService<DcrcDb>().AgentLines.IgnoreQueryFilters()
            .Where(l => l.UserId == sp.GetRequiredService<DcrcDb>().Users.Where(u => u.UserName == "th.callback").Select(u => u.Id).Single()).Select(l => l.Line).FirstAsync());
        sent.Line.ShouldBe(line);
        sent.Agent.ShouldBe("th.callback");

        // The local telephony system ends the call by the number's last digit; the end suggests the task's outcome.
        var ended = LocalTelephony.EndOf(mobile);
        dial.GetProperty("status").GetString().ShouldBe(JsonNamingPolicy.CamelCase.ConvertName(ended.ToString()));
        var suggested = Dialer.SuggestedOutcome(ended);
        (dial.GetProperty("suggestedOutcome").ValueKind == JsonValueKind.Null ? null : dial.GetProperty("suggestedOutcome").GetString())
            .ShouldBe(suggested is { } o ? JsonNamingPolicy.CamelCase.ConvertName(o.ToString()) : null);

        // Logged, and the number's disclosure audited in the archive's log.
        await app.AuditWrittenAsync();
        var (attempts, audited) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            return (await db.DialAttempts.IgnoreQueryFilters().CountAsync(a => a.CallbackTaskId == task),
                await db.AuditEntries.CountAsync(e => e.Action == "customers.number_for_call" && e.EntityId == customer.ToString()));
        });
        (attempts, audited).ShouldBe((1, 1));

        // The callback screen offers the call with its key and never shows the number.
        var page = await (await app.BrowserAs("th.callback")).GetStringAsync($"/Callbacks/{task}");
        page.ShouldContain("id=\"dial\"");
        page.ShouldContain("data-key=\"d\"");
        page.ShouldNotContain(mobile);
    }

    [Fact]
    public async Task A_missed_call_from_an_unknown_number_is_called_back_on_the_number_it_came_from()
    {
        var line = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            var specialist = await db.Users.Where(u => u.UserName == "th.callback").Select(u => u.Id).SingleAsync();
            return await db.AgentLines.IgnoreQueryFilters().Where(l => l.UserId == specialist).Select(l => l.Line).FirstAsync();
        });
        var number = TestData.NewMobile();
        var pushed = await CallData.PushAsync(app, "/api/v1/calls/incoming", new { number, line, missed = true });
        pushed.StatusCode.ShouldBe(HttpStatusCode.OK, await pushed.Content.ReadAsStringAsync());
        var task = (await pushed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("callbackTaskId").GetInt64();

        var dial = await (await app.ApiAs("th.callback")).PostAsJsonAsync("/api/v1/calls/dial", new { callbackTaskId = task });
        dial.StatusCode.ShouldBe(HttpStatusCode.Created, await dial.Content.ReadAsStringAsync());
        (await dial.Content.ReadAsStringAsync()).ShouldNotContain(number);
        Telephony.Placed.ShouldContain(r => r.Number == number && r.Line == line);
        (await (await app.BrowserAs("th.callback")).GetStringAsync($"/Callbacks/{task}")).ShouldContain("id=\"dial\"");
    }

    [Fact]
    public async Task The_telephony_system_reports_how_a_dialled_call_ended_once_signed_and_a_repeat_changes_nothing()
    {
        var (task, customer, _) = await SurveyAsync();
        var specialist = await CallbackData.UserIdAsync(app, "th.callback");
        var requestId = Guid.NewGuid().ToString("N");
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            var store = await db.CallbackTasks.IgnoreQueryFilters().Where(t => t.Id == task).Select(t => t.StoreId).SingleAsync();
            db.DialAttempts.Add(new DialAttempt { StoreId = store, UserId = specialist, Line = "T-line", CustomerId = customer, CallbackTaskId = task,
                RequestId = requestId, MaskedNumber = "138****0000", RequestedAt = app.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        });

        (await CallData.PushAsync(app, "/api/v1/calls/dial-status", new { requestId, status = "busy" }, secret: "wrong-secret-0123456789"))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CallData.PushAsync(app, "/api/v1/calls/dial-status", new { requestId, status = "ringing" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CallData.PushAsync(app, "/api/v1/calls/dial-status", new { requestId = "nope", status = "busy" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var first = await CallData.PushAsync(app, "/api/v1/calls/dial-status", new { requestId, status = "busy" });
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        var again = await (await CallData.PushAsync(app, "/api/v1/calls/dial-status", new { requestId, status = "answered" })).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("duplicate").GetBoolean().ShouldBeTrue();

        var id = again.GetProperty("id").GetInt64();
        var seen = await (await app.ApiAs("th.callback")).GetFromJsonAsync<JsonElement>($"/api/v1/calls/dial/{id}");
        seen.GetProperty("status").GetString().ShouldBe("busy");
        seen.GetProperty("suggestedOutcome").GetString().ShouldBe("lineBusy");
        (await (await app.ApiAs("th.reception")).GetAsync($"/api/v1/calls/dial/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // another's attempt
    }

    [Fact]
    public async Task A_dial_is_refused_without_a_line_without_the_right_and_for_a_task_out_of_reach()
    {
        var (task, _, _) = await SurveyAsync();
        var newcomer = await app.CreateUserAsync(Dcrc.Kernel.Access.Roles.CallbackSpecialist);
        var own = await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DcrcDb>().CallbackTasks.Where(t => t.Id == task).ExecuteUpdateAsync(s => s.SetProperty(t => t.AssignedTo, newcomer.Id));
            return task;
        });
        var client = await app.ApiAs(newcomer.UserName!);
        var noLine = await client.PostAsJsonAsync("/api/v1/calls/dial", new { callbackTaskId = own });
        noLine.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await noLine.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("line")[0].GetString()!.ShouldContain("电话线路");

        // th.callback no longer holds it: out of reach (the pool is not it either).
        (await (await app.ApiAs("th.callback")).PostAsJsonAsync("/api/v1/calls/dial", new { callbackTaskId = own })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A consultant has no click-to-dial.
        (await (await app.ApiAs("th.sales")).PostAsJsonAsync("/api/v1/calls/dial", new { callbackTaskId = own })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Where_the_store_dials_by_hand_whoever_records_an_open_task_may_see_the_number_audited()
    {
        var (task, customer, mobile) = await SurveyAsync();
        var browser = await app.BrowserAs("th.callback");
        (await browser.GetStringAsync($"/Callbacks/{task}")).ShouldNotContain("id=\"show-number\"");
        (await DcrcApp.PostFormAsync(browser, $"/Callbacks/{task}?handler=Number", [], "/Callbacks")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var admin = await app.ApiAs("sysadmin");
        var th = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == "TH").Select(s => s.Id).SingleAsync());
        var key = CallbackSettings.HandDialShowsNumber.Key;
        var rows = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/settings?storeId={th}");
        var row = rows.EnumerateArray().Single(r => r.GetProperty("key").GetString() == key).GetProperty("version");
        int? version = row.ValueKind == JsonValueKind.Null ? null : row.GetInt32();
        (await admin.PutAsJsonAsync($"/api/v1/settings/{key}?storeId={th}", new { value = "1", version })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        try
        {
            (await browser.GetStringAsync($"/Callbacks/{task}")).ShouldContain("id=\"show-number\"");
            var shown = await DcrcApp.PostFormAsync(browser, $"/Callbacks/{task}?handler=Number", [], "/Callbacks");
            shown.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await shown.Content.ReadAsStringAsync()).ShouldBe(mobile);
            await app.AuditWrittenAsync();
            (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.CountAsync(e => e.Action == "customers.number_for_call"
                && e.EntityId == customer.ToString() && e.Summary.Contains($"#{task}")))).ShouldBe(1);

            // A colleague without the task sees nothing of it.
            var other = await app.CreateUserAsync(Dcrc.Kernel.Access.Roles.CallbackSpecialist);
            (await DcrcApp.PostFormAsync(await app.BrowserAs(other.UserName!), $"/Callbacks/{task}?handler=Number", [], "/Callbacks")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        finally
        {
            await TestData.ClearSettingAsync(admin, key, th);
        }
    }
}

[Collection(SqliteCollection.Name)] public sealed class DialTests_Sqlite(SqliteApp app) : DialTests(app);
[Collection(PostgresCollection.Name)] public sealed class DialTests_Postgres(PostgresApp app) : DialTests(app);
