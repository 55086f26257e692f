using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Excel;
using Dcrc.Kernel.Identifiers;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dcrc.Tests.Infrastructure.TestData;

namespace Dcrc.Tests.Features.Customers;

public abstract class ImportTests(DcrcApp app)
{
    private static readonly string[] Header = ["客户类别", "客户名称", "手机号", "身份证号", "性别", "市", "客户等级", "车架号", "车牌号", "购车日期"];
    private static string Id(int n)
    {
        var first17 = $"44010619{80 + n % 20:00}0{1 + n % 9}1{n % 10}{n % 1000:000}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    private static string[] Row(string name, string? id = null, string? mobile = null, string? vin = null) =>
        ["个人", name, mobile ?? NewMobile(), id ?? "", "", "广州市", "B", vin ?? NewVin(), "粤A" + Random.Shared.Next(10000, 99999), "2025-06-01"];

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string name)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".csv") ? "text/csv" : Spreadsheet.XlsxContentType);
        form.Add(content, "file", name);
        return await client.PostAsync("/api/v1/customers/import", form);
    }

    private Task<int> CountAsync(string name) => app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.IgnoreQueryFilters().CountAsync(c => c.Name == name));

    [Fact]
    public async Task The_template_has_the_columns_in_Chinese()
    {
        var client = await app.ApiAs("th.crm");
        var bytes = await client.GetByteArrayAsync("/api/v1/customers/import/template");
        var rows = Spreadsheet.ReadXlsx(new MemoryStream(bytes));
        rows[0].ShouldContain("客户名称");
        rows[0].ShouldContain("车架号");
        rows[1][1].ShouldBe("张三");
    }

    [Fact]
    public async Task A_clean_file_is_imported_with_vehicles_and_archive_numbers()
    {
        var client = await app.ApiAs("th.crm");
        var name = "导入" + Guid.NewGuid().ToString("N")[..6];
        var file = Spreadsheet.Write("客户", Header, [Row(name, Id(1)), Row(name), Row(name)]);
        var response = await UploadAsync(client, file, "customers.xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32().ShouldBe(3);
        (await CountAsync(name)).ShouldBe(3);
        var vehicles = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.IgnoreQueryFilters().Where(c => c.Name == name).SelectMany(c => c.Vehicles).CountAsync());
        vehicles.ShouldBe(3);
    }

    [Fact]
    public async Task One_bad_row_returns_every_error_with_row_and_column_and_imports_nothing()
    {
        var client = await app.ApiAs("th.crm");
        var name = "坏行" + Guid.NewGuid().ToString("N")[..6];
        var file = Spreadsheet.Write("客户", Header, [Row(name), Row(name, id: "440106198805170021"), Row(name)]);
        var response = await UploadAsync(client, file, "customers.xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray().Single();
        error.GetProperty("row").GetInt32().ShouldBe(3);
        error.GetProperty("column").GetString().ShouldBe("身份证号");
        error.GetProperty("message").GetString()!.ShouldContain("校验位");
        (await CountAsync(name)).ShouldBe(0);
    }

    [Fact]
    public async Task Duplicates_in_the_file_and_in_the_store_are_reported()
    {
        var client = await app.ApiAs("th.crm");
        var existingMobile = NewMobile();
        (await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "老客户", mobile = existingMobile })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var name = "重复" + Guid.NewGuid().ToString("N")[..6];
        var sameMobile = NewMobile();
        var csv = string.Join("\n", new[] { string.Join(",", Header) }
            .Concat(new[] { Row(name, mobile: sameMobile), Row(name, mobile: sameMobile), Row(name, mobile: existingMobile) }.Select(r => string.Join(",", r))));
        var response = await UploadAsync(client, Encoding.UTF8.GetBytes(csv), "customers.csv");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray().ToList();
        rows.ShouldContain(r => r.GetProperty("row").GetInt32() == 3 && r.GetProperty("message").GetString()!.Contains("第 2 行"));
        rows.ShouldContain(r => r.GetProperty("row").GetInt32() == 4 && r.GetProperty("message").GetString()!.Contains("TH-"));
        (await CountAsync(name)).ShouldBe(0);
    }

    [Fact]
    public async Task A_wrong_VIN_check_digit_is_a_row_error_and_nothing_is_imported()
    {
        var client = await app.ApiAs("th.crm");
        var name = "坏车架" + Guid.NewGuid().ToString("N")[..6];
        var vin = NewVin();
        var wrongDigit = vin[..8] + (vin[8] == '1' ? '2' : '1') + vin[9..];
        var file = Spreadsheet.Write("客户", Header, [Row(name), Row(name, vin: wrongDigit), Row(name, vin: "LSVAB"), Row(name)]);
        var response = await UploadAsync(client, file, "customers.xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("row").GetInt32()).ShouldBe([3, 4]);
        rows.ShouldAllBe(r => r.GetProperty("column").GetString() == "车架号");
        rows[0].GetProperty("message").GetString()!.ShouldContain("第 9 位");
        (await CountAsync(name)).ShouldBe(0);
    }

    [Fact]
    public async Task A_file_of_two_thousand_rows_is_imported_in_one_go()
    {
        var client = await app.ApiAs("th.crm");
        var name = "批量" + Guid.NewGuid().ToString("N")[..6];
        var mobiles = new HashSet<string>();
        while (mobiles.Count < 2000) mobiles.Add(NewMobile());
        var file = Spreadsheet.Write("客户", Header, mobiles.Select(m => (IReadOnlyList<string?>)Row(name, mobile: m)));
        var response = await UploadAsync(client, file, "big.xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await CountAsync(name)).ShouldBe(2000);
    }

    [Fact]
    public async Task Importing_needs_its_permission() =>
        (await UploadAsync(await app.ApiAs("th.sales"), Spreadsheet.Write("客户", Header, [Row("无权")]), "x.xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
}

[Collection(SqliteCollection.Name)] public class ImportTests_Sqlite(SqliteApp app) : ImportTests(app);
[Collection(PostgresCollection.Name)] public class ImportTests_Postgres(PostgresApp app) : ImportTests(app);

public abstract class ExportTests(DcrcApp app)
{
    [Fact]
    public async Task An_export_is_masked_names_its_exporter_and_is_audited()
    {
        var client = await app.ApiAs("th.crm");
        var mobile = "166" + Random.Shared.Next(10_000_000, 99_999_999);
        var name = "导出" + Guid.NewGuid().ToString("N")[..6];
        (await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name, mobile })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var bytes = await client.GetByteArrayAsync($"/api/v1/customers/export?q={Uri.EscapeDataString(name)}");
        var rows = Spreadsheet.ReadXlsx(new MemoryStream(bytes));
        rows[0].ShouldContain("手机号");
        rows[1][1].ShouldBe(name);
        rows[1][2].ShouldBe(mobile[..3] + "****" + mobile[7..]);
        rows.SelectMany(r => r).ShouldNotContain(mobile);
        rows.ShouldContain(r => r.Length > 0 && r[0].Contains("th.crm") && r[0].Contains("导出时间"));
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.AnyAsync(e => e.Action == "customers.export" && e.UserName == "th.crm"))).ShouldBeTrue();
        (await (await app.ApiAs("th.sales")).GetAsync("/api/v1/customers/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_unmasked_export_needs_the_unmask_right_too_and_is_audited_with_its_row_count()
    {
        var client = await app.ApiAs("th.crm");
        var mobile = "166" + Random.Shared.Next(10_000_000, 99_999_999);
        var name = "全号" + Guid.NewGuid().ToString("N")[..6];
        (await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name, mobile })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var rows = Spreadsheet.ReadXlsx(new MemoryStream(await client.GetByteArrayAsync($"/api/v1/customers/export?unmasked=true&q={Uri.EscapeDataString(name)}")));
        rows[0].ShouldContain("身份证号");
        rows[1][2].ShouldBe(mobile);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries
            .AnyAsync(e => e.Action == "customers.export_unmasked" && e.UserName == "th.crm" && e.Summary.Contains(": 1 rows")))).ShouldBeTrue();

        var marketing = await app.ApiAs("th.marketing"); // may export, may not unmask
        (await marketing.GetAsync($"/api/v1/customers/export?q={Uri.EscapeDataString(name)}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await marketing.GetAsync($"/api/v1/customers/export?unmasked=true&q={Uri.EscapeDataString(name)}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = await (await app.BrowserAs("th.marketing")).GetStringAsync("/Customers");
        page.ShouldNotContain("export-customers-unmasked");
        (await (await app.BrowserAs("th.crm")).GetStringAsync("/Customers")).ShouldContain("export-customers-unmasked");
    }
}

[Collection(SqliteCollection.Name)] public class ExportTests_Sqlite(SqliteApp app) : ExportTests(app);
[Collection(PostgresCollection.Name)] public class ExportTests_Postgres(PostgresApp app) : ExportTests(app);
