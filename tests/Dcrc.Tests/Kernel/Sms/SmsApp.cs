using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Jobs;
using Dcrc.Kernel.Sms;
using Dcrc.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dcrc.Tests.Kernel.Sms;

/// <summary>
/// The app with a webhook secret, a fake HTTP provider on 127.0.0.1 and a reply handler that records its
/// calls. <see cref="UseHttp"/> switches the gateway between the local one and the HTTP one (both real).
/// </summary>
public abstract class SmsApp : DcrcApp
{
    public const string WebhookSecret = "test-webhook-secret-0123456789";
    public const string ApiKey = "test-api-key";
    public const string Signature = "【天河店】";
    public FakeSmsProvider FakeProvider { get; } = new();
    public volatile bool UseHttp;
    public ConcurrentQueue<(long MessageId, string Text)> HandledReplies { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dcrc:Demo:CustomersPerStore", "0");
        builder.UseSetting("Dcrc:Sms:WebhookSecret", WebhookSecret);
        builder.UseSetting("Dcrc:Sms:Http:Url", FakeProvider.Url);
        builder.UseSetting("Dcrc:Sms:Http:ApiKey", ApiKey);
        builder.UseSetting("Dcrc:Sms:Http:Signature", Signature);
        builder.UseSetting("Dcrc:Sms:Http:TimeoutSeconds", "2");
        builder.ConfigureTestServices(s =>
        {
            s.AddScoped<ISmsGateway>(sp => new SwitchGateway(this, sp));
            s.AddScoped<ISmsReplyHandler>(_ => new RecordingHandler(this));
        });
    }

    public override async Task InitializeAsync()
    {
        await FakeProvider.StartAsync();
        // Whole seconds: PostgreSQL keeps microseconds, the clock ticks of 100 ns.
        Clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - Clock.GetUtcNow().Ticks % TimeSpan.TicksPerSecond));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await FakeProvider.DisposeAsync();
    }

    /// <summary>Called as each message goes to the gateway (a test looks at the database from outside then).</summary>
    public Func<SmsMessage, Task>? OnSend { get; set; }

    private sealed class SwitchGateway(SmsApp app, IServiceProvider sp) : ISmsGateway
    {
        public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct)
        {
            if (app.OnSend is { } probe) await probe(message);
            return app.UseHttp
                ? await sp.GetRequiredService<HttpSmsGateway>().SendAsync(message, ct)
                : await sp.GetRequiredService<LocalSmsGateway>().SendAsync(message, ct);
        }
    }

    private sealed class RecordingHandler(SmsApp app) : ISmsReplyHandler
    {
        public Task<SmsReplyOutcome> HandleAsync(SmsMessage message, SmsReply reply, CancellationToken ct)
        {
            app.HandledReplies.Enqueue((message.Id, reply.Text));
            return Task.FromResult(SmsReplyOutcome.Answered);
        }
    }

    // What the tests do again and again.

    public Task<int> StoreIdAsync(string code) => WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    /// <summary>Queues in a scope of its own and commits, as a feature would.</summary>
    public Task<SmsEnqueueResult> EnqueueAsync(SmsRequest request) => WithScopeAsync(async sp =>
    {
        var result = await sp.GetRequiredService<SmsOutbox>().EnqueueAsync(request);
        await sp.GetRequiredService<DcrcDb>().SaveChangesAsync();
        return result;
    });

    public static SmsRequest Request(int storeId, string mobile, SmsPurpose purpose = SmsPurpose.Service, string? key = null) =>
        new(storeId, mobile, purpose, "test.reminder", "您的爱车保养时间到了，欢迎预约。", key ?? "test:" + Guid.NewGuid().ToString("N"));

    /// <summary>One run of the outbox job at the clock's time (outside the job runner): its claim, then its sending.</summary>
    public Task RunOutboxAsync() => WithScopeAsync(async sp =>
    {
        var job = sp.GetServices<IScheduledJob>().OfType<SmsOutboxJob>().Single();
        var now = Clock.GetUtcNow().UtcDateTime;
        await job.RunAsync(now, default); // claims (the runner commits here)
        await job.AfterCommitAsync(now, default); // sends
    });

    public Task<SmsMessage> MessageAsync(long id) => WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().SmsMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>Messages earlier tests left queued are taken out of the way (the job drains every store).</summary>
    public Task ClearOutboxAsync() => WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().SmsMessages.Where(m => m.Status == SmsStatus.Queued || m.Status == SmsStatus.Sending)
        .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, SmsStatus.Failed)));

    /// <summary>
    /// POSTs the JSON as the provider would: <c>X-Dcrc-Timestamp</c> (Unix seconds, the test clock's now unless <paramref name="signedAt"/>)
    /// and <c>X-Dcrc-Signature</c> over timestamp + "." + body with the webhook secret, unless a signature is given.
    /// </summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(string path, object body, string? signature = null, bool sign = true, DateTimeOffset? signedAt = null)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = (signedAt ?? Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        content.Headers.Add("X-Dcrc-Timestamp", timestamp);
        if (sign) content.Headers.Add("X-Dcrc-Signature", signature ?? Dcrc.Tests.Features.Calls.CallData.Signature(WebhookSecret, timestamp, bytes));
        return await Api().PostAsync(path, content);
    }
}

public sealed class SmsSqliteApp : SmsApp
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dcrc-sms-" + Guid.NewGuid().ToString("N"));
    public override string Provider => "sqlite";
    protected override Dictionary<string, string?> DatabaseSettings() => new() { ["Dcrc:Database:Provider"] = "sqlite", ["Dcrc:DataDirectory"] = _dir };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

public sealed class SmsPostgresApp : SmsApp
{
    private readonly string _database = "dcrc_sms_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dcrc-sms-" + Guid.NewGuid().ToString("N"));
    public override string Provider => "postgres";
    protected override Dictionary<string, string?> DatabaseSettings() => new()
        { ["Dcrc:Database:Provider"] = "postgres", ["ConnectionStrings:Dcrc"] = Postgres.ConnectionString(_database), ["Dcrc:DataDirectory"] = _dir };

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
    }
}

[CollectionDefinition(Name)]
public sealed class SmsSqliteCollection : ICollectionFixture<SmsSqliteApp> { public const string Name = "sms-sqlite"; }

[CollectionDefinition(Name)]
public sealed class SmsPostgresCollection : ICollectionFixture<SmsPostgresApp> { public const string Name = "sms-postgres"; }

/// <summary>
/// An SMS provider on 127.0.0.1 (a port of its own): records what it is sent and answers as the test says
/// for each mobile (200 with a message id by default; a list of statuses is answered in turn, its last repeating).
/// </summary>
public sealed class FakeSmsProvider : IAsyncDisposable
{
    private WebApplication? _app;
    private int _ids;
    public string Url { get; private set; } = "";
    public ConcurrentQueue<Sent> Requests { get; } = new();
    public ConcurrentDictionary<string, int[]> Answers { get; } = new();
    public ConcurrentDictionary<string, TimeSpan> Delays { get; } = new();

    public sealed record Sent(string? Authorization, string To, string Text, string ClientId, string Json);

    public List<Sent> To(string mobile) => Requests.Where(r => r.To == mobile).ToList();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/send", async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var json = await reader.ReadToEndAsync();
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var sent = new Sent(ctx.Request.Headers.Authorization, root.GetProperty("to").GetString()!, root.GetProperty("text").GetString()!,
                root.GetProperty("clientId").GetString()!, json);
            Requests.Enqueue(sent);
            var n = Requests.Count(r => r.To == sent.To);
            var status = Answers.TryGetValue(sent.To, out var answers) ? answers[Math.Min(n, answers.Length) - 1] : 200;
            if (Delays.TryGetValue(sent.To, out var delay)) await Task.Delay(delay);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(status == 200 ? $"{{\"id\":\"p-{Interlocked.Increment(ref _ids)}\"}}" : "{\"error\":\"scripted\"}");
        });
        await _app.StartAsync();
        Url = _app.Urls.First() + "/send";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
