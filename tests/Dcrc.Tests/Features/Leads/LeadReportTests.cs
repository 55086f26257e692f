using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Leads;

public abstract class LeadReportTests(DcrcApp app)
{
    private static int VersionOf(JsonElement detail) => detail.GetProperty("lead").GetProperty("line").GetProperty("version").GetInt32();

    private async Task<JsonElement> ReportAsync(HttpClient gm, int store)
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8)).ToString("yyyy-MM-dd");
        return await gm.GetFromJsonAsync<JsonElement>($"/api/v1/leads/reports?from={today}&to={today}&storeId={store}");
    }

    private static int[] Stages(JsonElement funnel) =>
        new[] { "leads", "contacted", "visited", "testDrive", "ordered", "delivered" }.Select(k => funnel.GetProperty(k).GetInt32()).ToArray();

    [Fact]
    public async Task The_funnel_counts_each_lead_at_the_furthest_stage_it_reached_and_every_stage_before_by_source_and_consultant_and_the_lost_reasons()
    {
        var store = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == "TH").Select(s => s.Id).SingleAsync());
        var gm = await app.ApiAs("th.gm");
        var before = await ReportAsync(gm, store);
        var sales = await app.ApiAs("th.sales");
        async Task<JsonElement> NewAsync(string source = "exhibition") =>
            await TestData.PostCreatedAsync(sales, "/api/v1/leads", new { name = "报表客户", mobile = TestData.NewMobile(), intentLevel = "B", source });
        async Task<JsonElement> PostOkAsync(HttpClient client, string url, object body)
        {
            var r = await client.PostAsJsonAsync(url, body);
            r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
            return await r.Content.ReadFromJsonAsync<JsonElement>();
        }
        long Id(JsonElement created) => created.GetProperty("line").GetProperty("id").GetInt64();
        int V(JsonElement created) => created.GetProperty("line").GetProperty("version").GetInt32();

        // A: reached by phone. B: reached, then came with a test drive. C: ordered straight away. D: lost for the price.
        var a = await NewAsync();
        var calledA = await PostOkAsync(sales, $"/api/v1/leads/{Id(a)}/attempts", new { result = "considering", consultantName = "顾问", version = V(a) });
        await PostOkAsync(sales, $"/api/v1/leads/{Id(a)}/attempts", new { result = "visitBooked", consultantName = "顾问", version = VersionOf(calledA) }); // meets the first call's round
        var b = await NewAsync();
        await PostOkAsync(sales, $"/api/v1/leads/{Id(b)}/attempts", new { result = "visitBooked", consultantName = "顾问", version = V(b) });
        var idB = Id(b);
        var mobileB = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Leads.Where(x => x.Id == idB).Select(x => x.Mobile).SingleAsync());
        (await (await app.ApiAs("th.reception")).PostAsJsonAsync("/api/v1/leads/visits", new { mobile = mobileB, partySize = 2, testDrive = true })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var c = await NewAsync();
        await PostOkAsync(sales, $"/api/v1/leads/{Id(c)}/convert", new { version = V(c) });
        var d = await NewAsync();
        var pending = await PostOkAsync(sales, $"/api/v1/leads/{Id(d)}/lost", new { reason = "price", version = V(d) });
        await PostOkAsync(await app.ApiAs("th.salesmgr"), $"/api/v1/leads/{Id(d)}/lost/decision", new { approve = true, version = VersionOf(pending) });

        var after = await ReportAsync(gm, store);
        Stages(after.GetProperty("total")).Zip(Stages(before.GetProperty("total")), (x, y) => x - y).ShouldBe([4, 3, 2, 2, 1, 0]);
        int[] Row(JsonElement report, string list, string key) =>
            report.GetProperty(list).EnumerateArray().Where(r => r.GetProperty("key").GetString() == key).Select(r => Stages(r.GetProperty("funnel"))).FirstOrDefault() ?? new int[6];
        Row(after, "bySource", "LeadSource.Exhibition").Zip(Row(before, "bySource", "LeadSource.Exhibition"), (x, y) => x - y).ShouldBe([4, 3, 2, 2, 1, 0]);
        var consultant = a.GetProperty("line").GetProperty("consultantName").GetString()!;
        Row(after, "byConsultant", consultant)[0].ShouldBe(Row(before, "byConsultant", consultant)[0] + 4);
        int Lost(JsonElement report) => report.GetProperty("lostReasons").EnumerateArray().Where(r => r.GetProperty("key").GetString() == "LostReason.Price").Select(r => r.GetProperty("count").GetInt32()).FirstOrDefault();
        Lost(after).ShouldBe(Lost(before) + 1);
        // Follow-up compliance counts decided rounds only: A's first round, met in time; the rounds still running do not count.
        after.GetProperty("followUpRounds").GetInt32().ShouldBe(before.GetProperty("followUpRounds").GetInt32() + 1);
        after.GetProperty("followUpBreached").GetInt32().ShouldBe(before.GetProperty("followUpBreached").GetInt32());

        // The page shows it and exports it; a bad range is refused naming the field.
        var page = await (await app.BrowserAs("th.gm")).GetStringAsync($"/Leads/Reports?storeId={store}");
        page.ShouldContain("id=\"funnel-data\"");
        (await gm.GetAsync("/api/v1/leads/reports?from=2026-13-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await sales.GetAsync("/api/v1/leads/reports")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)] public class LeadReportTests_Sqlite(SqliteApp app) : LeadReportTests(app);
[Collection(PostgresCollection.Name)] public class LeadReportTests_Postgres(PostgresApp app) : LeadReportTests(app);
