using Dcrc.Kernel.Cases;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Calls;

/// <summary>The telephony system's pushes against replay: a signed timestamp no older than five minutes, and the provider's call id recorded once.</summary>
public abstract class TelephonyWebhookTests(DcrcApp app)
{
    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<List<long>> CallsFromAsync(string number) => app.WithScopeAsync(sp =>
        sp.GetRequiredService<DcrcDb>().CallLogs.IgnoreQueryFilters().Where(c => c.Number == number).Select(c => c.Id).ToListAsync());

    private Task<int> MissedTasksAsync(List<long> calls) => app.WithScopeAsync(sp =>
        sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters().CountAsync(t => t.Kind == CallbackKind.MissedCall && calls.Contains(t.SourceId)));

    [Fact]
    public async Task A_retried_or_replayed_push_is_recorded_once_by_the_providers_call_id()
    {
        var line = CallData.NewLine();
        await CallData.LineAsync(app, line);
        var (_, mobile) = await CallData.CustomerAsync(app);
        var body = new { number = mobile, line, missed = true, providerCallId = "prov-" + Guid.NewGuid() };
        var first = await OkAsync(await CallData.PushAsync(app, "/api/v1/calls/incoming", body));
        first.GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await OkAsync(await CallData.PushAsync(app, "/api/v1/calls/incoming", body)); // the provider's retry, signed anew
        again.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        (again.GetProperty("callId").GetInt64(), again.GetProperty("callbackTaskId").GetInt64()).ShouldBe((first.GetProperty("callId").GetInt64(), first.GetProperty("callbackTaskId").GetInt64()));
        // The "not answered" report of the same call changes nothing either.
        (await OkAsync(await CallData.PushAsync(app, "/api/v1/calls/missed", new { number = mobile, line, providerCallId = body.providerCallId }))).GetProperty("callId").GetInt64()
            .ShouldBe(first.GetProperty("callId").GetInt64());
        var calls = await CallsFromAsync(mobile);
        calls.ShouldBe([first.GetProperty("callId").GetInt64()]);
        (await MissedTasksAsync(calls)).ShouldBe(1);

        // The same push twice at the same moment: still one call.
        var (_, other) = await CallData.CustomerAsync(app);
        var twice = new { number = other, line, missed = true, providerCallId = "prov-" + Guid.NewGuid() };
        var answers = await Task.WhenAll(CallData.PushAsync(app, "/api/v1/calls/incoming", twice), CallData.PushAsync(app, "/api/v1/calls/incoming", twice));
        var acks = await Task.WhenAll(answers.Select(OkAsync));
        acks.Select(a => a.GetProperty("callId").GetInt64()).Distinct().Count().ShouldBe(1);
        acks.Count(a => a.GetProperty("duplicate").GetBoolean()).ShouldBe(1);
        var otherCalls = await CallsFromAsync(other);
        otherCalls.Count.ShouldBe(1);
        (await MissedTasksAsync(otherCalls)).ShouldBe(1);
    }

    [Fact]
    public async Task A_push_without_a_signed_timestamp_of_the_last_five_minutes_is_refused()
    {
        var line = CallData.NewLine();
        await CallData.LineAsync(app, line);
        var (_, mobile) = await CallData.CustomerAsync(app);
        var body = new { number = mobile, line, providerCallId = "prov-" + Guid.NewGuid() };
        var now = app.Clock.GetUtcNow();
        (await CallData.PushAsync(app, "/api/v1/calls/incoming", body, signedAt: now.AddMinutes(-6))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // a replay
        (await CallData.PushAsync(app, "/api/v1/calls/incoming", body, signedAt: now.AddMinutes(6))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CallData.PushAsync(app, "/api/v1/calls/incoming", body, stamp: false)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Signed over the body alone (the timestamp not covered): refused.
        var bodyOnly = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(DcrcApp.TelephonySecret), JsonSerializer.SerializeToUtf8Bytes(body)));
        (await CallData.PushAsync(app, "/api/v1/calls/incoming", body, signature: bodyOnly)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CallsFromAsync(mobile)).ShouldBeEmpty();

        await OkAsync(await CallData.PushAsync(app, "/api/v1/calls/incoming", body, signedAt: now.AddMinutes(-4)));
        (await CallsFromAsync(mobile)).Count.ShouldBe(1);
        // Without the provider's call id a retry could not be told apart.
        var missing = await CallData.PushAsync(app, "/api/v1/calls/incoming", new { number = mobile, line }, addCallId: false);
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("providerCallId", out _).ShouldBeTrue();
    }
}

[Collection(SqliteCollection.Name)] public class TelephonyWebhookTests_Sqlite(SqliteApp app) : TelephonyWebhookTests(app);
[Collection(PostgresCollection.Name)] public class TelephonyWebhookTests_Postgres(PostgresApp app) : TelephonyWebhookTests(app);
