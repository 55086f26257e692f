using Dcrc.Data;
using Dcrc.Features.Complaints;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dcrc.BrowserTests;

/// <summary>A complaint from intake to its satisfaction callback, each step by the person whose step it is.</summary>
[Collection(BrowserCollection.Name)]
public class ComplaintJourneys(BrowserApp app) : Journey(app)
{
    private async Task<IPage> AsAsync(string user)
    {
        var page = await App.NewPageAsync();
        await App.LoginAsync(page, user);
        return page;
    }

    private async Task StepAsync(IPage page, long id, string action, Func<IPage, Task>? fill = null)
    {
        await page.GotoAsync($"/Complaints/{id}");
        if (fill is not null) await fill(page);
        await page.ClickAsync($"#do-{action}");
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("已完成");
    }

    [Fact]
    public Task Reception_takes_a_complaint_the_limit_breaches_and_escalates_the_department_resolves_it_and_the_satisfaction_callback_is_queued() =>
        RunAsync(nameof(Reception_takes_a_complaint_the_limit_breaches_and_escalates_the_department_resolves_it_and_the_satisfaction_callback_is_queued), async page =>
    {
        var customer = await App.WithDbAsync(db => db.Customers.Where(c => db.Stores.Any(s => s.Code == "TH" && s.Id == c.StoreId) && c.Class != Dcrc.Features.Customers.CustomerClass.A
            && c.Type == Dcrc.Features.Customers.CustomerType.Individual && c.Mobile != null).OrderBy(c => c.Id).Skip(7).Select(c => new { c.Id, c.Name, c.Mobile }).FirstAsync());

        // The customer calls: reception types the number, the card pops, she logs the call as a complaint in one step.
        await App.LoginAsync(page, "th.reception");
        await page.GotoAsync("/Calls");
        await page.FillAsync("#call-number", customer.Mobile!);
        await Assertions.Expect(page.Locator("#caller-card")).ToContainTextAsync(customer.Name);
        await page.FillAsync("#Input_Content", "昨天保养后发动机有异响，服务顾问说正常");
        await page.ClickAsync("#save-complaint");
        await Assertions.Expect(page.Locator("#complaint-form")).ToContainTextAsync(customer.Name); // the call's customer, content and number carried over
        await Assertions.Expect(page.Locator("#Input_Description")).ToHaveValueAsync("昨天保养后发动机有异响，服务顾问说正常");
        await page.SelectOptionAsync("#Input_Category", "ServiceQuality");
        await page.FillAsync("#Input_Request", "免费检查并给出说法");
        await page.ClickAsync("#save-complaint");
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("派单时限开始计时");
        var id = long.Parse(page.Url.Split('/').Last());
        (await App.WithDbAsync(db => db.CallLogs.Where(c => c.ComplaintId == id).CountAsync())).ShouldBe(1);
        var countdown = page.Locator("#limits [data-limit=Dispatch] .countdown");
        // 30 working minutes: half an hour away in working hours, the next morning at night.
        await Assertions.Expect(countdown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+:[0-5]\d:[0-5]\d$"));
        var first = await countdown.TextContentAsync();
        await Assertions.Expect(countdown).Not.ToHaveTextAsync(first!); // ticking
        await Assertions.Expect(page.Locator("#limits [data-limit=Dispatch]")).ToContainTextAsync("截止");
        await SnapAsync(page, "complaint-received");

        // Time passes (a week, as if nobody dispatched it): the limit job records the breach and escalates.
        await App.WithDbAsync(async db =>
        {
            var back = TimeSpan.FromDays(7);
            var complaint = await db.Complaints.SingleAsync(c => c.Id == id);
            complaint.ReceivedAt -= back;
            foreach (var e in await db.ComplaintLimitEvents.Where(e => e.ComplaintId == id).ToListAsync()) e.At -= back;
            foreach (var e in await db.ComplaintEvents.Where(e => e.ComplaintId == id).ToListAsync()) e.At -= back;
            return await db.SaveChangesAsync();
        });
        using (var scope = App.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<StoreScope>().AllowAll(null);
            await scope.ServiceProvider.GetServices<Dcrc.Kernel.Jobs.IScheduledJob>().Single(j => j.Name == "complaints.limits").RunAsync(DateTime.UtcNow, default);
        }
        await page.ReloadAsync();
        await Assertions.Expect(countdown).ToHaveTextAsync("已超时");
        await Assertions.Expect(page.Locator("#limits [data-limit=Dispatch] .escalation")).ToHaveTextAsync("已升级 2 级");
        var crm = await AsAsync("th.crm");
        await crm.ClickAsync(".sidebar >> text=通知");
        await Assertions.Expect(crm.Locator("#notifications")).ToContainTextAsync($"TS{id:D6}");
        await crm.Context.CloseAsync();

        // Now dispatched to the service department; the advisor proposes and reports, the manager approves.
        await StepAsync(page, id, "judgevalid");
        await StepAsync(page, id, "dispatch", async p =>
        {
            await p.SelectOptionAsync("#step-dispatch select[name='Step.DepartmentId']", new SelectOptionValue { Label = "售后服务部" });
            await p.SelectOptionAsync("#step-dispatch select[name='Step.ResponsibleUserId']", new SelectOptionValue { Index = 1 });
            var advisor = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "th.advisor").Select(u => u.Id).SingleAsync());
            await p.SelectOptionAsync("#step-dispatch select[name='Step.ResponsibleUserId']", advisor);
        });
        var advisorPage = await AsAsync("th.advisor");
        await StepAsync(advisorPage, id, "propose", p => p.FillAsync("#step-propose textarea[name='Step.Solution']", "免费检查皮带及发动机支架，异响处理后试车确认"));
        await StepAsync(advisorPage, id, "reportresult", p => p.FillAsync("#step-reportresult textarea[name='Step.Result']", "更换发动机皮带，试车无异响"));
        await Assertions.Expect(advisorPage.Locator("#do-approve")).ToHaveCountAsync(0); // not the advisor's step
        await advisorPage.Context.CloseAsync();
        var manager = await AsAsync("th.servicemgr");
        await StepAsync(manager, id, "approve");
        await manager.Context.CloseAsync();

        // The customer accepts; reception closes; the satisfaction callback is in the queue.
        await StepAsync(page, id, "accept", p => p.FillAsync("#step-accept input[name='Step.CustomerOpinion']", "接受处理结果"));
        await StepAsync(page, id, "close", p => p.FillAsync("#step-close textarea[name='Step.ClosingSummary']", "异响已排除，客户满意"));
        await Assertions.Expect(page.Locator("#case-state")).ToHaveTextAsync("已结案");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("已升级");
        await SnapAsync(page, "complaint-closed");
        var task = await App.WithDbAsync(db => db.Complaints.Where(c => c.Id == id).Select(c => c.SatisfactionTaskId).SingleAsync());
        var callback = await AsAsync("th.callback");
        await callback.GotoAsync("/Callbacks?view=Upcoming&kind=ComplaintSatisfaction");
        await Assertions.Expect(callback.Locator($"#queue-table tr[data-task='{task}']")).ToContainTextAsync("投诉处理满意度回访");
        await callback.Context.CloseAsync();
    });
}
