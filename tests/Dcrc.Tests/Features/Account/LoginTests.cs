using System.Net;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dcrc.Tests.Features.Account;

public abstract class LoginTests(DcrcApp app)
{
    private static Dictionary<string, string> Credentials(string user, string password) =>
        new() { ["Input.UserName"] = user, ["Input.Password"] = password };

    [Fact]
    public async Task The_login_page_is_Chinese_by_default_and_English_on_request()
    {
        var client = app.Browser();
        (await client.GetStringAsync("/Account/Login")).ShouldContain("登录 DCRC 客户关系中心");
        var english = app.Browser();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        (await english.GetStringAsync("/Account/Login")).ShouldContain("Log in to DCRC");
    }

    [Fact]
    public async Task A_demo_user_logs_in_and_reaches_the_workbench()
    {
        var client = await app.BrowserAs("th.callback");
        var home = await client.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).ShouldContain("回访专员");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_sixth_attempt_is_refused_even_when_right()
    {
        var user = await app.CreateUserAsync(Roles.CallbackSpecialist);
        var client = app.Browser();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await DcrcApp.PostFormAsync(client, "/Account/Login", Credentials(user.UserName!, "Wrong#pass" + i));
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
            var html = await wrong.Content.ReadAsStringAsync();
            html.ShouldContain("用户名或密码错误，或账户已被暂时锁定（连续 5 次密码错误后锁定 15 分钟）");
        }
        var sixth = await DcrcApp.PostFormAsync(client, "/Account/Login", Credentials(user.UserName!, DcrcApp.DemoPassword));
        sixth.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sixth.Content.ReadAsStringAsync()).ShouldContain("用户名或密码错误，或账户已被暂时锁定");
        (await sixth.Content.ReadAsStringAsync()).ShouldNotContain("dcrc.session");

        var (lockoutEnd, actions) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            var end = (await db.Users.SingleAsync(u => u.Id == user.Id)).LockoutEnd;
            var acts = await db.AuditEntries.Where(e => e.EntityId == user.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
            return (end, acts);
        });
        lockoutEnd.ShouldNotBeNull();
        (lockoutEnd!.Value - DateTimeOffset.UtcNow).TotalMinutes.ShouldBeInRange(13, 16);
        actions.Count(a => a == AuditActions.LoginFailed).ShouldBe(5); // four wrong passwords, then the refused sixth attempt
        actions.ShouldContain(AuditActions.LockedOut);
    }

    [Fact]
    public async Task Login_issues_a_fresh_secure_http_only_same_site_session_cookie()
    {
        var client = app.Browser();
        var response = await DcrcApp.PostFormAsync(client, "/Account/Login", Credentials("th.crm", DcrcApp.DemoPassword));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dcrc.session="));
        cookie.ShouldContain("secure", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        var again = await DcrcApp.PostFormAsync(app.Browser(), "/Account/Login", Credentials("th.crm", DcrcApp.DemoPassword));
        again.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dcrc.session=")).ShouldNotBe(cookie);
    }

    [Fact]
    public async Task A_form_without_its_anti_forgery_token_is_refused()
    {
        var client = app.Browser();
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(Credentials("th.crm", DcrcApp.DemoPassword)));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_password_hashed_with_fewer_iterations_is_rehashed_at_login()
    {
        var user = await app.CreateUserAsync(Roles.Marketing);
        var weakHasher = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            var u = await db.Users.SingleAsync(x => x.Id == user.Id);
            u.PasswordHash = weakHasher.HashPassword(u, DcrcApp.DemoPassword);
            await db.SaveChangesAsync();
        });
        await app.BrowserAs(user.UserName!);
        var hash = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Users.Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync());
        Iterations(hash!).ShouldBeGreaterThanOrEqualTo(210_000);
    }

    // Identity v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), salt length, salt, subkey.
    private static int Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        bytes[0].ShouldBe((byte)1);
        return bytes[5] << 24 | bytes[6] << 16 | bytes[7] << 8 | bytes[8];
    }

    [Fact]
    public async Task A_session_ends_after_30_idle_minutes()
    {
        // Reception's home is the call desk: "/" sends it there, so the desk is the page that stays open.
        var client = await app.BrowserAs("th.reception");
        (await client.GetAsync("/Calls")).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        try
        {
            var after = await client.GetAsync("/Calls");
            after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            after.Headers.Location!.ToString().ShouldContain("/Account/Login");
        }
        finally { app.Clock.Advance(TimeSpan.FromMinutes(-31)); }
    }

    [Fact]
    public async Task An_active_session_still_ends_at_the_absolute_limit()
    {
        var client = await app.BrowserAs("th.salesmgr");
        var moved = TimeSpan.Zero;
        try
        {
            // Active every 20 minutes: the idle limit never hits, the 10-hour limit does.
            for (var i = 0; i < 29; i++)
            {
                app.Clock.Advance(TimeSpan.FromMinutes(20));
                moved += TimeSpan.FromMinutes(20);
                (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK, $"after {moved}");
            }
            app.Clock.Advance(TimeSpan.FromMinutes(50));
            moved += TimeSpan.FromMinutes(50);
            (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        finally { app.Clock.Advance(-moved); }
    }

    [Fact]
    public async Task Pages_carry_the_security_headers_and_are_not_cached()
    {
        var client = await app.BrowserAs("th.gm");
        var response = await client.GetAsync("/");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task A_user_with_a_reset_password_must_change_it_before_anything_else()
    {
        var user = await app.CreateUserAsync(Roles.ServiceAdvisor);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            (await db.Users.SingleAsync(u => u.Id == user.Id)).MustChangePassword = true;
            await db.SaveChangesAsync();
        });
        var client = await app.BrowserAs(user.UserName!);
        var home = await client.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldBe("/Account/ChangePassword");

        var weak = await DcrcApp.PostFormAsync(client, "/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = DcrcApp.DemoPassword, ["Input.NewPassword"] = "P@ssw0rd", ["Input.ConfirmPassword"] = "P@ssw0rd",
        });
        (await weak.Content.ReadAsStringAsync()).ShouldContain("常见密码");

        var ok = await DcrcApp.PostFormAsync(client, "/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = DcrcApp.DemoPassword, ["Input.NewPassword"] = "Huifang#2026x", ["Input.ConfirmPassword"] = "Huifang#2026x",
        });
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)] public class LoginTests_Sqlite(SqliteApp app) : LoginTests(app);
[Collection(PostgresCollection.Name)] public class LoginTests_Postgres(PostgresApp app) : LoginTests(app);
