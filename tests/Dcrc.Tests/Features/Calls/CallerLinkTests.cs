using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Calls;

/// <summary>Whose call it is: a call the telephony system reports names a customer only when the agent may see exactly one with that number.</summary>
public abstract class CallerLinkTests(DcrcApp app)
{
    private static string NewLandline() => "020-" + Random.Shared.Next(30_000_000, 39_999_999);

    private async Task<long> CustomerAsync(string landline, string @class)
    {
        var crm = await app.ApiAs("th.crm"); // sees class A
        var body = new { type = "individual", name = "座机客户" + @class, mobile = TestData.NewMobile(), landline, @class };
        return (await TestData.PostCreatedAsync(crm, "/api/v1/customers", body)).GetProperty("id").GetInt64();
    }

    private async Task<JsonElement> PushAsync(string number, string line)
    {
        var pushed = await CallData.PushAsync(app, "/api/v1/calls/incoming", new { number, line, providerCallId = "link-" + Guid.NewGuid() });
        pushed.StatusCode.ShouldBe(HttpStatusCode.OK, await pushed.Content.ReadAsStringAsync());
        return await pushed.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_pushed_call_links_the_caller_only_when_exactly_one_customer_the_agent_on_the_line_may_see_has_the_number()
    {
        var line = CallData.NewLine();
        await CallData.LineAsync(app, line); // th.reception: the whole store, but no class A
        var landline = NewLandline();
        var classA = await CustomerAsync(landline, "A");
        (await PushAsync(landline, line)).GetProperty("customerId").ValueKind.ShouldBe(JsonValueKind.Null); // the one with that number is hidden from the agent

        var visible = await CustomerAsync(landline, "B");
        (await PushAsync(landline, line)).GetProperty("customerId").GetInt64().ShouldBe(visible); // the only one the agent may see

        await CustomerAsync(landline, "C");
        (await PushAsync(landline, line)).GetProperty("customerId").ValueKind.ShouldBe(JsonValueKind.Null); // two: nobody's for sure

        // On the line of someone who sees class A the call names that customer; logged by reception, it no longer does.
        var other = NewLandline();
        var onlyA = await CustomerAsync(other, "A");
        var crmLine = CallData.NewLine();
        await CallData.LineAsync(app, crmLine, user: "th.crm");
        var ack = await PushAsync(other, crmLine);
        ack.GetProperty("customerId").GetInt64().ShouldBe(onlyA);
        var call = await CallData.CallAsync(app, ack.GetProperty("callId").GetInt64());
        var logged = await (await app.ApiAs("th.reception")).PostAsJsonAsync("/api/v1/calls", new { callId = call.Id, version = call.Version, purpose = "inquiry", content = "问保养" });
        logged.StatusCode.ShouldBe(HttpStatusCode.Created, await logged.Content.ReadAsStringAsync());
        (await logged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").ValueKind.ShouldBe(JsonValueKind.Null);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Interactions.IgnoreQueryFilters().CountAsync(i => i.CustomerId == onlyA || i.CustomerId == classA))).ShouldBe(0);
    }
}

[Collection(SqliteCollection.Name)] public class CallerLinkTests_Sqlite(SqliteApp app) : CallerLinkTests(app);
[Collection(PostgresCollection.Name)] public class CallerLinkTests_Postgres(PostgresApp app) : CallerLinkTests(app);
