using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Kernel.Api;
using Dcrc.Tests.Infrastructure;
using static Dcrc.Tests.Infrastructure.TestData;

namespace Dcrc.Tests.Kernel;

public class TextHygieneTests
{
    [Theory]
    [InlineData("张\u0000三", true)]
    [InlineData("张\u202E三", true)]
    [InlineData("张\n三", true)]
    [InlineData("张\u0085三", true)]
    [InlineData("欧阳娜娜", false)]
    public void Names_refuse_control_and_direction_characters(string name, bool refused) => TextHygiene.HasControl(name).ShouldBe(refused);

    [Fact]
    public void Free_text_loses_them_and_keeps_its_line_breaks() =>
        TextHygiene.Strip("客户\u0000下周\u202E二来店\r\n已预约\t").ShouldBe("客户下周二来店\r\n已预约\t");

    [Theory]
    [InlineData("Name", true)]
    [InlineData("ContactName", true)]
    [InlineData("Mobile", true)]
    [InlineData("DriverMobile", true)]
    [InlineData("Vin", true)]
    [InlineData("Summary", false)]
    [InlineData("Note", false)]
    public void Names_and_identifiers_are_told_by_their_field_name(string field, bool refuses) => TextHygiene.RefusesControls(field).ShouldBe(refuses);
}

public abstract class InputHygieneTests(DcrcApp app)
{
    [Fact]
    public async Task A_customer_named_by_nuls_is_refused_naming_the_field()
    {
        var client = await app.ApiAs("th.sales");
        var response = await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = new string('\u0000', 100), mobile = NewMobile() });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("name")[0].GetString()!.ShouldContain("不能包含控制字符");
    }

    [Fact]
    public async Task Free_text_is_stored_without_its_control_characters()
    {
        var client = await app.ApiAs("th.sales");
        var created = await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "林\u202E晓", mobile = NewMobile() });
        created.StatusCode.ShouldBe(HttpStatusCode.BadRequest); // a direction control in a name is refused too
        var customer = await (await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "林晓", mobile = NewMobile() })).Content.ReadFromJsonAsync<JsonElement>();
        var id = customer.GetProperty("id").GetInt64();
        var posted = await client.PostAsJsonAsync($"/api/v1/customers/{id}/interactions", new { channel = "call", summary = "首保\u0000提醒\u202E，客户\r\n下周二来店" });
        posted.StatusCode.ShouldBe(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/interactions");
        list[0].GetProperty("summary").GetString().ShouldBe("首保提醒，客户\r\n下周二来店");
    }

    [Fact]
    public async Task A_login_name_with_a_direction_control_gets_the_field_message_on_the_page()
    {
        var response = await DcrcApp.PostFormAsync(app.Browser(), "/Account/Login", new() { ["Input.UserName"] = "th.crm\u202E", ["Input.Password"] = DcrcApp.DemoPassword });
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html.Length > 3000 ? html[..3000] : html);
        html.ShouldContain("用户名不能包含控制字符");
        // A NUL in a form is refused before the page runs (400), and logs nobody in.
        var nul = await DcrcApp.PostFormAsync(app.Browser(), "/Account/Login", new() { ["Input.UserName"] = "th.crm\u0000", ["Input.Password"] = DcrcApp.DemoPassword });
        nul.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.BadRequest);
        (nul.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).ShouldNotContain(c => c.StartsWith("dcrc.session="));
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    public async Task A_page_number_out_of_range_is_refused_naming_the_field(string page)
    {
        var client = await app.ApiAs("th.crm");
        var response = await client.GetAsync($"/api/v1/customers?q=张&page={page}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("page")[0].GetString().ShouldBe("页码必须是 1 到 1000000 之间的整数。");
        var browser = await app.BrowserAs("th.crm");
        (await browser.GetAsync($"/Customers?q=张&page={page}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)] public class InputHygieneTests_Sqlite(SqliteApp app) : InputHygieneTests(app);
[Collection(PostgresCollection.Name)] public class InputHygieneTests_Postgres(PostgresApp app) : InputHygieneTests(app);
