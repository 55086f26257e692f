using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dcrc.BrowserTests;

/// <summary>The archive's records as a specialist keeps them during and after a call.</summary>
[Collection(BrowserCollection.Name)]
public class RecordJourneys(BrowserApp app) : Journey(app)
{
    private static string NewVin()
    {
        const string chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        var body = "LVG" + new string(Enumerable.Range(0, 14).Select(_ => chars[Random.Shared.Next(chars.Length)]).ToArray());
        return body[..8] + Dcrc.Kernel.Identifiers.Vin.CheckDigit(body[..8] + "0" + body[9..]) + body[9..];
    }

    private static byte[] Pdf() => Encoding.Latin1.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n4 0 obj << /Type /Page /Parent 2 0 R >> endobj\n%%EOF\n");

    [Fact]
    public Task A_first_maintenance_moves_the_customer_to_the_C_card_and_the_vehicle_file_shows_the_call_the_order_and_the_contract() =>
        RunAsync(nameof(A_first_maintenance_moves_the_customer_to_the_C_card_and_the_vehicle_file_shows_the_call_the_order_and_the_contract), async page =>
    {
        await App.LoginAsync(page, "th.crm");
        await CustomerJourneys.CreateAsync(page, "诸葛明", "158" + Random.Shared.Next(10_000_000, 99_999_999));
        await Assertions.Expect(page.Locator("#customer-card")).ToHaveTextAsync("A 卡");

        var vin = NewVin();
        await page.FillAsync("#Vehicle_Vin", vin);
        await page.FillAsync("#Vehicle_PlateNumber", "粤A" + Random.Shared.Next(10000, 99999));
        await page.FillAsync("#Vehicle_Model", "凯美瑞");
        await page.ClickAsync("#add-vehicle");
        await Assertions.Expect(page.Locator("#vehicles-table")).ToContainTextAsync(vin);

        // A call, as the specialist types it while talking.
        await page.FillAsync("#Interaction_Summary", "首保提醒，客户本周六来店");
        await page.FillAsync("#Interaction_Outcome", "已预约");
        await page.ClickAsync("#add-interaction");
        await Assertions.Expect(page.Locator("#interactions-table")).ToContainTextAsync("首保提醒");

        // The first maintenance: refused without its type, then recorded.
        await page.ClickAsync("#tab-transactions-link");
        await page.SelectOptionAsync("#Transaction_Kind", "RepairOrder");
        await page.FillAsync("#Transaction_Number", "RO" + Random.Shared.Next(100000, 999999));
        await page.FillAsync("#Transaction_Date", DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd"));
        await page.SelectOptionAsync("#Transaction_VehicleId", new SelectOptionValue { Index = 1 });
        await page.FillAsync("#Transaction_Mileage", "5200");
        await page.ClickAsync("#add-transaction");
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Transaction.RepairType']")).ToContainTextAsync("维修类别");
        await page.SelectOptionAsync("#Transaction_RepairType", "Maintenance");
        await page.ClickAsync("#add-transaction");
        await Assertions.Expect(page.Locator("#customer-card")).ToHaveTextAsync("C 卡");
        await Assertions.Expect(page.Locator("#transactions-table")).ToContainTextAsync("保养");

        await page.ClickAsync("#tab-documents-link");
        await page.SelectOptionAsync("#Document_Type", "SalesContract");
        await page.SelectOptionAsync("#Document_VehicleId", new SelectOptionValue { Index = 1 });
        await page.SetInputFilesAsync("#upload", new FilePayload { Name = "购车合同.pdf", MimeType = "application/pdf", Buffer = Pdf() });
        await page.ClickAsync("#add-document");
        var doc = page.Locator("#documents-table tbody tr", new() { HasText = "销售合同" });
        await Assertions.Expect(doc).ToHaveCountAsync(1);
        await Assertions.Expect(doc.Locator("td").Nth(4)).ToHaveTextAsync("2");
        await SnapAsync(page, "customer-records");

        await page.ClickAsync($"#vehicles-table a:has-text('{vin}')");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Vehicles/" + vin));
        await Assertions.Expect(page.Locator("#timeline tbody tr.timeline-repairorder")).ToContainTextAsync("保养");
        await Assertions.Expect(page.Locator("#timeline tbody tr.timeline-interaction")).ToContainTextAsync("首保提醒");
        await Assertions.Expect(page.Locator("#timeline tbody tr.timeline-document")).ToContainTextAsync("销售合同");
        await SnapAsync(page, "vehicle-timeline");

        await page.GoBackAsync();
        await page.ClickAsync("#card-view");
        await Assertions.Expect(page.Locator("h1").First).ToHaveTextAsync("C 卡客户信息表");
        await Assertions.Expect(page.Locator("#first-maintenance").First).ToHaveTextAsync("是");
        await SnapAsync(page, "customer-card");
        await page.GotoAsync("/Customers/Due");
        await SnapAsync(page, "due-contacts");
    });
}
