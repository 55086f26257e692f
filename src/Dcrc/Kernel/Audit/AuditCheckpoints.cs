using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dcrc.Data;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Kernel.Audit;

/// <summary>
/// Signed checkpoints of the audit chain's head (last id, its hash, time, instance), appended to a file
/// outside the data directory (<c>Dcrc:Audit:CheckpointDirectory</c>, default the data directory's sibling
/// <c>…-audit</c>) and written to the system log. They are keyed with a key of their own
/// (<c>checkpoint.key</c> beside the file), not with the application secret, so neither the database nor
/// the secret alone can forge them; each line is chained to the one before. Against them verification finds
/// entries cut off the end, an emptied table, a rewind to an earlier mark and a chain recomputed with the
/// database's key. Give the directory to another owner, or make the file append-only (chattr +a), so that
/// whoever can write the database cannot rewrite it.
/// </summary>
public sealed class AuditCheckpoints(IConfiguration config, TimeProvider clock, ILogger<AuditCheckpoints> log)
{
    public sealed record Checkpoint(long Id, string Hash, DateTime At, string Instance);

    /// <summary>What the file says: its checkpoints, and the first line whose signature does not hold (1-based).</summary>
    public sealed record Reading(IReadOnlyList<Checkpoint> Checkpoints, int? ForgedLine, bool Missing);

    public string Directory { get; } = config["Dcrc:Audit:CheckpointDirectory"] is { Length: > 0 } d
        ? Path.GetFullPath(d)
        : Path.TrimEndingDirectorySeparator(DatabaseSetup.DataDirectory(config)) + "-audit";

    public string FilePath => Path.Combine(Directory, "checkpoints.log");
    private readonly string _instance = config["Dcrc:InstanceName"] is { Length: > 0 } n ? n : Environment.MachineName;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Appends the chain's current head, unless the file's last checkpoint is that head already.</summary>
    public async Task<Checkpoint?> WriteAsync(DcrcDb db, CancellationToken ct = default)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(ct);
        if (head is null) return null;
        await Gate.WaitAsync(ct);
        try
        {
            var key = Key(create: true)!;
            await using var file = await OpenExclusiveAsync(ct);
            var text = await new StreamReader(file, Encoding.UTF8, leaveOpen: true).ReadToEndAsync(ct);
            var last = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            var lastFields = last?.Split('\t');
            if (lastFields is { Length: 5 } && lastFields[0] == head.Id.ToString(CultureInfo.InvariantCulture) && lastFields[1] == head.Hash) return null;
            var checkpoint = new Checkpoint(head.Id, head.Hash, clock.GetUtcNow().UtcDateTime, _instance);
            var line = Line(checkpoint, lastFields is { Length: 5 } ? lastFields[4] : "", key);
            file.Seek(0, SeekOrigin.End);
            await file.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), ct);
            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
            log.LogInformation("Audit checkpoint: entry {AuditId} hash {AuditHash} signed {Signature}", head.Id, head.Hash, line.Split('\t')[4]);
            return checkpoint;
        }
        finally { Gate.Release(); }
    }

    public Reading Read()
    {
        if (!File.Exists(FilePath)) return new([], null, true);
        var key = Key(create: false);
        var list = new List<Checkpoint>();
        var previous = "";
        var number = 0;
        foreach (var line in ReadLines())
        {
            number++;
            if (line.Length == 0) continue;
            var f = line.Split('\t');
            if (key is null || f.Length != 5 || !long.TryParse(f[0], CultureInfo.InvariantCulture, out var id)
                || !DateTime.TryParse(f[2], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
                return new(list, number, false);
            var checkpoint = new Checkpoint(id, f[1], at, f[3]);
            if (Line(checkpoint, previous, key) != line) return new(list, number, false);
            list.Add(checkpoint);
            previous = f[4];
        }
        return new(list, null, false);
    }

    /// <summary>
    /// The file's lines, read while no checkpoint of this process is being written (the writer holds the file exclusively
    /// for a moment; another instance's writer is waited for as the writer waits for it).
    /// </summary>
    private string[] ReadLines()
    {
        Gate.Wait();
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    return reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
                }
                catch (IOException) when (attempt < 50 && File.Exists(FilePath)) { Thread.Sleep(20); }
            }
        }
        finally { Gate.Release(); }
    }

    private static string Line(Checkpoint c, string previousSignature, byte[] key)
    {
        var body = string.Join('\t', c.Id.ToString(CultureInfo.InvariantCulture), c.Hash,
            c.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), c.Instance.Replace('\t', ' '));
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(previousSignature + "\n" + body)));
        return body + "\t" + signature;
    }

    private byte[]? Key(bool create)
    {
        var path = Path.Combine(Directory, "checkpoint.key");
        if (create) Security.AppSecret.CreateKeyFile(path);
        return File.Exists(path) ? Convert.FromBase64String(File.ReadAllText(path).Trim()) : null;
    }

    /// <summary>The file, locked against other instances on this machine sharing the directory.</summary>
    private async Task<FileStream> OpenExclusiveAsync(CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (attempt < 50) { await Task.Delay(20, ct); }
        }
    }
}

/// <summary>
/// Writes a checkpoint once the app has started (after the audit queue's start mark), every
/// <c>Dcrc:Audit:CheckpointMinutes</c> (5) and at a clean stop (after the queue's end mark).
/// </summary>
public sealed class AuditCheckpointWriter(IServiceScopeFactory scopes, AuditCheckpoints checkpoints, IConfiguration config, IHostApplicationLifetime lifetime,
    ILogger<AuditCheckpointWriter> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; } catch (OperationCanceledException) { return; }
        }
        await WriteAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, config.GetValue("Dcrc:Audit:CheckpointMinutes", 5))));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await WriteAsync(stoppingToken);
        }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        await WriteAsync(ct);
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await checkpoints.WriteAsync(scope.ServiceProvider.GetRequiredService<DcrcDb>(), ct);
        }
        catch (ObjectDisposedException) { } // a test host disposes its services before stopping them
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            log.LogError(e, "Could not write the audit checkpoint to {Directory}", checkpoints.Directory);
        }
    }
}
