using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Complaints;
using Dcrc.Kernel.Deadlines;
using Dcrc.Tests.Features.Callbacks;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Complaints;

/// <summary>Each complaint limit in its unit: 30 working minutes, 24 and 48 clock hours, 3 working days; the units on the settings page.</summary>
public abstract class ComplaintLimitUnitTests(DcrcApp app)
{
    private static DateTime Utc(JsonElement value) => value.GetDateTime() is var d && d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : value.GetDateTime().ToUniversalTime();

    private static DateTime Due(JsonElement detail, string limit) =>
        Utc(detail.GetProperty("limits").EnumerateArray().Single(x => x.GetProperty("limit").GetString() == limit).GetProperty("dueAt"));

    private static DateTime StepAt(JsonElement detail, string action) =>
        Utc(detail.GetProperty("events").EnumerateArray().Last(e => e.GetProperty("action").GetString() == action).GetProperty("at"));

    [Fact]
    public async Task Solution_and_result_run_in_clock_hours_from_dispatch_and_the_follow_up_to_the_close_of_the_third_working_day()
    {
        var (customer, _, _) = await TestData.CustomerWithVehicleAsync(await app.ApiAs("th.crm"), "时限客户");
        var reception = await app.ApiAs("th.reception");
        var id = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "serviceQuality", description = "维修拖延" }))
            .GetProperty("id").GetInt64();
        async Task<JsonElement> Step(HttpClient c, string action, object body)
        {
            var r = await ComplaintData.PostStepAsync(c, id, action, body);
            r.EnsureSuccessStatusCode();
            return await r.Content.ReadFromJsonAsync<JsonElement>();
        }
        await Step(reception, "judgeValid", new { });
        var service = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Departments.Where(d => d.Code == "SERVICE").Select(d => d.Id).SingleAsync());
        var dispatched = await Step(reception, "dispatch", new { departmentId = service, responsibleUserId = await CallbackData.UserIdAsync(app, "th.advisor") });
        var at = StepAt(dispatched, "dispatch");
        var store = dispatched.GetProperty("case").GetProperty("storeId").GetInt32();
        // The store's values (another test may have changed them from the seed's 24 and 48), as clock hours.
        var (proposal, result) = await app.WithScopeAsync(async sp =>
        {
            var settings = sp.GetRequiredService<Dcrc.Kernel.Settings.SettingsStore>();
            return (await settings.GetAsync(ComplaintSettings.ProposalHours, store), await settings.GetAsync(ComplaintSettings.ResultHours, store));
        });
        (Due(dispatched, "proposal") - at).ShouldBe(TimeSpan.FromHours(proposal));
        (Due(dispatched, "result") - at).ShouldBe(TimeSpan.FromHours(result));

        var advisor = await app.ApiAs("th.advisor");
        await Step(advisor, "propose", new { solution = "免费检修" });
        await Step(advisor, "reportResult", new { result = "已修复" });
        await Step(await app.ApiAs("th.servicemgr"), "approve", new { });
        await Step(reception, "accept", new { customerOpinion = "接受" });
        var closed = await Step(reception, "close", new { closingSummary = "结案" });
        var (calendar, days) = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<StoreCalendars>().ForStoreAsync(store),
            await sp.GetRequiredService<Dcrc.Kernel.Settings.SettingsStore>().GetAsync(ComplaintSettings.FollowUpDays, store)));
        Due(closed, "followUp").ShouldBe(calendar.CloseOfWorkingDay(StepAt(closed, "close"), days));
    }

    [Fact]
    public async Task The_settings_page_shows_each_limits_unit_beside_its_value()
    {
        var page = await (await app.BrowserAs("sysadmin")).GetStringAsync("/Admin/Settings");
        string Row(string key)
        {
            var start = page.IndexOf($"v-{key}\"", StringComparison.Ordinal);
            start.ShouldBeGreaterThan(0, key);
            return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
        }
        Row("complaints.dispatchMinutes").ShouldContain("工作分钟");
        Row("complaints.proposalHours").ShouldContain("小时（自然时间）");
        Row("complaints.resultHours").ShouldContain("小时（自然时间）");
        Row("complaints.followUpDays").ShouldContain("工作日");
        Row("complaints.followUpDays").ShouldContain("下班时到期");
        Row("complaints.satisfactionCallbackDays").ShouldContain("自然日");
    }
}

[Collection(SqliteCollection.Name)] public class ComplaintLimitUnitTests_Sqlite(SqliteApp app) : ComplaintLimitUnitTests(app);
[Collection(PostgresCollection.Name)] public class ComplaintLimitUnitTests_Postgres(PostgresApp app) : ComplaintLimitUnitTests(app);
