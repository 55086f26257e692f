using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dcrc.BrowserTests;

/// <summary>The customer archive as a specialist uses it.</summary>
[Collection(BrowserCollection.Name)]
public class CustomerJourneys(BrowserApp app) : Journey(app)
{
    private static string NewMobile() => "135" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>Creates a customer through the form, as a specialist does; the page ends on the new card (or the form with its errors).</summary>
    internal static async Task CreateAsync(IPage page, string name, string mobile, string? idNumber = null)
    {
        await page.GotoAsync("/Customers/Create");
        await page.FillAsync("#Input_Name", name);
        if (idNumber != null) await page.FillAsync("#Input_IdNumber", idNumber);
        await page.ClickAsync("button[data-bs-target='#tab-contact']");
        await page.FillAsync("#Input_Mobile", mobile);
        await page.ClickAsync("#save-customer");
    }

    [Fact]
    public Task A_specialist_finds_a_customer_by_pinyin_initials_and_opens_the_card() => RunAsync(nameof(A_specialist_finds_a_customer_by_pinyin_initials_and_opens_the_card), async page =>
    {
        await App.LoginAsync(page, "th.crm");
        await CreateAsync(page, "司马光明", NewMobile());
        await Assertions.Expect(page.Locator("#customer-name")).ToHaveTextAsync("司马光明");

        await page.ClickAsync(".sidebar >> text=客户查询");
        await page.FillAsync("#q", "smgm");
        var row = page.Locator("#customers-table tbody tr", new() { HasText = "司马光明" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("a", new() { HasText = "司马光明" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/Customers/\d+$"));
        await Assertions.Expect(page.Locator("#customer-mobile")).ToContainTextAsync("****");
    });

    [Fact]
    public Task An_invalid_ID_number_shows_the_error_beside_the_field_and_nothing_is_saved() => RunAsync(nameof(An_invalid_ID_number_shows_the_error_beside_the_field_and_nothing_is_saved), async page =>
    {
        await App.LoginAsync(page, "th.crm");
        var mobile = NewMobile();
        await CreateAsync(page, "错号客户", mobile, idNumber: "440106198805170021");
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Input.IdNumber']")).ToContainTextAsync("身份证号校验位不正确");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Customers/Create"));
        await page.GotoAsync("/Customers?q=" + mobile);
        await Assertions.Expect(page.Locator("#customers-table")).ToContainTextAsync("没有找到");
    });

    [Fact]
    public Task A_sales_consultant_opening_another_consultants_customer_gets_403() => RunAsync(nameof(A_sales_consultant_opening_another_consultants_customer_gets_403), async page =>
    {
        await App.LoginAsync(page, "ns.sales");
        await CreateAsync(page, "南山客户", NewMobile());
        await Assertions.Expect(page.Locator("#customer-name")).ToHaveTextAsync("南山客户");
        var url = page.Url;
        await page.ClickAsync("#user-menu");
        await page.ClickAsync("#logout");

        await App.LoginAsync(page, "ns.sales2");
        var response = await page.GotoAsync(url);
        response!.Status.ShouldBe(403);
        await Assertions.Expect(page.Locator("#error-title")).ToHaveTextAsync("无权访问");
    });
}

[Collection(BrowserCollection.Name)]
public class CustomerEditJourneys(BrowserApp app) : Journey(app)
{
    [Fact]
    public Task An_edit_keeps_the_masked_numbers_and_shows_in_the_history_and_the_gm_approves() => RunAsync(nameof(An_edit_keeps_the_masked_numbers_and_shows_in_the_history_and_the_gm_approves), async page =>
    {
        var mobile = "186" + Random.Shared.Next(10_000_000, 99_999_999);
        await App.LoginAsync(page, "th.reception");
        await CustomerJourneys.CreateAsync(page, "陈小春", mobile, idNumber: "11010519491231002X");
        var card = page.Url;
        await page.ClickAsync("#edit-customer");
        await Assertions.Expect(page.Locator("#Input_IdNumber")).ToHaveValueAsync("110105********002X");
        await page.FillAsync("#Input_Name", "陈晓春");
        await page.ClickAsync("#save-customer");
        await Assertions.Expect(page.Locator("#customer-name")).ToHaveTextAsync("陈晓春");
        await Assertions.Expect(page.Locator("#history-table")).ToContainTextAsync("陈小春");
        await Assertions.Expect(page.Locator("#customer-id-number")).ToHaveTextAsync("110105********002X"); // unchanged, still masked
        await page.ClickAsync("#user-menu");
        await page.ClickAsync("#logout");

        await App.LoginAsync(page, "th.gm");
        await page.GotoAsync(card);
        await page.ClickAsync("#approve");
        await Assertions.Expect(page.Locator(".badge.text-bg-success")).ToHaveTextAsync("已审批");
    });
}

[Collection(BrowserCollection.Name)]
public class ImportJourneys(BrowserApp app) : Journey(app)
{
    [Fact]
    public Task An_import_with_one_bad_row_returns_the_error_report_and_imports_nothing() => RunAsync(nameof(An_import_with_one_bad_row_returns_the_error_report_and_imports_nothing), async page =>
    {
        var name = "导入测试" + Random.Shared.Next(1000, 9999);
        string[] header = ["客户名称", "手机号", "身份证号"];
        var file = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, Dcrc.Kernel.Excel.Spreadsheet.Write("客户", header,
        [
            [name, "13" + Random.Shared.Next(500_000_000, 999_999_999), ""],
            [name, "13" + Random.Shared.Next(500_000_000, 999_999_999), "440106198805170021"],
        ]));
        await App.LoginAsync(page, "th.crm");
        await page.ClickAsync(".sidebar >> text=批量导入");
        await page.SetInputFilesAsync("#file", file);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#start-import"));
        download.SuggestedFilename.ShouldBe("import-errors.xlsx");
        var report = Dcrc.Kernel.Excel.Spreadsheet.ReadXlsx(File.OpenRead(await download.PathAsync()));
        report[0].ShouldBe(["行号", "列", "错误说明"]);
        report[1][0].ShouldBe("3");
        report[1][1].ShouldBe("身份证号");

        await page.GotoAsync("/Customers?q=" + Uri.EscapeDataString(name));
        await Assertions.Expect(page.Locator("#customers-table")).ToContainTextAsync("没有找到");
    });
}
