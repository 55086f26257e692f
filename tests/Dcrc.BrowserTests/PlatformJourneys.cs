using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dcrc.BrowserTests;

/// <summary>The platform as people meet it: logging in, being locked out, switching language, being refused, auditing.</summary>
[Collection(BrowserCollection.Name)]
public class PlatformJourneys(BrowserApp app) : Journey(app)
{
    private static Task ExpectText(IPage page, string selector, string text) =>
        Assertions.Expect(page.Locator(selector)).ToContainTextAsync(text);

    [Fact]
    public Task A_wrong_password_shows_the_error_and_the_sixth_attempt_is_locked() => RunAsync(nameof(A_wrong_password_shows_the_error_and_the_sixth_attempt_is_locked), async page =>
    {
        for (var i = 1; i <= 5; i++)
        {
            await App.LoginAsync(page, "ns.marketing", "Wrong#pass" + i);
            await ExpectText(page, "#login-error", "用户名或密码错误，或账户已被暂时锁定");
        }
        await App.LoginAsync(page, "ns.marketing");
        await ExpectText(page, "#login-error", "已被暂时锁定");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
    });

    [Fact]
    public Task A_specialist_logs_in_and_sees_the_workbench_in_Chinese() => RunAsync(nameof(A_specialist_logs_in_and_sees_the_workbench_in_Chinese), async page =>
    {
        await App.LoginAsync(page, "th.callback");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/$"));
        await ExpectText(page, "h1", "您好");
        await ExpectText(page, "#home-roles", "回访专员");
        await ExpectText(page, ".sidebar", "工作台");
    });

    [Fact]
    public Task The_language_switch_changes_the_page() => RunAsync(nameof(The_language_switch_changes_the_page), async page =>
    {
        await App.LoginAsync(page, "th.crm");
        await ExpectText(page, ".sidebar", "首页");
        await page.ClickAsync("button[value=en]");
        await ExpectText(page, ".sidebar", "Home");
        await ExpectText(page, "#home-roles", "CR manager");
        await page.ClickAsync("button[value=zh-CN]");
        await ExpectText(page, ".sidebar", "首页");
    });

    [Fact]
    public Task A_user_without_admin_rights_gets_the_403_page_on_admin_urls() => RunAsync(nameof(A_user_without_admin_rights_gets_the_403_page_on_admin_urls), async page =>
    {
        await App.LoginAsync(page, "th.sales");
        await Assertions.Expect(page.Locator(".sidebar")).Not.ToContainTextAsync("系统管理");
        foreach (var url in new[] { "/Admin/Users", "/Admin/Settings", "/Admin/Permissions", "/Audit" })
        {
            var response = await page.GotoAsync(url);
            response!.Status.ShouldBe(403, url);
            await ExpectText(page, "#error-title", "无权访问");
        }
    });

    [Fact]
    public Task The_audit_administrator_sees_the_logins_and_the_system_administrator_is_refused() => RunAsync(nameof(The_audit_administrator_sees_the_logins_and_the_system_administrator_is_refused), async page =>
    {
        // A failed and a successful login of the CR manager, then the system administrator tries the audit page.
        await App.LoginAsync(page, "ns.crm", "Wrong#pass0");
        await ExpectText(page, "#login-error", "用户名或密码错误");
        await App.LoginAsync(page, "ns.crm");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/$"));
        await page.ClickAsync("#user-menu");
        await page.ClickAsync("#logout");
        await App.LoginAsync(page, "sysadmin");
        await Assertions.Expect(page.Locator(".sidebar")).Not.ToContainTextAsync("审计日志");
        (await page.GotoAsync("/Audit"))!.Status.ShouldBe(403);
        await page.GotoAsync("/");
        await page.ClickAsync("#user-menu");
        await page.ClickAsync("#logout");

        await App.LoginAsync(page, "auditadmin");
        await page.ClickAsync(".sidebar >> text=审计日志");
        await page.FillAsync("#user", "ns.crm");
        await page.ClickAsync("form.filters button");
        var table = page.Locator("#audit-table");
        await Assertions.Expect(table).ToContainTextAsync("登录成功");
        await Assertions.Expect(table).ToContainTextAsync("登录失败");
        await page.FillAsync("#user", "sysadmin");
        await page.ClickAsync("form.filters button");
        await Assertions.Expect(table).ToContainTextAsync("登录成功");
        await page.ClickAsync("#verify-chain");
        await ExpectText(page, "#verify-result", "日志链完整");
    });

    [Fact]
    public Task The_system_administrator_creates_a_user_who_must_then_change_the_password() => RunAsync(nameof(The_system_administrator_creates_a_user_who_must_then_change_the_password), async page =>
    {
        await App.LoginAsync(page, "sysadmin");
        await page.ClickAsync(".sidebar >> text=用户");
        await page.ClickAsync("text=新建用户");
        await page.FillAsync("#Input_UserName", "th.zhouxin");
        await page.FillAsync("#Input_DisplayName", "周欣");
        await page.CheckAsync("label:has-text('广州天河店')");
        await page.FillAsync("#Input_Password", "short");
        await page.ClickAsync("#save-user");
        await ExpectText(page, "span[data-valmsg-for='Input.Password']", "密码");
        await page.FillAsync("#Input_Password", "Zhouxin#2026");
        await page.ClickAsync("#save-user");
        await ExpectText(page, ".alert-success", "已保存");
        await page.ClickAsync("#user-menu");
        await page.ClickAsync("#logout");

        await App.LoginAsync(page, "th.zhouxin", "Zhouxin#2026");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/ChangePassword"));
        await page.FillAsync("#Input_CurrentPassword", "Zhouxin#2026");
        await page.FillAsync("#Input_NewPassword", "Huifang@Tianhe9");
        await page.FillAsync("#Input_ConfirmPassword", "Huifang@Tianhe9");
        await page.ClickAsync("button[type=submit]");
        await ExpectText(page, ".alert-success", "密码已修改");
    });
}
