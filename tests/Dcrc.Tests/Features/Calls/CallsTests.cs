using Dcrc.Kernel.Cases;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Calls;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Time;
using Dcrc.Tests.Features.Callbacks;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Calls;

/// <summary>Helpers of the call desk tests: lines, the telephony system's signed pushes, stored entries and tasks.</summary>
public static class CallData
{
    public static async Task<(int Store, string UserId)> LineAsync(DcrcApp app, string line, string user = "th.reception", string store = "TH") =>
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            var storeId = await db.Stores.Where(s => s.Code == store).Select(s => s.Id).SingleAsync();
            var userId = await db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync();
            await db.AgentLines.Where(x => x.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(x => x.UserId, (string?)null));
            db.AgentLines.Add(new AgentLine { StoreId = storeId, Line = line, UserId = userId, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return (storeId, userId);
        });

    public static string NewLine() => "T" + Random.Shared.Next(100_000, 999_999);

    /// <summary>
    /// POSTs the JSON as the telephony system would: <c>X-Dcrc-Timestamp</c> (Unix seconds, the test clock's now unless
    /// <paramref name="signedAt"/>) and <c>X-Dcrc-Signature</c> over timestamp + "." + body. A ringing call without a
    /// provider's <c>providerCallId</c> gets a new one (unless <paramref name="addCallId"/> is false).
    /// </summary>
    public static async Task<HttpResponseMessage> PushAsync(DcrcApp app, string path, object body, string? secret = DcrcApp.TelephonySecret, string? signature = null,
        DateTimeOffset? signedAt = null, bool stamp = true, bool addCallId = true)
    {
        var json = JsonSerializer.SerializeToNode(body)!.AsObject();
        var added = addCallId && path.EndsWith("/incoming") && !json.ContainsKey("providerCallId");
        if (added) json["providerCallId"] = "t-" + Guid.NewGuid().ToString("N");
        var bytes = added ? JsonSerializer.SerializeToUtf8Bytes(json) : JsonSerializer.SerializeToUtf8Bytes(body);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = (signedAt ?? app.Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (stamp) content.Headers.Add("X-Dcrc-Timestamp", timestamp);
        if (signature is not null || secret is not null) content.Headers.Add("X-Dcrc-Signature", signature ?? Signature(secret!, timestamp, bytes));
        return await app.Api().PostAsync(path, content);
    }

    /// <summary>The telephony system's signature: HMAC-SHA256 of timestamp + "." + body.</summary>
    public static string Signature(string secret, string timestamp, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));

    public static Task<CallLog> CallAsync(DcrcApp app, long id) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallLogs.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == id));

    public static Task<CallbackTask> TaskAsync(DcrcApp app, long id) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters().AsNoTracking().SingleAsync(t => t.Id == id));

    public static async Task<(long Id, string Mobile)> CustomerAsync(DcrcApp app, string name = "来电客户")
    {
        var mobile = TestData.NewMobile();
        var created = await TestData.PostCreatedAsync(await app.ApiAs("th.crm"), "/api/v1/customers", new { type = "individual", name, mobile });
        return (created.GetProperty("id").GetInt64(), mobile);
    }

    public static DateTime Local(DateOnly day, int hour, int minute = 0) => StoreTime.ToUtc(day.ToDateTime(new TimeOnly(hour, minute)), StoreTime.GroupZone);
}

public abstract class CallsTests(DcrcApp app)
{
    [Fact]
    public async Task Logging_a_call_names_each_bad_field_and_saves_nothing()
    {
        var reception = await app.ApiAs("th.reception");
        var before = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallLogs.IgnoreQueryFilters().CountAsync());

        var empty = await reception.PostAsJsonAsync("/api/v1/calls", new { });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("purpose", out _).ShouldBeTrue();
        errors.TryGetProperty("content", out _).ShouldBeTrue();

        var bad = await reception.PostAsJsonAsync("/api/v1/calls", new
        {
            number = "12", purpose = "inquiry", content = "问保养", promisedCallbackAt = app.Clock.GetUtcNow().AddHours(-1), customerId = 999_999_999,
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badErrors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        badErrors.GetProperty("number")[0].GetString()!.ShouldContain("来电号码");
        badErrors.TryGetProperty("promisedCallbackAt", out _).ShouldBeTrue();
        badErrors.TryGetProperty("customerId", out _).ShouldBeTrue();

        var english = await app.ApiAs("th.reception");
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var en = await english.PostAsJsonAsync("/api/v1/calls", new { number = "13800138000", purpose = "unknownPurpose", content = "x" });
        en.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallLogs.IgnoreQueryFilters().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task A_logged_call_finds_the_customer_by_number_in_any_spelling_and_is_written_into_the_archive()
    {
        var (customer, mobile) = await CallData.CustomerAsync(app, "欧阳来电");
        var reception = await app.ApiAs("th.reception");
        var spelled = $"+86 {mobile[..3]}-{mobile[3..7]} {mobile[7..]}";
        var saved = await reception.PostAsJsonAsync("/api/v1/calls", new { number = spelled, purpose = "appointment", callerName = "欧阳先生", content = "预约周六保养", handling = "已预约" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        var call = await saved.Content.ReadFromJsonAsync<JsonElement>();
        call.GetProperty("customerId").GetInt64().ShouldBe(customer);
        call.GetProperty("number").GetString().ShouldBe(mobile[..3] + "****" + mobile[7..]);
        call.GetProperty("purpose").GetString().ShouldBe("appointment");
        call.GetProperty("callbackTaskId").ValueKind.ShouldBe(JsonValueKind.Null);

        var stored = await CallData.CallAsync(app, call.GetProperty("id").GetInt64());
        stored.Number.ShouldBe(mobile);
        var interactions = await (await app.ApiAs("th.crm")).GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/interactions");
        interactions.ToString().ShouldContain("预约周六保养");
        stored.InteractionId.ShouldNotBeNull();

        var today = CallbackData.StoreToday(app).ToString("yyyy-MM-dd");
        var list = await reception.GetFromJsonAsync<JsonElement>($"/api/v1/calls?from={today}&to={today}&pageSize=200");
        list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ShouldContain(stored.Id);
        (await reception.GetFromJsonAsync<JsonElement>($"/api/v1/calls/{stored.Id}")).GetProperty("customerId").GetInt64().ShouldBe(customer);
        // Another store's desk does not see it.
        (await (await app.ApiAs("ns.reception")).GetAsync($"/api/v1/calls/{stored.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Marketing has no call desk.
        (await (await app.ApiAs("th.marketing")).GetAsync("/api/v1/calls")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_incoming_webhook_refuses_unsigned_calls_and_records_a_signed_one_for_the_agent_on_the_line()
    {
        var line = CallData.NewLine();
        var (store, agent) = await CallData.LineAsync(app, line);
        var (customer, mobile) = await CallData.CustomerAsync(app);
        var body = new { number = mobile, line };
        (await CallData.PushAsync(app, "/api/v1/calls/incoming", body, secret: null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CallData.PushAsync(app, "/api/v1/calls/incoming", body, secret: "another-secret")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CallData.PushAsync(app, "/api/v1/calls/incoming", body, signature: "sha256=00ff")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CallData.PushAsync(app, "/api/v1/calls/incoming", new { number = mobile, line = "NOPE" + line })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var subscription = app.Services.GetRequiredService<CallSignals>().Subscribe(agent);
        var pushed = await CallData.PushAsync(app, "/api/v1/calls/incoming", body);
        pushed.StatusCode.ShouldBe(HttpStatusCode.OK, await pushed.Content.ReadAsStringAsync());
        var ack = await pushed.Content.ReadFromJsonAsync<JsonElement>();
        ack.GetProperty("customerId").GetInt64().ShouldBe(customer);
        ack.GetProperty("agentOnLine").GetBoolean().ShouldBeTrue();
        var call = await CallData.CallAsync(app, ack.GetProperty("callId").GetInt64());
        (call.StoreId, call.Line, call.HandledBy, call.Purpose, call.Missed, call.Number).ShouldBe((store, line, agent, (CallPurpose?)null, false, mobile));

        // The agent's open desk gets the call, masked.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var signal = await subscription.Reader.ReadAsync(wait.Token);
        (signal.CallId, signal.MaskedNumber, signal.Line).ShouldBe((call.Id, mobile[..3] + "****" + mobile[7..], line));

        // The agent logs that call: the same entry, filled in.
        var reception = await app.ApiAs("th.reception");
        var logged = await reception.PostAsJsonAsync("/api/v1/calls", new { callId = call.Id, version = call.Version, purpose = "inquiry", content = "问首保" });
        logged.StatusCode.ShouldBe(HttpStatusCode.Created, await logged.Content.ReadAsStringAsync());
        (await logged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64().ShouldBe(call.Id);
        var current = (await reception.GetFromJsonAsync<JsonElement>($"/api/v1/calls/{call.Id}")).GetProperty("version").GetInt32();
        (await reception.PostAsJsonAsync("/api/v1/calls", new { callId = call.Id, version = current, purpose = "inquiry", content = "又一次" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // logged already
        (await reception.PostAsJsonAsync("/api/v1/calls", new { callId = call.Id, version = call.Version, purpose = "inquiry", content = "旧版本" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_call_desk_event_stream_pushes_the_call_to_the_agents_open_page()
    {
        var line = CallData.NewLine();
        var (_, agent) = await CallData.LineAsync(app, line, user: "th.callback");
        var (_, mobile) = await CallData.CustomerAsync(app);
        var browser = await app.BrowserAs("th.callback");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Calls/events");
        using var response = await browser.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var signals = app.Services.GetRequiredService<CallSignals>();
        // Wait on the condition (the page's stream has subscribed), however busy the machine is; then push.
        for (var i = 0; i < 600 && signals.Subscribers(agent) == 0; i++) await Task.Delay(50);
        signals.Subscribers(agent).ShouldBeGreaterThan(0);

        (await CallData.PushAsync(app, "/api/v1/calls/incoming", new { number = mobile, line })).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var lines = new List<string>();
        while (!lines.Contains("event: call"))
            lines.Add(await reader.ReadLineAsync(wait.Token) ?? throw new InvalidOperationException("stream ended"));
        var data = await reader.ReadLineAsync(wait.Token);
        while (data is not null && !data.StartsWith("data: ")) data = await reader.ReadLineAsync(wait.Token);
        JsonDocument.Parse(data![6..]).RootElement.GetProperty("number").GetString().ShouldBe(mobile[..3] + "****" + mobile[7..]);

        // Without the call desk permission there is no stream.
        (await (await app.BrowserAs("th.marketing")).GetAsync("/Calls/events")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_missed_call_is_a_task_due_within_two_working_hours_of_the_business_calendar()
    {
        var admin = await app.ApiAs("sysadmin");
        var today = CallbackData.StoreToday(app);
        var friday = today.AddDays(-7 - ((int)today.DayOfWeek + 2) % 7); // the Friday of last week (or the one before)
        var holiday = await TestData.PostCreatedAsync(admin, "/api/v1/calendar/days", new { date = friday.AddDays(1).ToString("yyyy-MM-dd"), kind = "holiday", name = "测试假日" });
        try
        {
            var line = CallData.NewLine();
            var (_, agent) = await CallData.LineAsync(app, line);
            var (customer, mobile) = await CallData.CustomerAsync(app);
            // 17:00 on Friday: half an hour of Friday left, Saturday a holiday, Sunday off, so due by 10:00 on Monday.
            var at = CallData.Local(friday, 17);
            var pushed = await CallData.PushAsync(app, "/api/v1/calls/incoming", new { number = mobile, line, at, missed = true });
            pushed.StatusCode.ShouldBe(HttpStatusCode.OK, await pushed.Content.ReadAsStringAsync());
            var ack = await pushed.Content.ReadFromJsonAsync<JsonElement>();
            var task = await CallData.TaskAsync(app, ack.GetProperty("callbackTaskId").GetInt64());
            (task.Kind, task.SourceId, task.EventDate, task.CustomerId, task.AssignedTo, task.Status).ShouldBe(
                (CallbackKind.MissedCall, ack.GetProperty("callId").GetInt64(), friday, customer, (string?)agent, CallbackStatus.Open));
            (task.DueOn, task.DueBy).ShouldBe((friday, friday.AddDays(3)));
            (await CallData.CallAsync(app, task.SourceId)).Missed.ShouldBeTrue();

            // A call that rang and then went unanswered: the telephony system reports it missed; a repeat adds nothing.
            var rang = await (await CallData.PushAsync(app, "/api/v1/calls/incoming", new { number = mobile, line, at = CallData.Local(friday, 11) }))
                .Content.ReadFromJsonAsync<JsonElement>();
            rang.GetProperty("callbackTaskId").ValueKind.ShouldBe(JsonValueKind.Null);
            var missed = await (await CallData.PushAsync(app, "/api/v1/calls/missed", new { number = mobile, line, at = CallData.Local(friday, 11, 1) }))
                .Content.ReadFromJsonAsync<JsonElement>();
            missed.GetProperty("callId").GetInt64().ShouldBe(rang.GetProperty("callId").GetInt64());
            var second = await CallData.TaskAsync(app, missed.GetProperty("callbackTaskId").GetInt64());
            (second.DueOn, second.DueBy).ShouldBe((friday, friday)); // 11:01 + 2 working hours = 14:31 the same day (lunch 12:00–13:30)
            var again = await (await CallData.PushAsync(app, "/api/v1/calls/missed", new { number = mobile, line, at = CallData.Local(friday, 11, 2) }))
                .Content.ReadFromJsonAsync<JsonElement>();
            again.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
            (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters()
                .CountAsync(t => t.Kind == CallbackKind.MissedCall && t.SourceId == second.SourceId))).ShouldBe(1);

            // The agent's queue has it (overdue by now).
            var queue = await (await app.ApiAs("th.reception")).GetFromJsonAsync<JsonElement>("/api/v1/callbacks/tasks?view=overdue&kind=missedCall&pageSize=200");
            queue.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ShouldContain(task.Id);
        }
        finally
        {
            await admin.DeleteAsync($"/api/v1/calendar/days/{holiday.GetProperty("id").GetInt32()}");
        }
    }

    [Fact]
    public async Task A_promised_call_back_is_due_at_the_promised_time_and_one_owed_without_a_time_within_the_settings_working_hours()
    {
        var reception = await app.ApiAs("th.reception");
        var (customer, mobile) = await CallData.CustomerAsync(app);
        var tomorrow = CallbackData.StoreToday(app).AddDays(1);
        var promised = CallData.Local(tomorrow, 15, 30);
        var saved = await reception.PostAsJsonAsync("/api/v1/calls", new { number = mobile, purpose = "inquiry", content = "问延保价格", callbackOwed = true, promisedCallbackAt = promised });
        saved.StatusCode.ShouldBe(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        var call = await saved.Content.ReadFromJsonAsync<JsonElement>();
        var task = await CallData.TaskAsync(app, call.GetProperty("callbackTaskId").GetInt64());
        var me = await CallbackData.UserIdAsync(app, "th.reception");
        (task.Kind, task.CustomerId, task.AssignedTo, task.RescheduledTo, task.DueOn, task.DueBy).ShouldBe(
            (CallbackKind.PromisedCallback, customer, (string?)me, (DateTime?)promised, tomorrow, tomorrow));
        var queue = await reception.GetFromJsonAsync<JsonElement>("/api/v1/callbacks/tasks?view=rescheduled&pageSize=200");
        queue.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ShouldContain(task.Id);

        // A new caller, a call-back owed with no time agreed: due within calls.callbackOwedHours (24) working hours, no archive.
        var unknown = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var owed = await (await reception.PostAsJsonAsync("/api/v1/calls", new { number = unknown, purpose = "other", content = "找销售顾问", callbackOwed = true }))
            .Content.ReadFromJsonAsync<JsonElement>();
        owed.GetProperty("customerId").ValueKind.ShouldBe(JsonValueKind.Null);
        var owedTask = await CallData.TaskAsync(app, owed.GetProperty("callbackTaskId").GetInt64());
        var expected = await app.WithScopeAsync(async sp =>
        {
            var calendar = await sp.GetRequiredService<StoreCalendars>().ForStoreAsync(owedTask.StoreId);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            return (StoreTime.DateOf(calendar.Add(now, TimeSpan.Zero), calendar.Zone), StoreTime.DateOf(calendar.Add(now, TimeSpan.FromHours(24)), calendar.Zone));
        });
        (owedTask.CustomerId, owedTask.RescheduledTo, owedTask.DueOn, owedTask.DueBy).ShouldBe((0L, (DateTime?)null, expected.Item1, expected.Item2));

        // Calling back a caller with no archive: the screen opens and the outcome is recorded.
        var page = await (await app.BrowserAs("th.reception")).GetAsync($"/Callbacks/{owedTask.Id}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("找销售顾问");
        var done = await reception.PostAsJsonAsync($"/api/v1/callbacks/tasks/{owedTask.Id}/outcome", new { outcome = "success", version = owedTask.Version });
        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("completed");
    }

    [Fact]
    public async Task The_desk_pops_the_card_as_the_number_is_typed_and_logs_a_complaint_call_on_to_the_complaint_case()
    {
        var (customer, mobile) = await CallData.CustomerAsync(app, "诸葛来电");
        var browser = await app.BrowserAs("th.reception");
        var card = await browser.GetStringAsync($"/Calls?handler=Card&Input.Number={Uri.EscapeDataString(mobile[..3] + " " + mobile[3..])}");
        card.ShouldContain("诸葛来电");
        card.ShouldContain(mobile[..3] + "****" + mobile[7..]);
        card.ShouldNotContain(mobile);
        (await browser.GetStringAsync("/Calls?handler=Card&Input.Number=13")).ShouldContain("card-hint");
        (await browser.GetStringAsync("/Calls?handler=Card&Input.Number=13900000000")).ShouldContain("create-customer");
        await app.AuditWrittenAsync();
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.AnyAsync(e => e.EntityId == customer.ToString() && e.Summary.Contains("screen pop"))))
            .ShouldBeTrue();

        var posted = await DcrcApp.PostFormAsync(browser, "/Calls", new()
        {
            ["Input.Number"] = mobile, ["Input.Content"] = "维修后异响仍未解决", ["then"] = "complaint",
        });
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = posted.Headers.Location!.ToString();
        location.ShouldStartWith("/Complaints/New?callId=");
        var call = await CallData.CallAsync(app, long.Parse(location[(location.IndexOf('=') + 1)..]));
        (call.Purpose, call.CustomerId).ShouldBe((CallPurpose.Complaint, (long?)customer));
    }
}

[Collection(SqliteCollection.Name)] public class CallsTests_Sqlite(SqliteApp app) : CallsTests(app);
[Collection(PostgresCollection.Name)] public class CallsTests_Postgres(PostgresApp app) : CallsTests(app);
