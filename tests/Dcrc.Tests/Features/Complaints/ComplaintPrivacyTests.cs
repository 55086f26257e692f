using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Tests.Features.Callbacks;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Complaints;

/// <summary>A class-A customer's name, typed again as a complaint's contact or a call's caller, reaches only those with the class-A right.</summary>
public abstract class ComplaintPrivacyTests(DcrcApp app)
{
    private async Task<(long Customer, string Name, string Mobile, long Case, long Call)> ClassACaseAsync()
    {
        var crm = await app.ApiAs("th.crm");
        var name = "甲" + Guid.NewGuid().ToString("N")[..6];
        var mobile = TestData.NewMobile();
        var customer = (await TestData.PostCreatedAsync(crm, "/api/v1/customers", new { type = "individual", name, mobile, @class = "A" })).GetProperty("id").GetInt64();
        var created = await TestData.PostCreatedAsync(crm, "/api/v1/complaints",
            new { customerId = customer, channel = "phone", category = "serviceQuality", description = "保养后异响", contactName = name });
        var id = created.GetProperty("id").GetInt64();
        (await ComplaintData.PostStepAsync(crm, id, "judgeValid")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var service = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Departments.Where(d => d.Code == "SERVICE").Select(d => d.Id).SingleAsync());
        (await ComplaintData.PostStepAsync(crm, id, "dispatch", new { departmentId = service, responsibleUserId = await CallbackData.UserIdAsync(app, "th.advisor") }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var call = await TestData.PostCreatedAsync(crm, "/api/v1/calls", new { number = mobile, purpose = "complaint", callerName = name, content = "投诉异响" });
        return (customer, name, mobile, id, call.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_class_A_name_never_reaches_a_role_without_the_class_A_right_through_complaints_or_calls()
    {
        var (_, name, _, id, call) = await ClassACaseAsync();
        foreach (var user in new[] { "th.reception", "th.callback", "th.advisor", "th.sales" })
        {
            var client = await app.ApiAs(user);
            var texts = new List<string>
            {
                await client.GetStringAsync("/api/v1/complaints?pageSize=200"),
                await client.GetStringAsync($"/api/v1/complaints?q={Uri.EscapeDataString(name)}"),
                await (await client.GetAsync($"/api/v1/complaints/{id}")).Content.ReadAsStringAsync(),
                await (await client.GetAsync($"/api/v1/calls/{call}")).Content.ReadAsStringAsync(),
                await (await client.GetAsync("/api/v1/calls?pageSize=200")).Content.ReadAsStringAsync(),
            };
            var browser = await app.BrowserAs(user);
            foreach (var page in new[] { "/Complaints?all=true", $"/Complaints/{id}", "/Calls" })
                texts.Add(await (await browser.GetAsync(page)).Content.ReadAsStringAsync());
            for (var i = 0; i < texts.Count; i++)
            {
                var at = texts[i].IndexOf(name, StringComparison.Ordinal);
                at.ShouldBe(-1, $"{user}, answer {i}: …{(at < 0 ? "" : texts[i].Substring(Math.Max(0, at - 300), 400))}…");
            }
        }

        // The handler still works the case: the advisor it was dispatched to sees it, masked.
        var advisor = await (await app.ApiAs("th.advisor")).GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");
        advisor.GetProperty("case").GetProperty("contactName").GetString().ShouldBe("***");
        var reception = await (await app.ApiAs("th.reception")).GetFromJsonAsync<JsonElement>($"/api/v1/calls/{call}");
        reception.GetProperty("callerName").GetString().ShouldBe("***");

        // With the class-A right the names are there.
        var crm = await app.ApiAs("th.crm");
        (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}")).GetProperty("case").GetProperty("contactName").GetString().ShouldBe(name);
        (await crm.GetStringAsync($"/api/v1/complaints?q={Uri.EscapeDataString(name)}")).ShouldContain(name);
        (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/calls/{call}")).GetProperty("callerName").GetString().ShouldBe(name);
    }
}

[Collection(SqliteCollection.Name)] public class ComplaintPrivacyTests_Sqlite(SqliteApp app) : ComplaintPrivacyTests(app);
[Collection(PostgresCollection.Name)] public class ComplaintPrivacyTests_Postgres(PostgresApp app) : ComplaintPrivacyTests(app);
