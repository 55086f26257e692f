using System.Net;
using System.Net.Http.Json;
using Dcrc.Kernel.Jobs;
using Dcrc.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Account;

/// <summary>
/// A fresh start answers at once and seeds the demo dealership in the background: until it is done, logins
/// wait with a notice (not "wrong password") and the jobs do not run. The work is held by a gate the test opens.
/// </summary>
public abstract class PreparationTests(DcrcApp app)
{
    [Fact]
    public async Task While_the_demo_is_prepared_logins_wait_with_a_notice_and_jobs_hold_then_both_go_on()
    {
        var work = app.Services.GetRequiredService<Dcrc.Kernel.StartupWork>();
        var gate = new TaskCompletionSource();
        work.Run("test preparation", _ => gate.Task);
        try
        {
            work.Running.ShouldBeTrue();
            var token = await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = "th.crm", password = DcrcApp.DemoPassword });
            token.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            token.Headers.RetryAfter.ShouldNotBeNull();
            (await token.Content.ReadAsStringAsync()).ShouldContain("正在准备");

            var browser = app.Browser();
            var page = await browser.GetStringAsync("/Account/Login");
            page.ShouldContain("id=\"login-preparation\"");
            page.ShouldContain("handler=Preparation");
            page.ShouldMatch("id=\"login-submit\"[^>]*disabled");
            var post = await DcrcApp.PostFormAsync(browser, "/Account/Login", new() { ["Input.UserName"] = "th.crm", ["Input.Password"] = DcrcApp.DemoPassword });
            post.StatusCode.ShouldBe(HttpStatusCode.OK);
            var answer = await post.Content.ReadAsStringAsync();
            answer.ShouldContain("正在准备");
            answer.ShouldNotContain("密码错误");
            (await browser.GetStringAsync("/Account/Login?handler=Preparation")).ShouldContain("login-preparation");

            (await app.Services.GetRequiredService<JobRunner>().RunDueAsync()).ShouldBeEmpty();
        }
        finally
        {
            gate.SetResult();
            await work.Done;
        }

        var poll = await app.Browser().GetAsync("/Account/Login?handler=Preparation");
        poll.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        poll.Headers.GetValues("HX-Refresh").ShouldBe(["true"]);
        (await app.Browser().GetStringAsync("/Account/Login")).ShouldNotContain("login-preparation");
        await app.BrowserAs("th.crm");
    }

    [Fact]
    public async Task A_failed_preparation_is_said_on_the_login_page_and_logins_go_on()
    {
        var work = app.Services.GetRequiredService<Dcrc.Kernel.StartupWork>();
        work.Run("test preparation", _ => throw new InvalidOperationException("broken on purpose"));
        await work.Done;
        try
        {
            work.Failed.ShouldBeTrue();
            (await app.Browser().GetStringAsync("/Account/Login")).ShouldContain("演示数据准备失败");
            await app.BrowserAs("th.crm");
        }
        finally
        {
            work.Run("test preparation", _ => Task.CompletedTask); // leaves the shared app as it was
            await work.Done;
        }
    }
}

[Collection(SqliteCollection.Name)] public sealed class PreparationTests_Sqlite(SqliteApp app) : PreparationTests(app);
[Collection(PostgresCollection.Name)] public sealed class PreparationTests_Postgres(PostgresApp app) : PreparationTests(app);
