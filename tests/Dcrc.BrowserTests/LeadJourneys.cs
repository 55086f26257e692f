using Dcrc.Features.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Dcrc.BrowserTests;

/// <summary>Prospects as the showroom works them: reception logs a walk-in, the consultant follows it up, the sales manager decides on a lost one.</summary>
[Collection(BrowserCollection.Name)]
public class LeadJourneys(BrowserApp app) : Journey(app)
{
    private static string NewMobile() => "137" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<string> DisplayNameAsync(string user) => App.WithDbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.DisplayName).SingleAsync());

    private static async Task NewLeadAsync(IPage page, string name, string mobile, string? consultant = null)
    {
        await page.GotoAsync("/Leads/New");
        await page.FillAsync("#Input_Name", name);
        await page.FillAsync("#Input_Mobile", mobile);
        await page.FillAsync("#Input_Series", "锐际");
        if (consultant is not null) await page.SelectOptionAsync("#Input_ConsultantUserId", new SelectOptionValue { Label = consultant });
        await page.ClickAsync("#save-lead");
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("已登记潜在客户");
    }

    private static async Task AttemptAsync(IPage page, string result, string? at = null, string? remark = null)
    {
        await page.SelectOptionAsync("#attempt-result", result);
        if (at is not null) await page.FillAsync("#attempt-at", at);
        await page.FillAsync("#attempt-remark", remark ?? "");
        await page.ClickAsync("#save-attempt");
    }

    [Fact]
    public Task Reception_logs_a_walk_in_for_a_consultant_who_after_three_failed_calls_in_three_slots_marks_it_unreachable_with_a_reason() =>
        RunAsync(nameof(Reception_logs_a_walk_in_for_a_consultant_who_after_three_failed_calls_in_three_slots_marks_it_unreachable_with_a_reason), async page =>
    {
        var consultant = await DisplayNameAsync("th.sales");
        var mobile = NewMobile();
        await App.LoginAsync(page, "th.reception");
        await NewLeadAsync(page, "来店李女士", mobile, consultant);
        await Assertions.Expect(page.Locator("#lead-consultant")).ToHaveTextAsync(consultant);
        await Assertions.Expect(page.Locator("#lead-mobile")).ToContainTextAsync(mobile[..3] + "****" + mobile[7..]);
        var id = long.Parse(page.Url.Split('/').Last());
        // Recorded two days ago, so that yesterday's calls can be entered afterwards.
        await App.WithDbAsync(async db =>
        {
            await db.Leads.Where(x => x.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.CreatedAt, x => x.CreatedAt.AddDays(-2)));
            return await db.LeadLimitEvents.Where(e => e.LeadId == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.At, e => e.At.AddDays(-2)));
        });

        var sales = await App.NewPageAsync();
        await App.LoginAsync(sales, "th.sales");
        await sales.GotoAsync("/Leads/Day");
        await sales.ClickAsync($"#leads a[href='/Leads/{id}']"); // due today: a new lead is called the day it comes
        var yesterday = BrowserData.StoreToday.AddDays(-1).ToString("yyyy-MM-dd");
        await AttemptAsync(sales, "NoAnswer", yesterday + "T09:00");
        await Assertions.Expect(sales.Locator("[role=status]").First).ToContainTextAsync("跟进已记录");
        await AttemptAsync(sales, "Busy", yesterday + "T14:00");
        await AttemptAsync(sales, "Unreachable", remark: "多次无人接听");
        await Assertions.Expect(sales.Locator("#attempt-form .validation-summary-errors")).ToContainTextAsync("须连续 3 次"); // refused: two failed calls, two slots
        await AttemptAsync(sales, "NoAnswer", yesterday + "T19:00");
        await Assertions.Expect(sales.Locator("#attempts tbody tr")).ToHaveCountAsync(3);
        await AttemptAsync(sales, "Unreachable");
        await Assertions.Expect(sales.Locator("#attempt-form .validation-summary-errors")).ToContainTextAsync("注明原因"); // the reason is required
        await AttemptAsync(sales, "Unreachable", remark: "三个时段均无人接听");
        await Assertions.Expect(sales.Locator("#lead-state")).ToHaveTextAsync("无法联系");
        await Assertions.Expect(sales.Locator("#attempt-form")).ToHaveCountAsync(0); // closed: nothing more to record
        await SnapAsync(sales, "lead-unreachable");
        await sales.Context.CloseAsync();
    });

    [Fact]
    public Task The_sales_manager_approves_a_lost_lead_which_keeps_an_interest_and_stays_in_the_pool_for_campaigns() =>
        RunAsync(nameof(The_sales_manager_approves_a_lost_lead_which_keeps_an_interest_and_stays_in_the_pool_for_campaigns), async page =>
    {
        await App.LoginAsync(page, "th.sales");
        await NewLeadAsync(page, "战败王先生", NewMobile());
        var id = long.Parse(page.Url.Split('/').Last());
        await page.ClickAsync("#lost-card summary");
        await page.SelectOptionAsync("#lost-reason", "Competitor");
        await page.ClickAsync("#declare-lost");
        await Assertions.Expect(page.Locator("#lost-form .validation-summary-errors")).ToContainTextAsync("所购竞品品牌"); // which competitor?
        await page.FillAsync("#lost-competitor", "丰田");
        await page.CheckAsync("#lost-keeps");
        await page.ClickAsync("#declare-lost");
        await Assertions.Expect(page.Locator("#lead-state")).ToHaveTextAsync("战败待审批");

        var manager = await App.NewPageAsync();
        await App.LoginAsync(manager, "th.salesmgr");
        await manager.GotoAsync("/Leads");
        await manager.ClickAsync("#lost-approvals");
        await manager.ClickAsync($"#leads a[href='/Leads/{id}']");
        await manager.ClickAsync("#approve-lost");
        await Assertions.Expect(manager.Locator("[role=status]").First).ToContainTextAsync("已批准战败");
        await Assertions.Expect(manager.Locator("#lead-state")).ToHaveTextAsync("已战败");
        await manager.Context.CloseAsync();

        await page.GotoAsync("/Leads/Pool?lost=true");
        await Assertions.Expect(page.Locator($"#pool tr[data-lead='{id}']")).ToContainTextAsync("已战败");
    });

    [Fact]
    public Task Reception_logs_a_showroom_visit_by_keyboard_and_the_DCRCs_48_hour_visit_callback_is_in_the_callback_queue() =>
        RunAsync(nameof(Reception_logs_a_showroom_visit_by_keyboard_and_the_DCRCs_48_hour_visit_callback_is_in_the_callback_queue), async page =>
    {
        var mobile = NewMobile();
        await App.LoginAsync(page, "th.reception");
        await page.GotoAsync("/Leads/Visit");
        await Assertions.Expect(page.Locator("#Input_Mobile")).ToBeFocusedAsync(); // the mobile has the focus
        await page.Keyboard.TypeAsync(mobile);
        await page.FillAsync("#Input_Name", "看车赵女士");
        await page.FillAsync("#Input_PartySize", "2");
        await page.FillAsync("#Input_Model", "锐际");
        await page.SelectOptionAsync("#Input_ConsultantUserId", new SelectOptionValue { Label = await DisplayNameAsync("th.sales") });
        await page.CheckAsync("#Input_TestDrive");
        await page.PressAsync("#Input_Model", "Enter");
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("来店已登记");
        await Assertions.Expect(page.Locator("#Input_Mobile")).ToHaveValueAsync(""); // ready for the next visitor
        var (leadId, taskId) = await App.WithDbAsync(async db =>
        {
            var visit = await db.LeadVisits.Where(v => db.Leads.Any(l => l.Id == v.LeadId && l.Mobile == mobile)).SingleAsync();
            return (visit.LeadId, visit.CallbackTaskId!.Value);
        });
        await Assertions.Expect(page.Locator("#last-lead")).ToHaveAttributeAsync("href", $"/Leads/{leadId}");

        var specialist = await App.NewPageAsync();
        await App.LoginAsync(specialist, "th.callback");
        await specialist.GotoAsync("/Callbacks");
        await specialist.ClickAsync($"a[href='/Callbacks/{taskId}']");
        await Assertions.Expect(specialist.Locator("#task-customer")).ToContainTextAsync("看车赵女士");
        await Assertions.Expect(specialist.Locator("#task-visit")).ToContainTextAsync("锐际");
        await Assertions.Expect(specialist.Locator("#customer-mobile")).ToHaveTextAsync(mobile[..3] + "****" + mobile[7..]);
        await SnapAsync(specialist, "visit-callback");
        await specialist.Context.CloseAsync();
    });
}
