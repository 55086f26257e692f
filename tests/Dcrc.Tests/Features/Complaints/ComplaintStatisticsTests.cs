using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Complaints;
using Dcrc.Kernel.Jobs;
using Dcrc.Tests.Features.Callbacks;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Complaints;

public abstract class ComplaintStatisticsTests(DcrcApp app)
{
    private static int Cases(JsonElement groups, string key) =>
        groups.EnumerateArray().Where(g => g.GetProperty("key").GetString() == key).Select(g => g.GetProperty("cases").GetInt32()).FirstOrDefault();

    [Fact]
    public async Task The_months_statistics_count_cases_closings_losses_repeats_and_categories()
    {
        var reception = await app.ApiAs("th.reception");
        var url = $"/api/v1/complaints/statistics?period=month&date={CallbackData.StoreToday(app):yyyy-MM-dd}&pageSize=500";
        var before = await reception.GetFromJsonAsync<JsonElement>(url);
        var (customer, _, _) = await TestData.CustomerWithVehicleAsync(await app.ApiAs("th.crm"), "统计客户");
        var first = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "purchaseConditions", description = "合同条款不清" })).GetProperty("id").GetInt64();
        await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "visit", category = "unmetExpectation", description = "交车延期" });
        // The first one runs to the end with a 300-yuan discount.
        var manager = await app.ApiAs("th.salesmgr");
        async Task Step(HttpClient c, string action, object body) => (await ComplaintData.PostStepAsync(c, first, action, body)).EnsureSuccessStatusCode();
        await Step(reception, "judgeValid", new { });
        var sales = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Departments.Where(d => d.Code == "SALES").Select(d => d.Id).SingleAsync());
        await Step(reception, "dispatch", new { departmentId = sales, responsibleUserId = await CallbackData.UserIdAsync(app, "th.salesmgr") });
        await Step(manager, "propose", new { solution = "折价补偿", compensation = "discount", compensationAmount = 300 });
        await Step(manager, "reportResult", new { result = "已补偿" });
        await Step(manager, "approve", new { });
        await Step(reception, "accept", new { customerOpinion = "接受" });
        await Step(reception, "close", new { closingSummary = "结案" });

        var after = await reception.GetFromJsonAsync<JsonElement>(url);
        int Total(JsonElement r, string field) => r.GetProperty("total").GetProperty(field).GetInt32();
        (Total(after, "cases") - Total(before, "cases")).ShouldBe(2);
        (Total(after, "closed") - Total(before, "closed")).ShouldBe(1);
        (after.GetProperty("total").GetProperty("loss").GetDecimal() - before.GetProperty("total").GetProperty("loss").GetDecimal()).ShouldBe(300m);
        (after.GetProperty("repeat").GetInt32() - before.GetProperty("repeat").GetInt32()).ShouldBe(1);
        (after.GetProperty("open").GetInt32() - before.GetProperty("open").GetInt32()).ShouldBe(1);
        (Cases(after.GetProperty("byCategory"), "purchaseConditions") - Cases(before.GetProperty("byCategory"), "purchaseConditions")).ShouldBe(1);
        (Cases(after.GetProperty("byHandling"), "discount") - Cases(before.GetProperty("byHandling"), "discount")).ShouldBe(1);
        // Group keys are the enums' JSON names, like the enums in the case lines.
        after.GetProperty("byCategory").EnumerateArray().Select(g => g.GetProperty("key").GetString()!).ShouldAllBe(k => k.Length > 0 && char.IsLower(k[0]));
        after.GetProperty("lines").EnumerateArray().Select(x => x.GetProperty("id").GetInt64()).ShouldContain(first);
        after.GetProperty("linesTotal").GetInt32().ShouldBe(Total(after, "cases"));
        var onePage = await reception.GetFromJsonAsync<JsonElement>(url.Replace("pageSize=500", "pageSize=1"));
        onePage.GetProperty("lines").GetArrayLength().ShouldBe(1); // the lines are paged, the totals are not
        Total(onePage, "cases").ShouldBe(Total(after, "cases"));
        var total = Total(after, "cases");
        after.GetProperty("repeatRate").GetDecimal().ShouldBe(Math.Round(100m * after.GetProperty("repeat").GetInt32() / total, 1));
        (await reception.GetAsync("/api/v1/complaints/statistics?period=decade")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The seed's table as .xlsx: one line per case of the month.
        var browser = await app.BrowserAs("th.crm");
        var file = await browser.GetAsync($"/Complaints/Statistics?handler=Export&period=Month&date={CallbackData.StoreToday(app):yyyy-MM-dd}");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sheet = Dcrc.Kernel.Excel.Spreadsheet.ReadXlsx(await file.Content.ReadAsStreamAsync());
        sheet[0][..3].ShouldBe(["日期", "受理编号", "姓名"]);
        sheet.Count(r => r.Length > 1 && r[1] == $"TS{first:D6}").ShouldBe(1);
    }

    [Fact]
    public async Task The_loss_counts_only_compensation_approved_not_proposed_sent_back_or_refused_by_the_gm()
    {
        var reception = await app.ApiAs("th.reception");
        var url = $"/api/v1/complaints/statistics?period=month&date={CallbackData.StoreToday(app):yyyy-MM-dd}&pageSize=1";
        decimal Loss(JsonElement r) => r.GetProperty("total").GetProperty("loss").GetDecimal();
        decimal Handling(JsonElement r, string key) => r.GetProperty("byHandling").EnumerateArray().Where(g => g.GetProperty("key").GetString() == key)
            .Select(g => g.GetProperty("loss").GetDecimal()).FirstOrDefault();
        var before = await reception.GetFromJsonAsync<JsonElement>(url);
        var (customer, _, _) = await TestData.CustomerWithVehicleAsync(await app.ApiAs("th.crm"), "损失客户");
        var sales = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Departments.Where(d => d.Code == "SALES").Select(d => d.Id).SingleAsync());
        var managerId = await CallbackData.UserIdAsync(app, "th.salesmgr");
        var manager = await app.ApiAs("th.salesmgr");
        async Task<long> Resulted(string compensation, decimal amount)
        {
            var id = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "other", description = "损失统计" })).GetProperty("id").GetInt64();
            async Task Step(HttpClient c, string action, object body) => (await ComplaintData.PostStepAsync(c, id, action, body)).EnsureSuccessStatusCode();
            await Step(reception, "judgeValid", new { });
            await Step(reception, "dispatch", new { departmentId = sales, responsibleUserId = managerId });
            await Step(manager, "propose", new { solution = "补偿", compensation, compensationAmount = amount });
            await Step(manager, "reportResult", new { result = "已处理" });
            return id;
        }
        (await ComplaintData.PostStepAsync(manager, await Resulted("compensation", 700), "approve")).EnsureSuccessStatusCode(); // approved: counts
        var refusedByGm = await Resulted("compensation", 5000);
        (await ComplaintData.PostStepAsync(manager, refusedByGm, "approve")).EnsureSuccessStatusCode();
        (await ComplaintData.PostStepAsync(await app.ApiAs("th.gm"), refusedByGm, "reject", new { note = "金额过高" })).EnsureSuccessStatusCode();
        (await ComplaintData.PostStepAsync(manager, await Resulted("compensation", 400), "reject", new { note = "方案不妥" })).EnsureSuccessStatusCode();
        await Resulted("discount", 300); // proposed and reported, not approved yet

        var after = await reception.GetFromJsonAsync<JsonElement>(url);
        (Loss(after) - Loss(before)).ShouldBe(700m);
        (Handling(after, "compensation") - Handling(before, "compensation")).ShouldBe(700m);
        (Handling(after, "discount") - Handling(before, "discount")).ShouldBe(0m);
    }

    [Fact]
    public void Periods_are_the_week_from_monday_the_month_the_quarter_and_the_year()
    {
        var day = new DateOnly(2026, 11, 22); // a Sunday
        ComplaintStatistics.Range(StatisticsPeriod.Week, day).ShouldBe((new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22)));
        ComplaintStatistics.Range(StatisticsPeriod.Month, day).ShouldBe((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));
        ComplaintStatistics.Range(StatisticsPeriod.Quarter, day).ShouldBe((new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)));
        ComplaintStatistics.Range(StatisticsPeriod.Year, day).ShouldBe((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
    }
}

[Collection(SqliteCollection.Name)] public class ComplaintStatisticsTests_Sqlite(SqliteApp app) : ComplaintStatisticsTests(app);
[Collection(PostgresCollection.Name)] public class ComplaintStatisticsTests_Postgres(PostgresApp app) : ComplaintStatisticsTests(app);
