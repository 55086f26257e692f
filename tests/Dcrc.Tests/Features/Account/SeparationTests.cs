using System.Net;
using System.Net.Http.Json;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Account;

/// <summary>Ways around the three-administrator separation and the session checks, closed.</summary>
public abstract class SeparationTests(DcrcApp app)
{
    private Task<string> IdOfAsync(string userName) => app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task The_system_administrator_cannot_reset_the_audit_administrators_password()
    {
        var sys = await app.BrowserAs("sysadmin");
        var auditAdmin = await IdOfAsync("auditadmin");
        var response = await DcrcApp.PostFormAsync(sys, $"/Admin/Users/Edit/{auditAdmin}?handler=ResetPassword",
            new() { ["newPassword"] = "Takeover#2026" }, formPage: $"/Admin/Users/Edit/{auditAdmin}");
        (await response.Content.ReadAsStringAsync()).ShouldContain("安全管理员");
        (await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = "auditadmin", password = "Takeover#2026" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = "auditadmin", password = DcrcApp.DemoPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_is_refused_until_a_password_set_by_someone_else_is_changed()
    {
        var user = await app.CreateUserAsync(Roles.CallbackSpecialist);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            (await db.Users.SingleAsync(u => u.Id == user.Id)).MustChangePassword = true;
            await db.SaveChangesAsync();
        });
        var response = await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = DcrcApp.DemoPassword });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("修改初始密码");
    }

    [Fact]
    public async Task A_disabled_users_token_is_refused_even_where_no_permission_is_needed()
    {
        var user = await app.CreateUserAsync(Roles.ReceptionSpecialist);
        var client = await app.ApiAs(user.UserName!);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var u = (await users.FindByIdAsync(user.Id))!;
            u.IsActive = false;
            await users.UpdateSecurityStampAsync(u);
        });
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/v1/stores")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_administrator_role_cannot_receive_business_or_other_administrators_permissions()
    {
        var sec = await app.BrowserAs("secadmin");
        var grants = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            return await (from c in db.RoleClaims join r in db.Roles on c.RoleId equals r.Id where c.ClaimType == AccessControl.PermissionClaim select r.Name + "|" + c.ClaimValue).ToListAsync();
        });
        foreach (var extra in new[] { $"{Roles.SecurityAdmin}|users.manage", $"{Roles.AuditAdmin}|settings.manage" })
        {
            var form = grants.Append(extra).Select((g, i) => (g, i)).ToDictionary(x => $"grant[{x.i}]", x => x.g);
            var response = await DcrcApp.PostFormAsync(sec, "/Admin/Permissions", form);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, extra);
            (await response.Content.ReadAsStringAsync()).ShouldContain("三员分立");
        }
    }
}

[Collection(SqliteCollection.Name)] public class SeparationTests_Sqlite(SqliteApp app) : SeparationTests(app);
[Collection(PostgresCollection.Name)] public class SeparationTests_Postgres(PostgresApp app) : SeparationTests(app);

public class LoginRateLimitTests
{
    [Fact]
    public async Task Too_many_password_attempts_from_one_address_get_429()
    {
        var app = new SqliteApp { LoginAttemptsPerMinute = 3 };
        await app.InitializeAsync();
        try
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++)
                statuses.Add((await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = "th.crm", password = "Wrong#pass" + i })).StatusCode);
            statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
            var refused = await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = "th.crm", password = "Wrong#pass" });
            int.Parse(refused.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 60);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            problem.GetProperty("type").GetString().ShouldNotBeNullOrEmpty();
            problem.GetProperty("status").GetInt32().ShouldBe(429);
            problem.GetProperty("title").GetString().ShouldBe("尝试过于频繁，请稍后再试。");
            (await app.Api().GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // other requests are not limited
        }
        finally { await app.DisposeAsync(); }
    }
}
