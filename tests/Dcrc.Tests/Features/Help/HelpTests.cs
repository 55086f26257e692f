using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dcrc.Data;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Help;

/// <summary>The user guide as each demo user sees it: their role's guide in both languages, the store's current values, the header's help link, the API page inside the app.</summary>
public abstract partial class HelpTests(DcrcApp app)
{
    public static readonly TheoryData<string, string> DemoUsers = new()
    {
        { "group.gm", "GroupManager" }, { "sysadmin", "SystemAdmin" }, { "secadmin", "SecurityAdmin" }, { "auditadmin", "AuditAdmin" },
        { "th.gm", "GeneralManager" }, { "th.crm", "CrManager" }, { "th.callback", "CallbackSpecialist" }, { "th.reception", "ReceptionSpecialist" },
        { "th.salesmgr", "SalesManager" }, { "th.sales", "SalesConsultant" }, { "th.servicemgr", "ServiceManager" }, { "th.advisor", "ServiceAdvisor" },
        { "th.marketing", "Marketing" },
    };

    private static string ResourceDir([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../../src/Dcrc/Resources"));

    private static readonly Dictionary<string, Dictionary<string, string>> Texts = new[] { "zh-CN", "en" }.ToDictionary(c => c, c =>
        XDocument.Load(Path.Combine(ResourceDir(), $"SharedResource.{c}.resx")).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value));

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task Each_demo_role_sees_its_own_guide_in_Chinese_and_English(string user, string role)
    {
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            var page = await PageAsync(await app.BrowserAs(user, culture: culture), "/Help");
            var texts = Texts[culture];
            page.ShouldContain($"id=\"guide-{role}\"", customMessage: culture);
            GuideIds().Matches(page).Select(m => m.Groups[1].Value).ShouldBe([role], culture);
            page.ShouldContain(texts[$"Help.Role.{role}.Purpose"], customMessage: culture);
            page.ShouldContain(texts["Help.Title"], customMessage: culture);
            page.ShouldContain(texts["Help.ToCome"], customMessage: culture);
        }
    }

    [Fact]
    public async Task A_changed_store_setting_shows_its_new_value_in_the_guide_of_that_store_only()
    {
        var admin = await app.ApiAs("sysadmin");
        var (th, ns) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            return (await db.Stores.Where(s => s.Code == "TH").Select(s => s.Id).SingleAsync(), await db.Stores.Where(s => s.Code == "NS").Select(s => s.Id).SingleAsync());
        });
        const string key = "complaints.dispatchMinutes";
        var before = await PageAsync(await app.BrowserAs("th.reception"), "/Help");
        before.ShouldContain("30 工作分钟");
        try
        {
            (await admin.PutAsJsonAsync($"/api/v1/settings/{key}?storeId={th}", new { value = "45" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            var zh = await PageAsync(await app.BrowserAs("th.reception"), "/Help");
            Row(zh, "ReceptionSpecialist", key).ShouldContain("45 工作分钟");
            Row(zh, "ReceptionSpecialist", key).ShouldContain("本店设置");
            zh.ShouldContain("须在受理后 45 工作分钟内派给责任部门"); // the routine's sentence too
            zh.ShouldContain("以下数值是广州天河店的当前设置");
            var en = await PageAsync(await app.BrowserAs("th.reception", culture: "en"), "/Help");
            Row(en, "ReceptionSpecialist", key).ShouldContain("45 working minutes");
            var otherStore = await PageAsync(await app.BrowserAs("ns.reception"), "/Help");
            Row(otherStore, "ReceptionSpecialist", key).ShouldContain("30 工作分钟");
            Row(otherStore, "ReceptionSpecialist", key).ShouldContain("手册默认值");
        }
        finally
        {
            // The app is shared with the complaint tests, whose limits read this setting.
            await TestData.ClearSettingAsync(admin, key, th);
        }
    }

    private static string Row(string page, string role, string setting)
    {
        var start = page.IndexOf($"id=\"rule-{role}-{setting}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, setting);
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task A_group_user_with_no_store_chosen_sees_the_group_values() =>
        (await PageAsync(await app.BrowserAs("group.gm"), "/Help")).ShouldContain(Texts["zh-CN"]["Help.Values.Group"]);

    [Theory]
    [InlineData("th.callback", "/Callbacks", "callbacks")]
    [InlineData("th.reception", "/Complaints/New", "complaintNew")]
    [InlineData("th.crm", "/Callbacks/Reports/Daily", "callbackReports")]
    [InlineData("sysadmin", "/Admin/Settings", "settings")]
    public async Task The_header_link_of_a_page_leads_to_its_section(string user, string url, string section)
    {
        var browser = await app.BrowserAs(user);
        var page = await PageAsync(browser, url);
        var link = HelpLink().Match(page);
        link.Success.ShouldBeTrue(url);
        link.Groups[1].Value.ShouldBe("/Help?path=" + Uri.EscapeDataString(url));
        var help = await PageAsync(browser, link.Groups[1].Value);
        help.ShouldContain($"id=\"help-page\" data-section=\"{section}\"");
        help.ShouldContain($"href=\"{url}\" id=\"help-back\"");
    }

    [Fact]
    public async Task A_page_without_a_section_falls_back_to_the_role_guide_and_a_foreign_address_gets_no_link_back()
    {
        var browser = await app.BrowserAs("th.sales");
        var unknown = await PageAsync(browser, "/Help?path=" + Uri.EscapeDataString("/Nowhere/1"));
        unknown.ShouldContain("id=\"help-no-section\"");
        unknown.ShouldContain("id=\"guide-SalesConsultant\"");
        var foreign = await PageAsync(browser, "/Help?path=" + Uri.EscapeDataString("//evil.example/Callbacks"));
        foreign.ShouldNotContain("help-back");
    }

    [Fact]
    public async Task The_role_picker_opens_another_roles_guide()
    {
        var page = await PageAsync(await app.BrowserAs("th.sales", culture: "en"), "/Help?role=CrManager");
        GuideIds().Matches(page).Select(m => m.Groups[1].Value).ShouldBe(["CrManager"]);
        foreach (var role in Dcrc.Kernel.Access.Roles.All) page.ShouldContain($"href=\"/Help?role={role.Name}\"");
    }

    [Fact]
    public async Task The_API_page_has_the_apps_navigation_when_signed_in_and_still_opens_for_anonymous_visitors()
    {
        var signedIn = await PageAsync(await app.BrowserAs("th.callback"), "/ApiDocs");
        signedIn.ShouldContain("class=\"sidebar\"");
        signedIn.ShouldContain("id=\"help-link\"");
        signedIn.ShouldContain("id=\"swagger-ui\"");
        signedIn.ShouldContain("/lib/swagger-ui/swagger-ui.css");
        signedIn.ShouldContain("/js/api-docs.js");
        var anonymous = await PageAsync(app.Browser(), "/ApiDocs");
        anonymous.ShouldContain("id=\"swagger-ui\"");
        anonymous.ShouldNotContain("class=\"sidebar\"");
    }

    [GeneratedRegex("id=\"guide-([A-Za-z]+)\"")]
    private static partial Regex GuideIds();

    [GeneratedRegex("href=\"([^\"]*)\" id=\"help-link\"")]
    private static partial Regex HelpLink();
}

[Collection(SqliteCollection.Name)] public class HelpTests_Sqlite(SqliteApp app) : HelpTests(app);
[Collection(PostgresCollection.Name)] public class HelpTests_Postgres(PostgresApp app) : HelpTests(app);
