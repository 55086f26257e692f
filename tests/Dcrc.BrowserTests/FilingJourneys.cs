using Dcrc.Data;
using Dcrc.Features.Customers.Filing;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dcrc.BrowserTests;

/// <summary>The weekly archive check (表14) as the callback specialist does it.</summary>
[Collection(BrowserCollection.Name)]
public class FilingJourneys(BrowserApp app) : Journey(app)
{
    /// <summary>Sales and repair orders of TH dated in the weeks before this one, as the recording service leaves them.</summary>
    private async Task RecordsBeforeThisWeekAsync()
    {
        using var scope = App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<StoreScope>().AllowAll(null);
        var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
        var store = await db.Stores.SingleAsync(s => s.Code == "TH");
        var customer = await db.Customers.Where(c => c.StoreId == store.Id && c.Class != Dcrc.Features.Customers.CustomerClass.A).Select(c => c.Id).FirstAsync();
        var today = DateOnly.FromDateTime(Dcrc.Kernel.Time.StoreTime.ToLocal(DateTime.UtcNow, Dcrc.Kernel.Time.StoreTime.Zone(store.TimeZone)));
        var monday = AuditWeek.StartOf(today);
        var added = Enumerable.Range(1, 6).Select(i => new CustomerTransaction
        {
            StoreId = store.Id, CustomerId = customer, Kind = i % 2 == 0 ? TransactionKind.Sale : TransactionKind.RepairOrder,
            Number = (i % 2 == 0 ? "XS" : "WX") + Random.Shared.Next(10_000_000, 99_999_999) + i, Date = monday.AddDays(-i * 3), StaffName = "刘洋",
            DocumentsDueOn = monday.AddDays(-i * 3 + 3), DocumentsReceivedAt = DateTime.UtcNow, DocumentsReceivedBy = "th.crm", CreatedAt = DateTime.UtcNow,
        }).ToList();
        db.Transactions.AddRange(added);
        await db.SaveChangesAsync();
    }

    [Fact]
    public Task A_specialist_draws_the_weeks_sample_and_marks_a_line_abnormal() => RunAsync(nameof(A_specialist_draws_the_weeks_sample_and_marks_a_line_abnormal), async page =>
    {
        await RecordsBeforeThisWeekAsync(); // with the demo dealership's own
        await App.LoginAsync(page, "th.callback");
        await page.ClickAsync(".sidebar >> text=档案检核");
        await Assertions.Expect(page.Locator("#no-sample")).ToContainTextAsync("这一周尚未抽样");
        await page.ClickAsync("#draw-sample");
        var flash = page.Locator("[role=status]").First;
        await Assertions.Expect(flash).ToContainTextAsync("已抽取样本");
        var drawn = System.Text.RegularExpressions.Regex.Match(await flash.InnerTextAsync(), @"销售 (\d+) 条，售后 (\d+) 条");
        var (sales, service) = (int.Parse(drawn.Groups[1].Value), int.Parse(drawn.Groups[2].Value));
        sales.ShouldBeInRange(3, 10); // ours at least, the setting's 10 at most
        service.ShouldBeInRange(3, 10);
        var rows = page.Locator("#checks-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(sales + service);
        await Assertions.Expect(rows.First).ToContainTextAsync("售时");
        await Assertions.Expect(rows.Last).ToContainTextAsync("售后");

        var row = rows.Nth(1);
        var number = await row.GetAttributeAsync("data-number");
        await row.Locator("select[name=result]").SelectOptionAsync("Abnormal");
        await row.Locator(".save-check").ClickAsync();
        row = page.Locator($"#checks-table tbody tr[data-number='{number}']");
        await Assertions.Expect(row).ToContainTextAsync("检核状态为异常时，请填写异常状态描述。");

        await row.Locator("textarea[name=description]").FillAsync("缺少驾驶证复印件");
        await row.Locator("input[name=responsible]").FillAsync("刘洋");
        await row.Locator("textarea[name=measure]").FillAsync("三日内补交，交车清单加核对项");
        await row.Locator(".save-check").ClickAsync();
        await Assertions.Expect(row.Locator(".saved-mark")).ToHaveTextAsync("已保存。");
        await Assertions.Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("table-danger"));
        await Assertions.Expect(page.Locator("#count-abnormal b")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#count-pending b")).ToHaveTextAsync((sales + service - 1).ToString());

        await page.ReloadAsync();
        row = page.Locator($"#checks-table tbody tr[data-number='{number}']");
        await Assertions.Expect(row.Locator("select[name=result]")).ToHaveValueAsync("Abnormal");
        await Assertions.Expect(row.Locator("textarea[name=description]")).ToHaveValueAsync("缺少驾驶证复印件");
        await Assertions.Expect(row.Locator(".checked-by")).ToHaveAttributeAsync("title", "th.callback");
        await Assertions.Expect(page.Locator("#draw-sample")).ToHaveCountAsync(0);
    });
}
