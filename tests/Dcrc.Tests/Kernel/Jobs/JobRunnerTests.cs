using Dcrc.Data;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Jobs;
using Dcrc.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Kernel.Jobs;

/// <summary>A job that counts its runs, writes a row with its run and can be told to fail half-way.</summary>
public sealed class ProbeJob(DcrcDb db) : IScheduledJob
{
    public static int Runs;
    public static volatile bool FailAfterWriting;
    public string Name => "test.probe";
    public TimeSpan Period => TimeSpan.FromHours(1);

    public async Task RunAsync(DateTime nowUtc, CancellationToken ct)
    {
        Interlocked.Increment(ref Runs);
        db.CalendarDays.Add(new CalendarDay { Date = new DateOnly(2040, 1, 1).AddDays(Runs), Kind = CalendarDayKind.Holiday, Name = "probe", UpdatedAt = nowUtc });
        await db.SaveChangesAsync(ct);
        await Task.Delay(300, ct); // long enough for the other instance to try the same period
        if (FailAfterWriting) throw new InvalidOperationException("crash in the middle of the batch");
    }
}

/// <summary>A job registered after the probe: it runs in the cycle where the probe fails.</summary>
public sealed class AfterProbeJob : IScheduledJob
{
    public static int Runs;
    public string Name => "test.after_probe";
    public TimeSpan Period => TimeSpan.FromHours(1);
    public Task RunAsync(DateTime nowUtc, CancellationToken ct) { Interlocked.Increment(ref Runs); return Task.CompletedTask; }
}

/// <summary>One of two app instances on one PostgreSQL database.</summary>
public sealed class Instance(string database) : DcrcApp
{
    public override string Provider => "postgres";
    protected override Dictionary<string, string?> DatabaseSettings() => new()
    {
        ["Dcrc:Database:Provider"] = "postgres", ["ConnectionStrings:Dcrc"] = Postgres.ConnectionString(database), ["Dcrc:Demo:CustomersPerStore"] = "0",
        ["Dcrc:DataDirectory"] = Path.Combine(Path.GetTempPath(), "dcrc-jobs-" + database), ["Dcrc:Secret"] = "dGVzdC1zZWNyZXQtb2YtdGhpcnR5LXR3by1ieXRlcy1sb25nISE=",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => { s.AddScoped<IScheduledJob, ProbeJob>(); s.AddScoped<IScheduledJob, AfterProbeJob>(); });
    }
}

[Collection(PostgresCollection.Name)]
public class JobRunnerTests
{
    [Fact]
    public async Task Two_instances_on_one_database_run_a_period_once_and_a_crash_leaves_nothing_half_done()
    {
        var database = "dcrc_j_" + Guid.NewGuid().ToString("N")[..12];
        await Postgres.CreateDatabaseAsync(database);
        await using var a = new Instance(database);
        await using var b = new Instance(database);
        try
        {
            await a.InitializeAsync();
            await b.InitializeAsync();
            b.Clock.Advance(a.Clock.GetUtcNow() - b.Clock.GetUtcNow()); // one "now" for both
            ProbeJob.Runs = 0;
            ProbeJob.FailAfterWriting = true;

            AfterProbeJob.Runs = 0;
            var cycle = await a.Services.GetRequiredService<JobRunner>().RunDueAsync();
            cycle.ShouldNotContain("test.probe");
            cycle.ShouldContain("test.after_probe"); // a failing job does not stop the others of the cycle
            AfterProbeJob.Runs.ShouldBe(1);
            (await Rows(a)).ShouldBe((0, 0)); // neither the claim nor the job's rows survive

            ProbeJob.FailAfterWriting = false;
            ProbeJob.Runs = 0;
            var results = await Task.WhenAll(a.Services.GetRequiredService<JobRunner>().RunDueAsync(), b.Services.GetRequiredService<JobRunner>().RunDueAsync());
            results.Sum(r => r.Count(j => j == "test.probe")).ShouldBe(1);
            ProbeJob.Runs.ShouldBe(1);
            (await Rows(a)).ShouldBe((1, 1));

            // The same period again: nothing; the next period: once more.
            (await a.Services.GetRequiredService<JobRunner>().RunDueAsync()).ShouldNotContain("test.probe");
            a.Clock.Advance(TimeSpan.FromHours(1));
            b.Clock.Advance(TimeSpan.FromHours(1));
            (await Task.WhenAll(b.Services.GetRequiredService<JobRunner>().RunDueAsync(), a.Services.GetRequiredService<JobRunner>().RunDueAsync()))
                .Sum(r => r.Count(j => j == "test.probe")).ShouldBe(1);
            (await Rows(a)).ShouldBe((2, 2));
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            await Postgres.DropDatabaseAsync(database);
        }
    }

    private static Task<(int Runs, int Rows)> Rows(DcrcApp app) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DcrcDb>();
        return (await db.JobRuns.CountAsync(r => r.Job == "test.probe"), await db.CalendarDays.CountAsync(d => d.Name == "probe"));
    });
}
