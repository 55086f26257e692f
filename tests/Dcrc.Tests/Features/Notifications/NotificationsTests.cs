using System.Net;
using Dcrc.Data;
using Dcrc.Kernel.Notifications;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Dcrc.Tests.Features.Notifications;

/// <summary>The notices page (issue 12, item 7): grouped by case, paged, the unread alone on request, marked read per case or all at once.</summary>
public abstract class NotificationsTests(DcrcApp app)
{
    private async Task<(string UserName, string Id)> FreshUserAsync()
    {
        var user = await app.CreateUserAsync(Dcrc.Kernel.Access.Roles.CrManager);
        return (user.UserName!, user.Id);
    }

    private Task NotifyAsync(string user, string link, int count) => app.WithScopeAsync(async sp =>
    {
        var notifier = sp.GetRequiredService<Notifier>();
        for (var i = 0; i < count; i++) notifier.Notify([user], 1, app.Clock.GetUtcNow().UtcDateTime, "Notification.ComplaintBreached", link, "TS000001", "ComplaintLimit.Dispatch");
        await sp.GetRequiredService<DcrcDb>().SaveChangesAsync();
    });

    [Fact]
    public async Task A_cases_notices_are_one_line_the_unread_can_be_shown_alone_and_are_marked_read_per_case_or_all_at_once()
    {
        var (userName, id) = await FreshUserAsync();
        await NotifyAsync(id, "/Complaints/901", 3);
        await NotifyAsync(id, "/Complaints/902", 1);
        var browser = await app.BrowserAs(userName);

        var page = await browser.GetStringAsync("/Notifications");
        page.Split("data-link=\"/Complaints/901\"").Length.ShouldBe(2); // one line for the case
        page.ShouldContain("共 3 条");
        page.ShouldContain("3 条未读");

        var read = await DcrcApp.PostFormAsync(browser, "/Notifications?handler=Read", new() { ["link"] = "/Complaints/901" }, "/Notifications");
        read.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var unread = await browser.GetStringAsync("/Notifications?unread=true");
        unread.ShouldNotContain("data-link=\"/Complaints/901\"");
        unread.ShouldContain("data-link=\"/Complaints/902\"");
        (await browser.GetStringAsync("/Notifications")).ShouldContain("data-link=\"/Complaints/901\""); // read, still listed

        (await DcrcApp.PostFormAsync(browser, "/Notifications?handler=Read", new() { ["all"] = "true" }, "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Notifications.CountAsync(n => n.UserId == id && n.ReadAt == null))).ShouldBe(0);
    }

    [Fact]
    public async Task The_notices_are_paged_newest_case_first()
    {
        var (userName, id) = await FreshUserAsync();
        var cases = Dcrc.Features.Notifications.IndexModel.PageSize + 1;
        for (var c = 1; c <= cases; c++) await NotifyAsync(id, $"/Complaints/{9000 + c}", 1);
        var browser = await app.BrowserAs(userName);
        var first = await browser.GetStringAsync("/Notifications");
        var second = await browser.GetStringAsync("/Notifications?page=2");
        first.ShouldContain($"data-link=\"/Complaints/{9000 + cases}\"");
        first.ShouldNotContain("data-link=\"/Complaints/9001\"");
        second.ShouldContain("data-link=\"/Complaints/9001\"", Case.Insensitive, string.Join(" ", System.Text.RegularExpressions.Regex.Matches(second, "data-link=\"[^\"]*\"|pagination.{0,300}").Select(m => m.Value)));
        second.ShouldNotContain($"data-link=\"/Complaints/{9000 + cases}\"");
    }
}

[Collection(SqliteCollection.Name)]
public class NotificationsTests_Sqlite(SqliteApp app) : NotificationsTests(app);

[Collection(PostgresCollection.Name)]
public class NotificationsTests_Postgres(PostgresApp app) : NotificationsTests(app);
