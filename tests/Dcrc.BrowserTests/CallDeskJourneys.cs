using Dcrc.Kernel.Cases;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dcrc.BrowserTests;

/// <summary>The reception's call desk: a call the telephony system reports pops the caller's card without a reload; the logged call's promised call-back is in her queue.</summary>
[Collection(BrowserCollection.Name)]
public class CallDeskJourneys(BrowserApp app) : Journey(app)
{
    /// <summary>The telephony system's push with its call id, timestamped and signed (timestamp + "." + body) with the configured secret.</summary>
    private async Task IncomingAsync(string number, string line)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { providerCallId = Guid.NewGuid().ToString("N"), number, line, at = DateTimeOffset.UtcNow });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/calls/incoming") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        request.Headers.Add("X-Dcrc-Timestamp", timestamp);
        request.Headers.Add("X-Dcrc-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(BrowserApp.TelephonySecret),
            (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body])));
        var response = await new HttpClient { BaseAddress = new Uri(App.BaseUrl) }.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public Task A_call_on_the_receptions_line_pops_the_callers_card_without_a_reload_and_its_promised_call_back_is_in_her_queue() =>
        RunAsync(nameof(A_call_on_the_receptions_line_pops_the_callers_card_without_a_reload_and_its_promised_call_back_is_in_her_queue), async page =>
    {
        var caller = await App.WithDbAsync(async db =>
        {
            var store = await db.Stores.SingleAsync(s => s.Code == "TH");
            return await db.Customers.Where(c => c.StoreId == store.Id && c.Class != Dcrc.Features.Customers.CustomerClass.A && c.Mobile != null
                    && c.Type == Dcrc.Features.Customers.CustomerType.Individual)
                .OrderBy(c => c.Id).Skip(7).Select(c => new { c.Id, c.Name, Mobile = c.Mobile! }).FirstAsync();
        });
        var masked = caller.Mobile[..3] + "****" + caller.Mobile[7..];
        var line = "J" + Random.Shared.Next(1000, 9999);

        await App.LoginAsync(page, "th.reception");
        await page.ClickAsync(".sidebar >> text=来电登记");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("来电登记");
        await page.FillAsync("#my-line", line);
        await page.ClickAsync("#take-line");
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync(line);
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync("实时弹屏已连接");
        await Assertions.Expect(page.Locator("#script")).ToContainTextAsync("不可以说");
        // A marker that a reload or a navigation would wipe out.
        await page.EvaluateAsync("() => { window.deskMarker = 'still here'; }");
        var url = page.Url;

        await IncomingAsync(caller.Mobile, line);

        var card = page.Locator("#caller-known");
        await Assertions.Expect(card).ToContainTextAsync(caller.Name);
        await Assertions.Expect(card).ToContainTextAsync(masked);
        await Assertions.Expect(page.Locator("#call-number")).ToHaveValueAsync(masked);
        await Assertions.Expect(page.Locator("#pop-alert")).ToContainTextAsync(masked);
        (await page.EvaluateAsync<string>("() => window.deskMarker")).ShouldBe("still here");
        page.Url.ShouldBe(url);
        (await page.ContentAsync()).ShouldNotContain(caller.Mobile);
        await SnapAsync(page, "call-desk-pop");

        // She logs it: an inquiry she cannot answer at once, a call-back promised for tomorrow 10:30.
        await page.SelectOptionAsync("#Input_Purpose", "Inquiry");
        await Assertions.Expect(page.Locator("#script")).ToContainTextAsync("遇到无法当场答复的客户咨询");
        await Assertions.Expect(page.Locator("#Input_CallerName")).ToHaveValueAsync(caller.Name);
        await page.FillAsync("#Input_Content", "咨询延保价格，需查询后回复");
        var tomorrow = DateOnly.FromDateTime(Dcrc.Kernel.Time.StoreTime.ToLocal(DateTime.UtcNow, Dcrc.Kernel.Time.StoreTime.GroupZone)).AddDays(1);
        await page.FillAsync("#promised-at", tomorrow.ToString("yyyy-MM-dd") + "T10:30");
        await page.ClickAsync("#save-call");
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("已加入回访工作台");
        var call = await App.WithDbAsync(db => db.CallLogs.Where(c => c.Line == line).SingleAsync());
        (call.CustomerId, call.Purpose, call.CallbackTaskId is null).ShouldBe((caller.Id, Dcrc.Kernel.Cases.CallPurpose.Inquiry, false));
        await Assertions.Expect(page.Locator($"#calls-table tr[data-call='{call.Id}']")).ToContainTextAsync("已登记");
        await SnapAsync(page, "call-desk-logged");

        await page.ClickAsync(".sidebar >> text=回访工作台");
        await page.ClickAsync("#view-rescheduled");
        var row = page.Locator($"#queue-table tr[data-task='{call.CallbackTaskId}']");
        await Assertions.Expect(row).ToContainTextAsync("承诺回电");
        await Assertions.Expect(row).ToContainTextAsync(caller.Name);
        await Assertions.Expect(row).ToContainTextAsync(tomorrow.ToString("yyyy-MM-dd") + " 10:30");
        await SnapAsync(page, "call-desk-callback-queue");
        await row.Locator("a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#task-call")).ToContainTextAsync("咨询延保价格");
        await Assertions.Expect(page.Locator("#script")).ToContainTextAsync("不可以说");
    });
}
