using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Leads;
using Dcrc.Kernel.Excel;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Leads;

public abstract class LeadBatchTests(DcrcApp app)
{
    private static readonly string[] Header = ["厂家线索编号", "姓名", "手机号", "意向车系", "意向级别"];

    private static MultipartFormDataContent Form(string batch, DateTimeOffset arrived, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Spreadsheet.Write("厂家线索", Header, rows)), "file", "batch.xlsx");
        form.Add(new StringContent(batch), "batchNumber");
        form.Add(new StringContent(arrived.ToString("o")), "arrivedAt");
        return form;
    }

    private static string NewBatch() => "PC" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_batch_with_bad_rows_imports_nothing_and_names_each_row_and_a_good_one_gives_every_lead_its_24_hour_deadline()
    {
        var crm = await app.ApiAs("th.crm");
        var arrived = app.Clock.GetUtcNow().AddHours(-2);
        var (m1, m2, m3) = (TestData.NewMobile(), TestData.NewMobile(), TestData.NewMobile());
        var batch = NewBatch();
        var before = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Leads.CountAsync());
        var bad = await crm.PostAsync("/api/v1/leads/batches", Form(batch, arrived,
            [[batch + "-1", "张先生", m1, "锐际", "A"], [batch + "-2", "李女士", "1234", "", ""], [batch + "-1", "王先生", m2, "", "Z"]]));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rows = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString())).ToList();
        rows.ShouldContain((3, "手机号"));
        rows.ShouldContain((4, "厂家线索编号")); // the same OEM number twice in the file
        rows.ShouldContain((4, "意向级别"));
        rows.ShouldNotContain(r => r.Item1 == 2);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Leads.CountAsync())).ShouldBe(before);

        var good = await crm.PostAsync("/api/v1/leads/batches", Form(batch, arrived, [[batch + "-1", "张先生", m1, "锐际", "A"], [batch + "-2", "李女士", m2, "", ""], [batch + "-3", "王先生", m3, "", "C"]]));
        good.StatusCode.ShouldBe(HttpStatusCode.Created, await good.Content.ReadAsStringAsync());
        var line = await good.Content.ReadFromJsonAsync<JsonElement>();
        line.GetProperty("leads").GetInt32().ShouldBe(3);
        line.GetProperty("owed").GetInt32().ShouldBe(3);
        var leads = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Leads.Where(x => x.BatchId == line.GetProperty("id").GetInt64()).ToListAsync());
        leads.Count.ShouldBe(3);
        leads.ShouldAllBe(x => x.Source == LeadSource.OemBatch && (x.FeedbackDueAt!.Value - arrived.UtcDateTime.AddHours(24)).Duration() < TimeSpan.FromMilliseconds(1) && x.NextFollowUpOn != null);
        leads.Single(x => x.Mobile == m2).IntentLevel.ShouldBe("B"); // not given: the middle level

        // The same batch again is refused; so is a new batch with a lead whose mobile is open already.
        (await crm.PostAsync("/api/v1/leads/batches", Form(batch, arrived, [[batch + "-9", "赵先生", TestData.NewMobile(), "", ""]]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var again = await crm.PostAsync("/api/v1/leads/batches", Form(NewBatch(), arrived, [["X-1", "张先生", m1, "", ""]]));
        (await again.Content.ReadAsStringAsync()).ShouldContain(leads.Single(x => x.Mobile == m1).Number);
    }

    [Fact]
    public async Task The_feedback_meets_the_deadline_is_exported_in_the_OEM_layout_and_the_OEMs_check_and_take_back_are_recorded()
    {
        var crm = await app.ApiAs("th.crm");
        var mobiles = new[] { TestData.NewMobile(), TestData.NewMobile() };
        var batch = NewBatch();
        var created = await crm.PostAsync("/api/v1/leads/batches", Form(batch, app.Clock.GetUtcNow().AddHours(-1), mobiles.Select((m, i) => (IReadOnlyList<string?>)[$"{batch}-{i}", "客户" + i, m, "", ""])));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var batchId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var ids = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Leads.Where(x => x.BatchId == batchId).OrderBy(x => x.Id).Select(x => x.Id).ToListAsync());
        var manager = await app.ApiAs("th.salesmgr");
        var sales = await Callbacks.CallbackData.UserIdAsync(app, "th.sales");
        var detail = await (await manager.PostAsJsonAsync($"/api/v1/leads/{ids[0]}/assign", new { consultantUserId = sales, version = 0 })).Content.ReadFromJsonAsync<JsonElement>();
        var consultant = await app.ApiAs("th.sales");
        var fed = await consultant.PostAsJsonAsync($"/api/v1/leads/{ids[0]}/attempts", new { result = "visitBooked", remark = "周六到店", consultantName = "张顾问",
            version = detail.GetProperty("lead").GetProperty("line").GetProperty("version").GetInt32() });
        fed.StatusCode.ShouldBe(HttpStatusCode.OK, await fed.Content.ReadAsStringAsync());
        var after = await fed.Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("limit").GetString() == "oemFeedback").GetProperty("status").GetString().ShouldBe("met");

        var xlsx = await crm.GetByteArrayAsync($"/api/v1/leads/batches/{batchId}/feedback");
        var sheet = Spreadsheet.ReadXlsx(new MemoryStream(xlsx));
        sheet[0].ShouldContain("经销商反馈");
        var row = sheet.Single(r => r.Contains($"{batch}-0"));
        row.ShouldContain("已预约到店");
        row.ShouldContain("周六到店");
        row.ShouldContain(mobiles[0][..3] + "****" + mobiles[0][7..]);
        sheet.SelectMany(r => r).ShouldNotContain(mobiles[0]);

        var check = await crm.PostAsJsonAsync($"/api/v1/leads/{ids[0]}/oem-check", new { feedbackTrue = true, infoAccurate = true, offered = true,
            version = after.GetProperty("lead").GetProperty("line").GetProperty("version").GetInt32() });
        check.StatusCode.ShouldBe(HttpStatusCode.OK, await check.Content.ReadAsStringAsync());
        (await crm.PostAsJsonAsync($"/api/v1/leads/{ids[1]}/oem-check", new { feedbackTrue = true, infoAccurate = true, offered = true, version = 0 }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest); // no feedback to check yet
        var taken = await crm.PostAsJsonAsync($"/api/v1/leads/{ids[1]}/transfer", new { reason = "noContact", version = 0 });
        taken.StatusCode.ShouldBe(HttpStatusCode.OK, await taken.Content.ReadAsStringAsync());
        (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lead").GetProperty("line").GetProperty("state").GetString().ShouldBe("transferred");
        (await consultant.PostAsJsonAsync($"/api/v1/leads/{ids[0]}/transfer", new { reason = "late", version = 0 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var stats = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/leads/batches/{batchId}");
        (stats.GetProperty("fedBack").GetInt32(), stats.GetProperty("onTime").GetInt32(), stats.GetProperty("checked").GetInt32(), stats.GetProperty("transferred").GetInt32(), stats.GetProperty("owed").GetInt32())
            .ShouldBe((1, 1, 1, 1, 0));
        stats.GetProperty("passRate").GetDouble().ShouldBe(100.0);
        stats.GetProperty("onTimeRate").GetDouble().ShouldBe(100.0); // of the decided: the one answered; the other's deadline has not passed
    }
}

[Collection(SqliteCollection.Name)] public class LeadBatchTests_Sqlite(SqliteApp app) : LeadBatchTests(app);
[Collection(PostgresCollection.Name)] public class LeadBatchTests_Postgres(PostgresApp app) : LeadBatchTests(app);
