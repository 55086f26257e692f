using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Customers;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Leads;

public abstract class LeadConversionTests(DcrcApp app)
{
    private static int VersionOf(JsonElement detail) => detail.GetProperty("lead").GetProperty("line").GetProperty("version").GetInt32();

    [Fact]
    public async Task A_lead_that_orders_becomes_a_draft_archive_of_its_consultant_and_keeps_its_history_which_shows_on_the_customers_card()
    {
        var sales = await app.ApiAs("th.sales");
        var mobile = TestData.NewMobile();
        var created = await TestData.PostCreatedAsync(sales, "/api/v1/leads", new { name = "订车钱先生", mobile, intentLevel = "H", source = "walkin", gender = "male", region = "天河区" });
        var id = created.GetProperty("line").GetProperty("id").GetInt64();
        var attempt = await sales.PostAsJsonAsync($"/api/v1/leads/{id}/attempts", new { result = "ordered", remark = "已交订金", consultantName = "张顾问", version = created.GetProperty("line").GetProperty("version").GetInt32() });
        attempt.StatusCode.ShouldBe(HttpStatusCode.OK, await attempt.Content.ReadAsStringAsync());
        var detail = await attempt.Content.ReadFromJsonAsync<JsonElement>();

        (await (await app.ApiAs((await app.CreateUserAsync(Dcrc.Kernel.Access.Roles.SalesConsultant)).UserName!))
            .PostAsJsonAsync($"/api/v1/leads/{id}/convert", new { version = VersionOf(detail) })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var converted = await sales.PostAsJsonAsync($"/api/v1/leads/{id}/convert", new { version = VersionOf(detail) });
        converted.StatusCode.ShouldBe(HttpStatusCode.OK, await converted.Content.ReadAsStringAsync());
        var after = await converted.Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("lead").GetProperty("line").GetProperty("state").GetString().ShouldBe("ordered");
        after.GetProperty("attempts").GetArrayLength().ShouldBe(1);
        after.GetProperty("events").EnumerateArray().ShouldContain(e => e.GetProperty("kind").GetString() == "converted");
        var customerId = after.GetProperty("lead").GetProperty("line").GetProperty("customerId").GetInt64();
        var customer = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.SingleAsync(c => c.Id == customerId));
        (customer.Name, customer.Mobile, customer.Status, customer.Gender).ShouldBe(("订车钱先生", mobile, ArchiveStatus.Draft, Dcrc.Kernel.Identifiers.Gender.Male));
        customer.OwnerUserId.ShouldBe(await Callbacks.CallbackData.UserIdAsync(app, "th.sales"));
        var card = await (await app.BrowserAs("th.sales")).GetStringAsync($"/Customers/{customerId}");
        card.ShouldContain($"/Leads/{id}");
        // Closed: not converted twice.
        (await sales.PostAsJsonAsync($"/api/v1/leads/{id}/convert", new { version = VersionOf(after) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_owners_new_interest_is_linked_to_the_archive_and_converting_it_makes_no_second_archive()
    {
        var owner = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers
            .Where(c => c.StoreId == sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == "TH").Select(s => s.Id).Single() && c.Mobile != null && c.Status == ArchiveStatus.Approved
                && !sp.GetRequiredService<DcrcDb>().Leads.Any(x => x.Mobile == c.Mobile))
            .OrderByDescending(c => c.Id).Select(c => new { c.Id, c.Mobile }).FirstAsync());
        var manager = await app.ApiAs("th.salesmgr");
        var created = await TestData.PostCreatedAsync(manager, "/api/v1/leads", new { name = "老车主", mobile = owner.Mobile, intentLevel = "A", source = "referral" });
        created.GetProperty("line").GetProperty("customerId").GetInt64().ShouldBe(owner.Id);
        var before = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.CountAsync());
        var converted = await manager.PostAsJsonAsync($"/api/v1/leads/{created.GetProperty("line").GetProperty("id").GetInt64()}/convert",
            new { version = created.GetProperty("line").GetProperty("version").GetInt32() });
        converted.StatusCode.ShouldBe(HttpStatusCode.OK, await converted.Content.ReadAsStringAsync());
        (await converted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lead").GetProperty("line").GetProperty("customerId").GetInt64().ShouldBe(owner.Id);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.CountAsync())).ShouldBe(before);
    }
}

[Collection(SqliteCollection.Name)] public class LeadConversionTests_Sqlite(SqliteApp app) : LeadConversionTests(app);
[Collection(PostgresCollection.Name)] public class LeadConversionTests_Postgres(PostgresApp app) : LeadConversionTests(app);
