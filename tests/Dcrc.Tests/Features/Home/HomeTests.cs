using System.Net;
using System.Text.RegularExpressions;
using Dcrc.Data;
using Dcrc.Features.Home;
using Dcrc.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Home;

/// <summary>Which home a role lands on after login, and the order for a user of several roles.</summary>
public abstract class HomeTests(DcrcApp app)
{
    [Theory]
    [InlineData("th.callback", "home-specialist")]
    [InlineData("th.crm", "home-dashboard")]
    [InlineData("th.gm", "home-dashboard")]
    [InlineData("group.gm", "home-dashboard")]
    [InlineData("th.sales", "home-staff")]
    [InlineData("th.advisor", "home-staff")]
    [InlineData("th.salesmgr", "home-staff")]
    [InlineData("th.servicemgr", "home-staff")]
    [InlineData("th.marketing", "home-marketing")]
    [InlineData("sysadmin", "home-admin")]
    [InlineData("secadmin", "home-admin")]
    [InlineData("auditadmin", "home-admin")]
    public async Task Each_demo_role_lands_on_its_home_after_login(string user, string marker)
    {
        var client = await LoginAsync(user);
        var home = await client.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await home.Content.ReadAsStringAsync();
        html.ShouldContain($"id=\"{marker}\"");
        foreach (var other in new[] { "home-specialist", "home-dashboard", "home-staff", "home-marketing", "home-admin", "home-welcome" }.Where(m => m != marker))
            html.ShouldNotContain($"id=\"{other}\"");
    }

    [Fact]
    public async Task Reception_lands_on_the_call_desk()
    {
        var client = await LoginAsync("th.reception");
        var home = await client.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.OriginalString.ShouldBe("/Calls");
        (await client.GetAsync("/Calls")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_administrators_home_links_only_their_own_pages()
    {
        var sys = await (await app.BrowserAs("sysadmin")).GetStringAsync("/");
        sys.ShouldContain("id=\"admin-users\"");
        sys.ShouldContain("href=\"/Admin/Settings\"");
        sys.ShouldNotContain("id=\"admin-auditlog\"");
        var audit = await (await app.BrowserAs("auditadmin")).GetStringAsync("/");
        audit.ShouldContain("id=\"admin-auditlog\"");
        audit.ShouldNotContain("id=\"admin-users\"");
    }

    [Theory]
    [InlineData(new[] { Dcrc.Kernel.Access.Roles.CrManager, Dcrc.Kernel.Access.Roles.CallbackSpecialist }, "home-specialist", "Dashboard", "home-dashboard")]
    [InlineData(new[] { Dcrc.Kernel.Access.Roles.GeneralManager, Dcrc.Kernel.Access.Roles.Marketing }, "home-marketing", "Dashboard", "home-dashboard")]
    [InlineData(new[] { Dcrc.Kernel.Access.Roles.CallbackSpecialist, Dcrc.Kernel.Access.Roles.SalesConsultant }, "home-staff", "Specialist", "home-specialist")]
    public async Task A_user_of_several_roles_lands_on_the_most_specific_and_may_open_the_others(string[] roles, string lands, string other, string otherMarker)
    {
        var user = await UserWithRolesAsync(roles);
        var client = await app.BrowserAs(user);
        var home = await client.GetStringAsync("/");
        home.ShouldContain($"id=\"{lands}\"");
        home.ShouldContain("id=\"home-switch\"");
        home.ShouldContain($"href=\"/?home={other}\"");
        (await client.GetStringAsync($"/?home={other}")).ShouldContain($"id=\"{otherMarker}\"");
        // A home of a role the user does not hold is not shown: the user's own comes instead.
        (await client.GetStringAsync("/?home=Admin")).ShouldContain($"id=\"{lands}\"");
        (await client.GetStringAsync("/?home=nonsense")).ShouldContain($"id=\"{lands}\"");
    }

    [Fact]
    public void The_order_puts_the_narrowest_reach_first_and_the_desk_before_the_manager()
    {
        Homes.Of([Dcrc.Kernel.Access.Roles.GroupManager, Dcrc.Kernel.Access.Roles.CrManager, Dcrc.Kernel.Access.Roles.ReceptionSpecialist, Dcrc.Kernel.Access.Roles.SalesManager])
            .ShouldBe([HomeKind.Staff, HomeKind.CallDesk, HomeKind.Dashboard]);
        Homes.Of([Dcrc.Kernel.Access.Roles.CrManager, Dcrc.Kernel.Access.Roles.CallbackSpecialist, Dcrc.Kernel.Access.Roles.ReceptionSpecialist])
            .ShouldBe([HomeKind.Specialist, HomeKind.CallDesk, HomeKind.Dashboard]);
        Homes.Of([]).ShouldBe([HomeKind.Welcome]);
        // Every role has a home: a new role must be placed in the order.
        Dcrc.Kernel.Access.Roles.All.Select(r => r.Name).Except(Homes.ByRole.Select(r => r.Role)).ShouldBeEmpty();
        Homes.ByRole.Select(r => r.Role).ShouldBeUnique();
    }

    /// <summary>Logs in through the page and checks that the login sends the user to <c>/</c>.</summary>
    private async Task<HttpClient> LoginAsync(string user)
    {
        var client = app.Browser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var login = await DcrcApp.PostFormAsync(client, "/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = DcrcApp.DemoPassword });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.ShouldBe("/");
        return client;
    }

    private async Task<string> UserWithRolesAsync(string[] roles)
    {
        var user = await app.CreateUserAsync(roles[0]);
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<Dcrc.Kernel.Access.AppUser>>();
            var tracked = await users.FindByIdAsync(user.Id);
            foreach (var role in roles.Skip(1)) (await users.AddToRoleAsync(tracked!, role)).Succeeded.ShouldBeTrue();
        });
        return user.UserName!;
    }

    /// <summary>The text of the element with this id (its first text node).</summary>
    internal static string Figure(string html, string id)
    {
        var m = Regex.Match(html, $"id=\"{Regex.Escape(id)}\"[^>]*>([^<]*)<");
        m.Success.ShouldBeTrue($"no element #{id}");
        return WebUtility.HtmlDecode(m.Groups[1].Value).Trim();
    }

    internal static int Number(string html, string id) => int.Parse(Figure(html, id));

    /// <summary>The href of the element with this id.</summary>
    internal static string Href(string html, string id)
    {
        var m = Regex.Match(html, $"<a[^>]*href=\"([^\"]+)\"[^>]*id=\"{Regex.Escape(id)}\"");
        m.Success.ShouldBeTrue($"no link #{id}");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }
}

[Collection(SqliteCollection.Name)] public class HomeTests_Sqlite(SqliteApp app) : HomeTests(app);
[Collection(PostgresCollection.Name)] public class HomeTests_Postgres(PostgresApp app) : HomeTests(app);
