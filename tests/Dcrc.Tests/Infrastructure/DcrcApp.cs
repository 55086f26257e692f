using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Dcrc.Tests.Infrastructure;

/// <summary>
/// The real application in-process, on a real database: a fresh SQLite file, or a fresh database in the
/// PostgreSQL cluster named by DCRC_TEST_POSTGRES (test.sh starts one). The demo dealership is seeded.
/// </summary>
public abstract class DcrcApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = DemoDealership.DefaultPassword;
    /// <summary>The telephony system's webhook key (tests play the telephony system).</summary>
    public const string TelephonySecret = "test-telephony-secret-0123456789";
    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);
    public abstract string Provider { get; }
    public int LoginAttemptsPerMinute { get; init; } = 100_000;
    public int CustomersPerStore { get; init; } = 150; // enough to search among, quick to seed
    protected abstract Dictionary<string, string?> DatabaseSettings();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Dcrc:Demo:Seed", "true");
        builder.UseSetting("Dcrc:Demo:CustomersPerStore", CustomersPerStore.ToString());
        builder.UseSetting("Dcrc:Jobs:Enabled", "false"); // tests run jobs themselves, at the time they set
        builder.UseSetting("Dcrc:Telephony:WebhookSecret", TelephonySecret);
        foreach (var (key, value) in DatabaseSettings()) builder.UseSetting(key, value);
        // Every test request comes from the same (absent) address; the limit itself has its own test.
        builder.UseSetting("Dcrc:Security:LoginAttemptsPerMinute", LoginAttemptsPerMinute.ToString());
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public virtual async Task InitializeAsync()
    {
        _ = Server; // starts the host: migrations, then the demo data in the background
        await DemoReadyAsync();
    }

    /// <summary>Waits for the background demo seed (awaits its task, no polling); a failed seed fails the fixture.</summary>
    public async Task DemoReadyAsync()
    {
        var work = Services.GetRequiredService<Dcrc.Kernel.StartupWork>();
        await work.Done;
        if (work.Failed) throw new InvalidOperationException("The demo dealership could not be seeded; see the test log.");
    }

    public new virtual Task DisposeAsync() => base.DisposeAsync().AsTask();

    /// <summary>A browser-like client: HTTPS base address (so Secure cookies flow), cookies kept, redirects not followed.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

    public HttpClient Api() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });

    public async Task<HttpClient> ApiAs(string userName, string password = DemoPassword)
    {
        var client = Api();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public sealed record TokenResponse(string TokenType, string AccessToken, int ExpiresIn);

    /// <summary>Logs in through the login page, as a browser would, and returns the client holding the session cookie.</summary>
    public async Task<HttpClient> BrowserAs(string userName, string password = DemoPassword, string culture = "zh-CN")
    {
        var client = Browser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        var response = await PostFormAsync(client, "/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect) throw new InvalidOperationException($"login of {userName} failed: {response.StatusCode}");
        return client;
    }

    /// <summary>GETs the form page for its anti-forgery token, then posts the fields with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url);
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(url, content);
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<StoreScope>().AllowAll(null);
        return await work(scope.ServiceProvider);
    }

    /// <summary>Waits until the read entries queued so far are in the audit log (they are written in the background).</summary>
    public Task AuditWrittenAsync() => Services.GetRequiredService<Dcrc.Kernel.Audit.AuditQueue>().FlushAsync();

    public Task WithScopeAsync(Func<IServiceProvider, Task> work) => WithScopeAsync<int>(async sp => { await work(sp); return 0; });

    /// <summary>A user of its own for a test that changes a user's state (lockout, password).</summary>
    public Task<AppUser> CreateUserAsync(string role, string? storeCode = "TH", string password = DemoPassword) => WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var db = sp.GetRequiredService<DcrcDb>();
        var user = new AppUser { UserName = "t" + Guid.NewGuid().ToString("N")[..10], DisplayName = "测试用户", CreatedAt = DateTime.UtcNow };
        if (storeCode != null) user.Stores.Add(new StoreMembership { StoreId = db.Stores.Single(s => s.Code == storeCode).Id });
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(";", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    });

    private static Regex AntiforgeryToken() => new("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
}

public sealed class SqliteApp : DcrcApp
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dcrc-test-" + Guid.NewGuid().ToString("N"));
    public override string Provider => "sqlite";
    protected override Dictionary<string, string?> DatabaseSettings() => new()
        { ["Dcrc:Database:Provider"] = "sqlite", ["Dcrc:DataDirectory"] = _dir, ["Dcrc:Audit:CheckpointDirectory"] = _dir + "-audit" };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        try { Directory.Delete(_dir + "-audit", true); } catch (IOException) { }
    }
}

public sealed class PostgresApp : DcrcApp
{
    private readonly string _database = "dcrc_t_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dcrc-test-" + Guid.NewGuid().ToString("N"));
    public override string Provider => "postgres";
    public string ConnectionString => Postgres.ConnectionString(_database);
    protected override Dictionary<string, string?> DatabaseSettings() => new()
        { ["Dcrc:Database:Provider"] = "postgres", ["ConnectionStrings:Dcrc"] = ConnectionString, ["Dcrc:DataDirectory"] = _dir, ["Dcrc:Audit:CheckpointDirectory"] = _dir + "-audit" };

    public override async Task InitializeAsync()
    {
        await Postgres.CreateDatabaseAsync(_database);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Postgres.DropDatabaseAsync(_database);
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        try { Directory.Delete(_dir + "-audit", true); } catch (IOException) { }
    }
}

/// <summary>The throwaway cluster of test.sh. Without DCRC_TEST_POSTGRES the PostgreSQL tests fail (they never skip).</summary>
public static class Postgres
{
    public static string Server => Environment.GetEnvironmentVariable("DCRC_TEST_POSTGRES")
        ?? throw new InvalidOperationException("DCRC_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a PostgreSQL cluster.");

    public static string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    public static async Task CreateDatabaseAsync(string name)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp> { public const string Name = "sqlite"; }

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp> { public const string Name = "postgres"; }
