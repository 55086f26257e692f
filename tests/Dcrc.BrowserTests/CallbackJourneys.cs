using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dcrc.BrowserTests;

/// <summary>A callback specialist's day: the queue, a sales survey, four failed calls and the SMS survey.</summary>
[Collection(BrowserCollection.Name)]
public class CallbackJourneys(BrowserApp app) : Journey(app)
{
    private async Task ReplyAsync(string from, string text)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { from, text, id = Guid.NewGuid().ToString("N"), receivedAt = DateTimeOffset.UtcNow });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/replies") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        request.Headers.Add("X-Dcrc-Timestamp", timestamp); // signed with the body: timestamp + "." + body
        request.Headers.Add("X-Dcrc-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(BrowserApp.WebhookSecret),
            (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body])));
        var response = await new HttpClient { BaseAddress = new Uri(App.BaseUrl) }.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public Task A_specialist_completes_a_sales_survey_and_four_failed_calls_send_the_sms_survey_whose_reply_is_recorded() =>
        RunAsync(nameof(A_specialist_completes_a_sales_survey_and_four_failed_calls_send_the_sms_survey_whose_reply_is_recorded), async page =>
    {
        var (survey, _, _) = await App.SurveyDueTodayAsync("sale", 8, 3);
        var (service, _, mobile) = await App.SurveyDueTodayAsync("repairOrder", 4, 4);

        await App.LoginAsync(page, "th.callback");
        // 表7 before: the consultant's line for the last 30 days.
        var consultant = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "th.sales").Select(u => u.DisplayName).SingleAsync());
        var today = DateOnly.FromDateTime(Dcrc.Kernel.Time.StoreTime.ToLocal(DateTime.UtcNow, Dcrc.Kernel.Time.StoreTime.GroupZone));
        var table7 = $"/Callbacks/Reports/Satisfaction?table=consultant&from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        async Task<int> ReachedAsync()
        {
            await page.GotoAsync(table7);
            return int.Parse(await page.Locator($"#satisfaction-table tr[data-name='{consultant}'] td").Nth(2).InnerTextAsync());
        }
        var reachedBefore = await ReachedAsync();
        await page.ClickAsync(".sidebar >> text=回访工作台");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("回访工作台");
        await Assertions.Expect(page.Locator(".sidebar a[href='/Callbacks'] .nav-count")).ToBeVisibleAsync();
        var row = page.Locator($"#queue-table tr[data-task='{survey}']");
        await Assertions.Expect(row).ToContainTextAsync("销售满意度回访");
        await SnapAsync(page, "callbacks-queue");
        await row.Locator("a").First.ClickAsync();

        // The survey: the script, then the answers.
        await Assertions.Expect(page.Locator("#script")).ToContainTextAsync("不可以说");
        await page.ClickAsync("label[for='q1-9']");
        await page.ClickAsync("label[for='q2-8']");
        await page.ClickAsync("label[for='q7-10']");
        foreach (var n in new[] { 3, 4, 5, 6, 8, 9, 10 }) await page.ClickAsync($"label[for='q{n}-True']");
        await page.FillAsync("#q11-text", "交车讲解很细致");
        await SnapAsync(page, "callbacks-survey");
        await page.ClickAsync("#outcome-success");
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("已登记");
        await page.GotoAsync($"/Callbacks/{survey}");
        await Assertions.Expect(page.Locator("#task-status")).ToHaveTextAsync("回访成功");
        await Assertions.Expect(page.Locator("#result")).ToContainTextAsync("评分 8（完全满意）");
        (await ReachedAsync()).ShouldBe(reachedBefore + 1); // 表7 counts it
        await SnapAsync(page, "callbacks-table7");

        // Four failed calls on the service survey: the SMS survey goes out.
        foreach (var outcome in new[] { "noanswer", "switchedoff", "linebusy", "noanswer" })
        {
            await page.GotoAsync($"/Callbacks/{service}");
            await page.ClickAsync($"#outcome-{outcome}");
            await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("已登记");
        }
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("已短信回访，待回复");
        var sms = await App.WithDbAsync(db => db.SmsMessages.SingleAsync(m => m.RelatedId == service && m.Reason == CallbackSmsReplies.Reason));
        sms.Mobile.ShouldBe(mobile);
        sms.Body.ShouldContain("请回复按照1-10分打分");
        await page.GotoAsync("/Callbacks/Reports/Sms");
        await Assertions.Expect(page.Locator($"#sms-table tr[data-message='{sms.Id}']")).ToBeVisibleAsync(); // in the SMS log (表13)

        // The outbox sends it (the job the scheduler runs every minute); the customer answers "9".
        using (var scope = App.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<StoreScope>().AllowAll(null);
            var outbox = scope.ServiceProvider.GetServices<Dcrc.Kernel.Jobs.IScheduledJob>().Single(j => j.Name == "sms.outbox");
            var now = DateTime.UtcNow;
            await outbox.RunAsync(now, default);
            await outbox.AfterCommitAsync(now, default);
        }
        await ReplyAsync(mobile, "9");
        await page.GotoAsync($"/Callbacks/{service}");
        await Assertions.Expect(page.Locator("#task-status")).ToHaveTextAsync("回访成功");
        await Assertions.Expect(page.Locator("#result")).ToContainTextAsync("评分 9（完全满意）");
        await Assertions.Expect(page.Locator("#attempts li")).ToHaveCountAsync(4);
        await SnapAsync(page, "callbacks-sms-reply");
    });
}
