using System.ComponentModel.DataAnnotations;
using Dcrc.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Kernel.Jobs;

/// <summary>
/// Background work that runs once per period (task generation, time limits, reminders, the SMS outbox…).
/// <see cref="RunAsync"/> runs inside the transaction that claims the period, so its writes commit together
/// with the claim or not at all.
/// </summary>
public interface IScheduledJob
{
    /// <summary>Stable name: the claim key.</summary>
    string Name { get; }
    /// <summary>How often: one run per period, periods counted from the Unix epoch in UTC.</summary>
    TimeSpan Period { get; }
    /// <summary>The period of the run about to be claimed; <see cref="Period"/> unless the job reads it from a setting.</summary>
    Task<TimeSpan> PeriodAsync(CancellationToken ct) => Task.FromResult(Period);
    Task RunAsync(DateTime nowUtc, CancellationToken ct);

    /// <summary>
    /// Work that must not hold the claim's transaction — a call to another system — run in the same scope
    /// once the claim and <see cref="RunAsync"/>'s writes have committed (claim the rows in RunAsync, commit,
    /// send here, record each result). Nothing by default.
    /// </summary>
    Task AfterCommitAsync(DateTime nowUtc, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>A claimed run of a job for one period; the primary key makes the claim exclusive across instances.</summary>
public class JobRun
{
    [MaxLength(100)] public string Job { get; set; } = "";
    [MaxLength(40)] public string RunKey { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    [MaxLength(100)] public string Instance { get; set; } = "";
}

public class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> e) => e.HasKey(x => new { x.Job, x.RunKey });
}

/// <summary>
/// Runs each due job once per period, whatever the number of app instances sharing the database: a run
/// inserts its (job, period) row and does its work in one transaction; a second instance's insert waits on
/// the key and then fails, so it skips; a crash rolls the whole run back and the period is claimed again on
/// the next poll.
/// </summary>
public class JobRunner(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, StartupWork startup, ILogger<JobRunner> log) : BackgroundService
{
    public static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Dcrc:Jobs:Enabled", true)) return;
        var poll = TimeSpan.FromSeconds(Math.Max(1, config.GetValue("Dcrc:Jobs:PollSeconds", 30)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RunDueAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Scheduled jobs failed; retrying at the next poll"); }
            try { await Task.Delay(poll, clock, stoppingToken); } catch (OperationCanceledException) { }
        }
    }

    public static string RunKey(TimeSpan period, DateTime nowUtc) => (nowUtc.Ticks / period.Ticks).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs every job whose current period has not run yet; returns the names of the jobs this instance ran.
    /// A job that throws is logged (its run rolled back, so its period is tried again at the next poll) and
    /// the other jobs still run in this cycle. None runs while the startup work runs.
    /// </summary>
    public async Task<List<string>> RunDueAsync(CancellationToken ct = default)
    {
        var ran = new List<string>();
        // Nothing writes beside the startup work (the demo seed); the jobs run at the first poll after it.
        if (startup.Running) return ran;
        List<string> names;
        using (var scope = scopes.CreateScope())
            names = scope.ServiceProvider.GetServices<IScheduledJob>().Select(j => j.Name).ToList();
        foreach (var name in names)
        {
            try
            {
                if (await TryRunAsync(name, ct)) ran.Add(name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogError(ex, "Job {Job} failed; its period is tried again at the next poll, the other jobs run on", name);
            }
        }
        return ran;
    }

    private async Task<bool> TryRunAsync(string name, CancellationToken ct)
    {
        Localization.Cultures.UseDefaultWhenUnset();
        // A scope per run: the job's DbContext is the one whose transaction holds the claim.
        using var scope = scopes.CreateScope();
        // No signed-in user: a job works across every store.
        scope.ServiceProvider.GetRequiredService<Access.StoreScope>().AllowAll(null);
        var job = scope.ServiceProvider.GetServices<IScheduledJob>().Single(j => j.Name == name);
        var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var key = RunKey(await job.PeriodAsync(ct), now);
        if (await db.JobRuns.AnyAsync(r => r.Job == name && r.RunKey == key, ct)) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.JobRuns.Add(new JobRun { Job = name, RunKey = key, StartedAt = now, FinishedAt = now, Instance = Instance });
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return false; // another instance has this period
        }
        await job.RunAsync(now, ct);
        await db.JobRuns.Where(r => r.Job == name && r.RunKey == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FinishedAt, clock.GetUtcNow().UtcDateTime), ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Job {Job} ran for period {RunKey}", name, key);
        await job.AfterCommitAsync(now, ct);
        return true;
    }
}
