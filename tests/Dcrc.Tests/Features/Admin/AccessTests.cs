using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Admin;

/// <summary>Roles, the three separate administrators, and stores.</summary>
public abstract class AccessTests(DcrcApp app)
{
    [Theory]
    [InlineData("sysadmin", "/Admin/Users", HttpStatusCode.OK)]
    [InlineData("sysadmin", "/Admin/Stores", HttpStatusCode.OK)]
    [InlineData("sysadmin", "/Admin/Settings", HttpStatusCode.OK)]
    [InlineData("sysadmin", "/Audit", HttpStatusCode.Forbidden)]
    [InlineData("sysadmin", "/Admin/Permissions", HttpStatusCode.Forbidden)]
    [InlineData("secadmin", "/Admin/Permissions", HttpStatusCode.OK)]
    [InlineData("secadmin", "/Admin/Users", HttpStatusCode.OK)]
    [InlineData("secadmin", "/Audit", HttpStatusCode.Forbidden)]
    [InlineData("secadmin", "/Admin/Settings", HttpStatusCode.Forbidden)]
    [InlineData("auditadmin", "/Audit", HttpStatusCode.OK)]
    [InlineData("auditadmin", "/Admin/Users", HttpStatusCode.Forbidden)]
    [InlineData("auditadmin", "/Admin/Settings", HttpStatusCode.Forbidden)]
    [InlineData("th.callback", "/Admin/Users", HttpStatusCode.Forbidden)]
    [InlineData("th.callback", "/Admin/Stores/Edit", HttpStatusCode.Forbidden)]
    [InlineData("th.gm", "/Audit", HttpStatusCode.Forbidden)]
    public async Task Each_administrator_reaches_only_their_own_pages(string user, string url, HttpStatusCode expected)
    {
        var client = await app.BrowserAs(user);
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(expected);
        if (expected == HttpStatusCode.Forbidden) (await response.Content.ReadAsStringAsync()).ShouldContain("无权访问");
    }

    [Fact]
    public async Task An_unknown_address_shows_the_404_page()
    {
        var client = await app.BrowserAs("th.crm");
        var response = await client.GetAsync("/no/such/page");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("页面不存在");
    }

    [Theory]
    [InlineData("sysadmin", "/api/v1/audit", HttpStatusCode.Forbidden)]
    [InlineData("auditadmin", "/api/v1/audit", HttpStatusCode.OK)]
    [InlineData("auditadmin", "/api/v1/users", HttpStatusCode.Forbidden)]
    [InlineData("th.callback", "/api/v1/users", HttpStatusCode.Forbidden)]
    [InlineData("th.callback", "/api/v1/settings", HttpStatusCode.Forbidden)]
    public async Task The_api_checks_the_same_permissions(string user, string url, HttpStatusCode expected)
    {
        var client = await app.ApiAs(user);
        (await client.GetAsync(url)).StatusCode.ShouldBe(expected);
    }

    [Fact]
    public async Task The_audit_log_cannot_be_granted_to_the_system_administrator()
    {
        var client = await app.BrowserAs("secadmin");
        var grants = await CurrentGrantsAsync();
        grants.Add($"{Roles.SystemAdmin}|audit.read");
        var response = await DcrcApp.PostFormAsync(client, "/Admin/Permissions", Form(grants));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("三员分立");
        (await CurrentGrantsAsync()).ShouldNotContain($"{Roles.SystemAdmin}|audit.read");
    }

    [Fact]
    public async Task One_person_cannot_hold_two_administrator_roles()
    {
        var user = await app.CreateUserAsync(Roles.SystemAdmin, storeCode: null);
        var client = await app.ApiAs("secadmin");
        var response = await client.PutAsJsonAsync($"/api/v1/users/{user.Id}/roles", new { roles = new[] { Roles.SystemAdmin, Roles.AuditAdmin } });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("roles", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_granted_permission_applies_at_once_and_a_revoked_one_too()
    {
        var crm = await app.BrowserAs("ns.crm");
        (await crm.GetAsync("/Admin/Departments")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var sec = await app.BrowserAs("secadmin");
        var original = await CurrentGrantsAsync();
        try
        {
            var granted = original.Append($"{Roles.CrManager}|departments.manage").ToList();
            (await DcrcApp.PostFormAsync(sec, "/Admin/Permissions", Form(granted))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await crm.GetAsync("/Admin/Departments")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            (await DcrcApp.PostFormAsync(sec, "/Admin/Permissions", Form(original))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        (await crm.GetAsync("/Admin/Departments")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var audit = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.Where(e => e.Action == "roles.permissions" && e.EntityId == Roles.CrManager).CountAsync());
        audit.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_store_user_sees_their_store_and_a_group_user_sees_all()
    {
        var store = await (await app.ApiAs("th.gm")).GetFromJsonAsync<JsonElement>("/api/v1/stores");
        store.EnumerateArray().Select(s => s.GetProperty("code").GetString()).ShouldBe(["TH"]);
        var group = await (await app.ApiAs("group.gm")).GetFromJsonAsync<JsonElement>("/api/v1/stores");
        group.EnumerateArray().Select(s => s.GetProperty("code").GetString()).ShouldBe(["NS", "TH"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_store_switcher_accepts_only_the_users_own_stores()
    {
        var client = await app.BrowserAs("th.crm");
        var ns = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == "NS").Select(s => s.Id).SingleAsync());
        var response = await DcrcApp.PostFormAsync(client, "/Account/Store", new() { ["storeId"] = ns.ToString(), ["returnUrl"] = "/" }, formPage: "/");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).ShouldNotContain(c => c.StartsWith("dcrc.store=" + ns));
    }

    private async Task<List<string>> CurrentGrantsAsync() => await app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DcrcDb>();
        return await (from c in db.RoleClaims join r in db.Roles on c.RoleId equals r.Id where c.ClaimType == AccessControl.PermissionClaim select r.Name + "|" + c.ClaimValue).ToListAsync();
    });

    private static Dictionary<string, string> Form(IEnumerable<string> grants) =>
        grants.Select((g, i) => (g, i)).ToDictionary(x => $"grant[{x.i}]", x => x.g);
}

[Collection(SqliteCollection.Name)] public class AccessTests_Sqlite(SqliteApp app) : AccessTests(app);
[Collection(PostgresCollection.Name)] public class AccessTests_Postgres(PostgresApp app) : AccessTests(app);
