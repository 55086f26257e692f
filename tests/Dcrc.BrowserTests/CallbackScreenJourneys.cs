using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dcrc.BrowserTests;

/// <summary>The callback screen built for 80 calls a day: one screen at 1366×768, keyboard first, save and next.</summary>
[Collection(BrowserCollection.Name)]
public class CallbackScreenJourneys(BrowserApp app) : Journey(app)
{
    [Fact]
    public Task A_sales_survey_is_completed_from_the_queue_in_at_most_25_keys_on_one_screen_and_the_next_task_opens() =>
        RunAsync(nameof(A_sales_survey_is_completed_from_the_queue_in_at_most_25_keys_on_one_screen_and_the_next_task_opens), async page =>
    {
        // A sale eight days ago: its sales survey, promised a call-back before any other, is th.callback's next task.
        var (survey, _, _) = await App.SurveyDueTodayAsync("sale", 8, 9);
        var specialist = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "th.callback").Select(u => u.Id).SingleAsync());
        var earliest = await App.WithDbAsync(db => db.CallbackTasks.MinAsync(t => t.RescheduledTo));
        var first = earliest is { } e && e < DateTime.UtcNow ? e : DateTime.UtcNow; // a time that has come, before any other
        await App.WithDbAsync(db => db.CallbackTasks.Where(t => t.Id == survey)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.AssignedTo, specialist).SetProperty(t => t.RescheduledTo, first.AddHours(-1))));

        await App.LoginAsync(page, "th.callback");
        await page.GotoAsync("/Callbacks");
        var shown = await page.Locator("#next-task").GetAttributeAsync("href");
        var competitor = long.Parse(shown!.Split('/')[^1]);
        var seen = await App.WithDbAsync(db => db.CallbackTasks.Where(t => t.Id == competitor || t.Id == survey)
            .Select(t => new { t.Id, t.AssignedTo, t.RescheduledTo, t.DueOn, t.Status, t.StoreId }).ToListAsync());
        shown.ShouldBe($"/Callbacks/{survey}", string.Join("; ", seen.Select(x => $"{x.Id} {x.AssignedTo} {x.RescheduledTo:O} {x.DueOn} {x.Status} {x.StoreId}")) + " me " + specialist);
        var keys = 0;
        async Task PressAsync(string key) { keys++; await page.Keyboard.PressAsync(key); }

        await PressAsync("Enter"); // the "call the next task" button has the focus
        await page.WaitForURLAsync($"**/Callbacks/{survey}");
        // One screen: nothing to scroll, the outcome buttons in view, the first question focused.
        (await page.EvaluateAsync<int>("document.scrollingElement.scrollHeight")).ShouldBeLessThanOrEqualTo(await page.EvaluateAsync<int>("window.innerHeight") + 1);
        (await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth")).ShouldBeLessThanOrEqualTo(await page.EvaluateAsync<int>("window.innerWidth"));
        var success = await page.Locator("#outcome-success").BoundingBoxAsync();
        (success!.Y + success.Height).ShouldBeLessThanOrEqualTo(768);
        (await page.EvaluateAsync<string>("document.activeElement.closest('.question')?.dataset.number ?? ''")).ShouldBe("1");
        await SnapAsync(page, "callback-screen");

        // Q1 9, Q2 8, yes to Q3–Q6, Q7 10 (key 0), yes to Q8–Q10, Enter past the free text, S saves.
        foreach (var key in new[] { "9", "8", "1", "1", "1", "1", "0", "1", "1", "1", "Enter", "s" }) await PressAsync(key);
        await page.WaitForURLAsync(url => !url.EndsWith($"/Callbacks/{survey}"));
        keys.ShouldBeLessThanOrEqualTo(25);
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("这是下一个任务");

        var done = await App.WithDbAsync(db => db.CallbackTasks.SingleAsync(t => t.Id == survey));
        done.Status.ShouldBe(CallbackStatus.Completed);
        done.Score.ShouldBe(8); // the lowest score given
        var scores = await App.WithDbAsync(db => db.CallbackAnswers.Where(a => a.TaskId == survey && a.Score != null).OrderBy(a => a.QuestionId).Select(a => a.Score!.Value).ToListAsync());
        scores.ShouldBe([9, 8, 10]);
    });

    [Fact]
    public Task The_D_key_dials_through_the_telephony_system_with_the_number_masked_and_the_calls_end_pre_selects_the_outcome() =>
        RunAsync(nameof(The_D_key_dials_through_the_telephony_system_with_the_number_masked_and_the_calls_end_pre_selects_the_outcome), async page =>
    {
        var (survey, _, mobile) = await App.SurveyDueTodayAsync("sale", 8, 11);
        var specialist = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "th.callback").Select(u => u.Id).SingleAsync());
        await App.WithDbAsync(db => db.CallbackTasks.Where(t => t.Id == survey).ExecuteUpdateAsync(s => s.SetProperty(t => t.AssignedTo, specialist)));
        await App.LoginAsync(page, "th.callback");
        await page.GotoAsync($"/Callbacks/{survey}");
        await Assertions.Expect(page.Locator("#dial kbd")).ToHaveTextAsync("D");

        await page.Keyboard.PressAsync("d");
        var ended = Dcrc.Features.Calls.LocalTelephony.EndOf(mobile);
        await Assertions.Expect(page.Locator("#dial-status")).ToHaveAttributeAsync("data-status", ended.ToString());
        var outcome = Dcrc.Features.Calls.Dialer.SuggestedOutcome(ended)!.Value.ToString().ToLowerInvariant();
        await Assertions.Expect(page.Locator($"#outcome-{outcome}")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("suggested"));
        await SnapAsync(page, "callback-dialled");

        // The telephony system got the number in full; the page never showed it.
        App.Services.GetRequiredService<Dcrc.Features.Calls.LocalTelephony>().Placed.ShouldContain(r => r.Number == mobile);
        (await page.ContentAsync()).ShouldNotContain(mobile);
        await Assertions.Expect(page.Locator("#dial-status")).ToContainTextAsync(mobile[..3] + "****" + mobile[^4..]);
        // In English too, one screen wide.
        (await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth")).ShouldBeLessThanOrEqualTo(await page.EvaluateAsync<int>("window.innerWidth"));
    }, locale: "en");

    [Fact]
    public Task The_queue_finds_a_customer_by_plate_and_by_mobile_tail() =>
        RunAsync(nameof(The_queue_finds_a_customer_by_plate_and_by_mobile_tail), async page =>
    {
        var today = BrowserData.StoreToday;
        var (task, plate, tail) = await App.WithDbAsync(async db =>
        {
            var row = await db.CallbackTasks.Where(t => t.Status == CallbackStatus.Open && t.AssignedTo == null && t.VehicleId != null
                    && db.Stores.Any(s => s.Id == t.StoreId && s.Code == "TH"))
                .Join(db.Vehicles, t => t.VehicleId, v => v.Id, (t, v) => new { t.Id, v.PlateNumber, t.CustomerId }).OrderBy(x => x.Id).FirstAsync();
            await db.CallbackTasks.Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueOn, today).SetProperty(t => t.DueBy, today)
                .SetProperty(t => t.RescheduledTo, (DateTime?)null));
            var mobile = await db.Customers.Where(c => c.Id == row.CustomerId).Select(c => c.Mobile!).SingleAsync();
            return (row.Id, row.PlateNumber!, mobile[^4..]);
        });
        await App.LoginAsync(page, "th.callback");
        foreach (var q in new[] { plate, tail })
        {
            await page.GotoAsync("/Callbacks");
            await page.FillAsync("#queue-search", q);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync("**q=*");
            await Assertions.Expect(page.Locator($"#queue-table tr[data-task='{task}']")).ToBeVisibleAsync();
        }
        (await page.Locator("#queue-table tbody tr").CountAsync()).ShouldBeLessThan(30); // narrowed, not the whole day
    });
}
