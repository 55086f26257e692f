using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Kernel.Access;
using Dcrc.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Account;

public abstract class AuthApiTests(DcrcApp app)
{
    [Fact]
    public async Task Good_credentials_get_a_bearer_token_that_opens_the_api()
    {
        var client = await app.ApiAs("th.crm");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("userName").GetString().ShouldBe("th.crm");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldContain(Roles.CrManager);
    }

    [Fact]
    public async Task Bad_credentials_get_401()
    {
        var response = await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = "th.crm", password = "Nope#12345" });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var unknown = await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = "nobody.here", password = "Nope#12345" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_locked_account_is_refused_even_with_the_right_password()
    {
        var user = await app.CreateUserAsync(Roles.SalesConsultant);
        for (var i = 0; i < 5; i++)
            (await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = "Wrong#pass" + i })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var locked = await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = DcrcApp.DemoPassword });
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        locked.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Missing_fields_are_a_localised_problem_keyed_by_camel_case_field()
    {
        var response = await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = "" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("userName")[0].GetString().ShouldBe("请填写用户名。");
        problem.GetProperty("errors").GetProperty("password")[0].GetString().ShouldBe("请填写密码。");

        var en = app.Api();
        en.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await (await en.PostAsJsonAsync("/api/v1/auth/token", new { userName = "" })).Content.ReadFromJsonAsync<JsonElement>();
        english.GetProperty("errors").GetProperty("userName")[0].GetString().ShouldBe("User name is required.");
    }

    [Fact]
    public async Task The_api_needs_a_token_and_ignores_the_session_cookie()
    {
        (await app.Api().GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var browser = await app.BrowserAs("th.crm");
        (await browser.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_disabled_users_token_stops_working_at_once()
    {
        var user = await app.CreateUserAsync(Roles.Marketing);
        var client = await app.ApiAs(user.UserName!);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var admin = await app.ApiAs("sysadmin");
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users?q={user.UserName}");
        page.GetProperty("total").GetInt32().ShouldBe(1);
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var u = await users.FindByIdAsync(user.Id);
            u!.IsActive = false;
            await users.UpdateAsync(u);
            await users.UpdateSecurityStampAsync(u);
            sp.GetRequiredService<AccessControl>().InvalidateUser(u.Id);
        });
        (await client.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_endpoints_with_bearer_security()
    {
        var doc = await app.Api().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/auth/token");
        paths.ShouldContain("/api/v1/me");
        paths.ShouldContain("/api/v1/users");
        paths.ShouldContain("/api/v1/audit/verify");
        paths.ShouldContain("/api/v1/settings/{key}");
        doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Health_answers_200_when_the_database_does()
    {
        var response = await app.Api().GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)] public class AuthApiTests_Sqlite(SqliteApp app) : AuthApiTests(app);
[Collection(PostgresCollection.Name)] public class AuthApiTests_Postgres(PostgresApp app) : AuthApiTests(app);
