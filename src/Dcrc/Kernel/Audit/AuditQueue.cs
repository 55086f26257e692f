using System.Threading.Channels;
using Dcrc.Data;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Kernel.Audit;

/// <summary>
/// Appends read entries (<see cref="AuditLog.WriteReadsAsync"/>) to the audit chain in the background: whatever
/// has queued up is written as one batch, in one transaction under the chain's lock, in the order it was
/// queued. Archive reads thus no longer wait for each other on the lock (bench/README.md).
/// <para>
/// Nothing is dropped: a batch that fails is retried until it is written; a full or closed queue makes the
/// request write its entries itself. At shutdown the queue is written out before the app stops. What a hard
/// crash (kill -9, power loss) can lose is what was queued and not yet committed — the reads of the last
/// moment, usually one batch. That is not silent: each run marks its start and clean end in the log
/// (<see cref="AuditActions.QueueStarted"/>, <see cref="AuditActions.QueueStopped"/>), and a start that finds
/// the previous run of the same instance without its end records <see cref="AuditActions.QueueUnclean"/>.
/// Setting <c>Dcrc:Audit:QueueReads=false</c> writes reads synchronously instead.
/// </para>
/// </summary>
public sealed class AuditQueue(IServiceScopeFactory scopes, AuditKey key, TimeProvider clock, IConfiguration config, ILogger<AuditQueue> log) : BackgroundService
{
    private const int Capacity = 20_000;
    private const int MaxBatch = 500;

    /// <summary>Either entries to append, or a marker whose task completes once everything queued before it is written.</summary>
    private sealed record Item(IReadOnlyList<AuditEntry>? Entries, TaskCompletionSource? Flushed);

    private readonly Channel<Item> _channel = Channel.CreateBounded<Item>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _abandon = new();
    private readonly bool _enabled = config.GetValue("Dcrc:Audit:QueueReads", true);
    private readonly string _instance = config["Dcrc:InstanceName"] is { Length: > 0 } n ? n : Environment.MachineName;
    private volatile bool _running;
    private long _written;

    /// <summary>Queues the entries; false when the queue is off, not running, full or closed (the caller then writes them itself).</summary>
    public bool TryEnqueue(IReadOnlyList<AuditEntry> entries) => _enabled && _running && _channel.Writer.TryWrite(new Item(entries, null));

    /// <summary>Completes once everything queued before the call is in the database (tests, the audit pages).</summary>
    public Task FlushAsync()
    {
        if (!_running) return Task.CompletedTask;
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _channel.Writer.TryWrite(new Item(null, flushed)) ? flushed.Task : Task.CompletedTask;
    }

    public override async Task StartAsync(CancellationToken ct)
    {
        if (_enabled)
        {
            await MarkStartAsync(ct);
            _running = true;
        }
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_enabled) return;
        var reader = _channel.Reader;
        var batch = new List<AuditEntry>();
        var markers = new List<TaskCompletionSource>();
        // Runs until the queue is closed and empty (StopAsync), not until the stopping token: what is queued is written.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                if (item.Entries is { } entries) batch.AddRange(entries);
                if (item.Flushed is { } flushed) { markers.Add(flushed); break; }
            }
            if (batch.Count > 0 && !await WriteWithRetriesAsync(batch))
            {
                foreach (var m in markers) m.TrySetException(new InvalidOperationException("The audit queue was abandoned at shutdown."));
                return;
            }
            _written += batch.Count;
            batch.Clear();
            foreach (var m in markers) m.TrySetResult();
            markers.Clear();
        }
    }

    /// <summary>Appends one batch, retrying with growing pauses while the database refuses; false only when abandoned at shutdown.</summary>
    private async Task<bool> WriteWithRetriesAsync(List<AuditEntry> batch)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await AppendAsync(batch, CancellationToken.None);
                if (attempt > 0) log.LogWarning("Audit queue: {Count} read entries written after {Attempts} attempts", batch.Count, attempt + 1);
                return true;
            }
            catch (Exception e) when (!_abandon.IsCancellationRequested)
            {
                log.LogError(e, "Audit queue: writing {Count} read entries failed (attempt {Attempt}); retrying", batch.Count, attempt + 1);
                try { await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 200 * (1 << Math.Min(attempt, 8)))), _abandon.Token); }
                catch (OperationCanceledException) { break; }
            }
        }
        var lost = batch.Count + _channel.Reader.Count;
        log.LogCritical("Audit queue: shutting down with {Count} read entries not written (database unavailable)", lost);
        return false;
    }

    private async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AuditLog.AppendAsync(db, key, entries, ct);
        await tx.CommitAsync(ct);
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        if (!_enabled) { await base.StopAsync(ct); return; }
        // New reads are written by their requests from here on; the queue is written out, then the run is marked ended.
        _running = false;
        _channel.Writer.TryComplete();
        await using (ct.Register(() => _abandon.Cancel()))
        {
            if (ExecuteTask is { } writer) await Task.WhenAny(writer, Task.Delay(Timeout.Infinite, ct));
        }
        if (ExecuteTask is { IsCompletedSuccessfully: true } && !_abandon.IsCancellationRequested && _channel.Reader.Count == 0)
        {
            try
            {
                await AppendAsync([Marker(AuditActions.QueueStopped, $"{_instance}: stopped, {_written} read entries written, none left")], CancellationToken.None);
            }
            catch (Exception e) { log.LogError(e, "Audit queue: could not mark the end of this run"); }
        }
        await base.StopAsync(ct);
    }

    /// <summary>Marks this run's start; if the previous run of this instance has no end mark, says so in the log.</summary>
    private async Task MarkStartAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
        var last = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == InstanceEntity && e.EntityId == _instance && (e.Action == AuditActions.QueueStarted || e.Action == AuditActions.QueueStopped))
            .OrderByDescending(e => e.Id).Select(e => new { e.Action, e.At }).FirstOrDefaultAsync(ct);
        var entries = new List<AuditEntry>();
        if (last?.Action == AuditActions.QueueStarted)
        {
            log.LogWarning("Audit queue: the previous run of {Instance} (started {At:u}) ended without writing out its queue; read entries of its last moments may be missing", _instance, last.At);
            entries.Add(Marker(AuditActions.QueueUnclean, $"{_instance}: the run started {last.At:yyyy-MM-dd HH:mm:ss}Z ended without writing out its queue; read entries of its last moments may be missing"));
        }
        entries.Add(Marker(AuditActions.QueueStarted, $"{_instance}: read entries queued"));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AuditLog.AppendAsync(db, key, entries, ct);
        await tx.CommitAsync(ct);
    }

    private const string InstanceEntity = "Instance";

    private AuditEntry Marker(string action, string summary)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new AuditEntry { At = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc), Action = action, EntityType = InstanceEntity, EntityId = _instance, Summary = summary };
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }
}
