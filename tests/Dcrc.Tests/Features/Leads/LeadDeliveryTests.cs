using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Jobs;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Leads;

public abstract class LeadDeliveryTests(DcrcApp app)
{
    private static int VersionOf(JsonElement detail) => detail.GetProperty("lead").GetProperty("line").GetProperty("version").GetInt32();

    private Task RunAsync(DateTime at) => app.WithScopeAsync(async sp =>
    {
        sp.GetRequiredService<StoreScope>().AllowAll(null);
        await sp.GetServices<IScheduledJob>().Single(j => j.Name == "leads.delivery").RunAsync(at, default);
    });

    [Fact]
    public async Task An_ordered_lead_is_reminded_72_and_24_hours_before_its_planned_delivery_once_each_and_its_consultant_told()
    {
        var sales = await app.ApiAs("th.sales");
        var mobile = TestData.NewMobile();
        var created = await TestData.PostCreatedAsync(sales, "/api/v1/leads", new { name = "交车孙女士", mobile, intentLevel = "H", source = "walkin" });
        var id = created.GetProperty("line").GetProperty("id").GetInt64();
        var now = app.Clock.GetUtcNow();
        // Not before it is ordered.
        (await sales.PostAsJsonAsync($"/api/v1/leads/{id}/delivery", new { plannedAt = now.AddHours(100), version = created.GetProperty("line").GetProperty("version").GetInt32() }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var ordered = await (await sales.PostAsJsonAsync($"/api/v1/leads/{id}/convert", new { version = created.GetProperty("line").GetProperty("version").GetInt32() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        (await sales.PostAsJsonAsync($"/api/v1/leads/{id}/delivery", new { plannedAt = now.AddHours(-1), version = VersionOf(ordered) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var planned = await sales.PostAsJsonAsync($"/api/v1/leads/{id}/delivery", new { plannedAt = now.AddHours(100), version = VersionOf(ordered) });
        planned.StatusCode.ShouldBe(HttpStatusCode.OK, await planned.Content.ReadAsStringAsync());

        Task<List<string>> SmsAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().SmsMessages.IgnoreQueryFilters()
            .Where(m => m.Mobile == mobile).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync());
        var start = now.UtcDateTime;
        await RunAsync(start.AddHours(20)); // 80 hours left: nothing yet
        (await SmsAsync()).ShouldBeEmpty();
        await RunAsync(start.AddHours(30)); // 70 hours left: the first reminder
        await RunAsync(start.AddHours(31)); // and not again
        var sent = await SmsAsync();
        sent.Count.ShouldBe(1);
        sent[0].ShouldContain("交车孙女士");
        await RunAsync(start.AddHours(77)); // 23 hours left: the second
        await RunAsync(start.AddHours(80));
        (await SmsAsync()).Count.ShouldBe(2);
        var notices = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Notifications.CountAsync(n => n.Link == $"/Leads/{id}" && n.Key == "Notification.LeadDelivery"));
        notices.ShouldBe(2);
        var events = (await sales.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}")).GetProperty("events").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "deliveryReminded");
        events.ShouldBe(2);
    }
}

[Collection(SqliteCollection.Name)] public class LeadDeliveryTests_Sqlite(SqliteApp app) : LeadDeliveryTests(app);
[Collection(PostgresCollection.Name)] public class LeadDeliveryTests_Postgres(PostgresApp app) : LeadDeliveryTests(app);
