using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Dcrc.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dcrc.Features.Calls;

/// <summary>A call for an agent's open call desk: it rang (or was missed) on the agent's line.</summary>
public sealed record CallSignal(string UserId, long CallId, string MaskedNumber, string? Line, bool Missed);

/// <summary>
/// Hands call signals to the agents' open call desks (<c>/Calls/events</c>). In-process subscribers per user, fed on
/// SQLite by this instance alone; with PostgreSQL, signals also travel through <c>NOTIFY dcrc_calls</c> (sent in the
/// transaction that recorded the call, so only once it is saved) and every instance's <see cref="CallSignalListener"/>
/// delivers those of the other instances, so an agent connected to one instance gets the calls posted to another.
/// </summary>
public sealed class CallSignals(ILogger<CallSignals> log)
{
    public const string Channel = "dcrc_calls";
    /// <summary>Tells this instance's own notifications (already delivered) from the others'.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Channel<CallSignal>>> _subscribers = new();

    public int Subscribers(string userId) => _subscribers.TryGetValue(userId, out var s) ? s.Count : 0;

    /// <summary>A subscription of one open page; disposing it ends it.</summary>
    public Subscription Subscribe(string userId)
    {
        var channel = System.Threading.Channels.Channel.CreateBounded<CallSignal>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(userId, _ => new())[id] = channel;
        return new Subscription(channel.Reader, () =>
        {
            if (_subscribers.TryGetValue(userId, out var mine)) mine.TryRemove(id, out _);
            channel.Writer.TryComplete();
        });
    }

    public sealed class Subscription(ChannelReader<CallSignal> reader, Action end) : IDisposable
    {
        public ChannelReader<CallSignal> Reader { get; } = reader;
        public void Dispose() => end();
    }

    /// <summary>Delivers to this instance's open pages of the signal's user.</summary>
    public void Deliver(CallSignal signal)
    {
        if (!_subscribers.TryGetValue(signal.UserId, out var pages)) return;
        foreach (var page in pages.Values) page.Writer.TryWrite(signal);
    }

    private sealed record Wire(string I, string U, long C, string N, string? L, bool M);

    /// <summary>
    /// On PostgreSQL, sends a signal to the other instances by NOTIFY on the context's connection, inside its open
    /// transaction: it leaves only when the call is committed. This instance's pages get it from <see cref="Deliver"/>.
    /// </summary>
    public async Task NotifyOtherInstancesAsync(DcrcDb db, CallSignal signal, CancellationToken ct = default)
    {
        if (db.IsSqlite) return;
        var payload = JsonSerializer.Serialize(new Wire(InstanceId, signal.UserId, signal.CallId, signal.MaskedNumber, signal.Line, signal.Missed));
        await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [Channel, payload], ct);
    }

    /// <summary>A notification from some instance; those of this instance were delivered when sent.</summary>
    public void Received(string payload)
    {
        try
        {
            var w = JsonSerializer.Deserialize<Wire>(payload);
            if (w is null || w.I == InstanceId) return;
            Deliver(new CallSignal(w.U, w.C, w.N, w.L, w.M));
        }
        catch (JsonException e)
        {
            log.LogWarning(e, "Ignored a malformed call signal");
        }
    }
}

/// <summary>
/// On PostgreSQL, one connection per instance listening on <see cref="CallSignals.Channel"/>; it reconnects after a
/// failure (a restart of the server, a dropped connection), waiting a little longer each time up to half a minute.
/// </summary>
public sealed class CallSignalListener(CallSignals signals, DatabaseConnection database, ILogger<CallSignalListener> log) : BackgroundService
{
    /// <summary>Set while the instance is listening (tests wait for it).</summary>
    public bool Listening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.Postgres) return;
        var delay = TimeSpan.FromSeconds(1);
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = new NpgsqlConnection(connectionString);
                await conn.OpenAsync(stoppingToken);
                conn.Notification += (_, e) => signals.Received(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {CallSignals.Channel}", conn)) await listen.ExecuteNonQueryAsync(stoppingToken);
                Listening = true;
                delay = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested) await conn.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                Listening = false;
                log.LogWarning(e, "Call signal listener lost its connection; reconnecting in {Delay}", delay);
                try { await Task.Delay(delay, stoppingToken); }
                catch (OperationCanceledException) { break; }
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
        Listening = false;
    }
}
