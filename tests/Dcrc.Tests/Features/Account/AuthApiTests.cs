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
        });
        (await client.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_locked_account_and_an_unknown_name_get_the_same_answer()
    {
        var user = await app.CreateUserAsync(Roles.SalesConsultant);
        for (var i = 0; i < 5; i++)
            await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = "Wrong#pass" + i });
        var locked = await (await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = DcrcApp.DemoPassword })).Content.ReadFromJsonAsync<JsonElement>();
        var unknown = await (await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = "nobody." + Guid.NewGuid().ToString("N")[..6], password = DcrcApp.DemoPassword })).Content.ReadFromJsonAsync<JsonElement>();
        locked.GetProperty("detail").GetString().ShouldBe(unknown.GetProperty("detail").GetString());
        locked.GetProperty("title").GetString().ShouldBe(unknown.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_token_answer_offers_no_refresh_token()
    {
        var response = await app.Api().PostAsJsonAsync("/api/v1/auth/token", new { userName = "th.crm", password = DcrcApp.DemoPassword });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        body.GetProperty("expiresIn").GetInt32().ShouldBe(3600);
        body.TryGetProperty("refreshToken", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_cookie_replayed_after_logout_gets_the_login_page()
    {
        var user = await app.CreateUserAsync(Roles.CallbackSpecialist);
        var browser = await app.BrowserAs(user.UserName!);
        var cookie = await CookieAsync(browser);
        (await browser.GetAsync("/Customers")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = await app.ApiAs(user.UserName!);
        (await DcrcApp.PostFormAsync(browser, "/Account/Logout", [], formPage: "/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var replay = app.Api();
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        var after = await replay.GetAsync("/Customers");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await token.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // a logout ends the user's tokens too
    }

    [Fact]
    public async Task A_token_after_a_password_change_or_an_api_logout_gets_401()
    {
        var user = await app.CreateUserAsync(Roles.Marketing);
        var token = await app.ApiAs(user.UserName!);
        (await token.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var browser = await app.BrowserAs(user.UserName!);
        var changed = await DcrcApp.PostFormAsync(browser, "/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = DcrcApp.DemoPassword, ["Input.NewPassword"] = "Zq#8vLm2Tw", ["Input.ConfirmPassword"] = "Zq#8vLm2Tw",
        });
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await token.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var second = await app.ApiAs(user.UserName!, "Zq#8vLm2Tw");
        (await second.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await second.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<string> CookieAsync(HttpClient browser)
    {
        // The test client's handler adds the cookies it holds to each request: read them off a sent request.
        var response = await browser.GetAsync("/");
        response.RequestMessage!.Headers.TryGetValues("Cookie", out var values).ShouldBeTrue();
        return string.Join("; ", values!);
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
