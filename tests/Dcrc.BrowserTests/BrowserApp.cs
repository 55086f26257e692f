using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dcrc.BrowserTests;

/// <summary>
/// DCRC on a real Kestrel port (127.0.0.1, any free port) with a fresh SQLite database and the demo
/// dealership, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dcrc-browser-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public const string Password = Dcrc.Data.DemoDealership.DefaultPassword;
    public const string WebhookSecret = "browser-journeys-webhook-secret-0123";
    public const string TelephonySecret = "browser-journeys-telephony-secret-0123";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Dcrc:Database:Provider", "sqlite");
        builder.UseSetting("Dcrc:DataDirectory", _dir);
        builder.UseSetting("Dcrc:Audit:CheckpointDirectory", _dir + "-audit");
        builder.UseSetting("Dcrc:Demo:Seed", "true");
        builder.UseSetting("Dcrc:Demo:CustomersPerStore", "150"); // enough to search among, quick to seed
        builder.UseSetting("Dcrc:Security:LoginAttemptsPerMinute", "100000");
        builder.UseSetting("Dcrc:Jobs:Enabled", "false"); // journeys draw the week's sample themselves
        builder.UseSetting("Dcrc:Sms:WebhookSecret", WebhookSecret); // journeys play the SMS provider
        builder.UseSetting("Dcrc:Telephony:WebhookSecret", TelephonySecret); // and the telephony system
    }

    public async Task InitializeAsync()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var seed = Services.GetRequiredService<Dcrc.Kernel.StartupWork>();
        await seed.Done; // the demo dealership is seeded in the background
        if (seed.Failed) throw new InvalidOperationException("The demo dealership could not be seeded; see the test log.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("DCRC_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) in Chinese at 1366×768, as a specialist's PC.</summary>
    public async Task<IPage> NewPageAsync(string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = 1366, Height = 768 }, BaseURL = BaseUrl });
        return await context.NewPageAsync();
    }

    public async Task LoginAsync(IPage page, string user, string password = Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_UserName", user);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("#login-submit");
    }

    public new async Task DisposeAsync()
    {
        if (Browser != null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        try { Directory.Delete(_dir + "-audit", true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp> { public const string Name = "browser"; }

/// <summary>Runs a journey and keeps a screenshot of the page when it fails (TestResults/screenshots).</summary>
public abstract class Journey(BrowserApp app)
{
    protected BrowserApp App => app;

    private static string ScreenshotDir => Environment.GetEnvironmentVariable("DCRC_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Keeps a picture of a step, to look at what the journey saw.</summary>
    protected static async Task SnapAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
    }

    protected async Task RunAsync(string name, Func<IPage, Task> steps, string locale = "zh-CN")
    {
        var page = await app.NewPageAsync(locale);
        try
        {
            await steps(page);
        }
        catch
        {
            await SnapAsync(page, name);
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
