using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Admin;

public abstract class UserAdminTests(DcrcApp app)
{
    private async Task<int> StoreIdAsync(string code) => await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task A_weak_initial_password_is_refused_and_nothing_is_saved()
    {
        var client = await app.ApiAs("sysadmin");
        var name = "weak" + Guid.NewGuid().ToString("N")[..6];
        var response = await client.PostAsJsonAsync("/api/v1/users", new { userName = name, displayName = "王小明", storeIds = new[] { await StoreIdAsync("TH") }, password = "abcdefgh" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("password")[0].GetString();
        message.ShouldContain("3 类");
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Users.AnyAsync(u => u.UserName == name))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_taken_user_name_is_reported_on_its_field()
    {
        var client = await app.ApiAs("sysadmin");
        var response = await client.PostAsJsonAsync("/api/v1/users", new { userName = "th.crm", displayName = "重名", password = "Zhongming#2026" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("userName")[0].GetString()!.ShouldContain("th.crm");
    }

    [Fact]
    public async Task A_new_user_is_created_audited_and_must_change_the_initial_password()
    {
        var client = await app.ApiAs("sysadmin");
        var name = "new" + Guid.NewGuid().ToString("N")[..6];
        var response = await client.PostAsJsonAsync("/api/v1/users", new { userName = name, displayName = "李新", storeIds = new[] { await StoreIdAsync("NS") }, password = "Chushi#2026a" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var audited = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.AnyAsync(e => e.Action == "users.create" && e.EntityId == id && e.UserName == "sysadmin"));
        audited.ShouldBeTrue();
        var browser = await app.BrowserAs(name, "Chushi#2026a");
        (await browser.GetAsync("/")).Headers.Location!.ToString().ShouldBe("/Account/ChangePassword");
    }

    [Fact]
    public async Task Only_the_security_administrator_assigns_roles()
    {
        var user = await app.CreateUserAsync(Dcrc.Kernel.Access.Roles.Marketing);
        var sys = await app.ApiAs("sysadmin");
        (await sys.PutAsJsonAsync($"/api/v1/users/{user.Id}/roles", new { roles = new[] { Dcrc.Kernel.Access.Roles.AuditAdmin } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var sec = await app.ApiAs("secadmin");
        (await sec.PutAsJsonAsync($"/api/v1/users/{user.Id}/roles", new { roles = new[] { Dcrc.Kernel.Access.Roles.CrManager } })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var me = await (await app.ApiAs(user.UserName!)).GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Dcrc.Kernel.Access.Roles.CrManager]);
    }
}

[Collection(SqliteCollection.Name)] public class UserAdminTests_Sqlite(SqliteApp app) : UserAdminTests(app);
[Collection(PostgresCollection.Name)] public class UserAdminTests_Postgres(PostgresApp app) : UserAdminTests(app);
