using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Dcrc.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Kernel;

/// <summary>
/// An app on a database and data directory of its own, which a test may damage and start again
/// (another environment, another secret).
/// </summary>
public sealed class OwnApp(bool sqlite, string dir, string? database, string environment = "Testing", Dictionary<string, string?>? extra = null) : DcrcApp
{
    public override string Provider => sqlite ? "sqlite" : "postgres";
    public string Dir => dir;

    protected override Dictionary<string, string?> DatabaseSettings()
    {
        var settings = sqlite
            ? new Dictionary<string, string?> { ["Dcrc:Database:Provider"] = "sqlite" }
            : new Dictionary<string, string?> { ["Dcrc:Database:Provider"] = "postgres", ["ConnectionStrings:Dcrc"] = Postgres.ConnectionString(database!) };
        settings["Dcrc:DataDirectory"] = dir;
        settings["Dcrc:Audit:CheckpointDirectory"] = dir + "-audit";
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
    }
}

/// <summary>A database and data directory that outlive the app instances started on them.</summary>
public sealed class OwnInstallation(bool sqlite) : IAsyncDisposable
{
    public bool Sqlite => sqlite;
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "dcrc-own-" + Guid.NewGuid().ToString("N"));
    public string? Database { get; } = sqlite ? null : "dcrc_o_" + Guid.NewGuid().ToString("N")[..12];

    public async Task<OwnApp> StartAsync(string environment = "Testing", Dictionary<string, string?>? extra = null)
    {
        if (Database is not null && !_created) { await Postgres.CreateDatabaseAsync(Database); _created = true; }
        var app = new OwnApp(sqlite, Dir, Database, environment, extra) { CustomersPerStore = 0 };
        await app.InitializeAsync();
        return app;
    }

    private bool _created;

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Database is not null && _created) await Postgres.DropDatabaseAsync(Database);
        foreach (var d in new[] { Dir, Dir + "-audit" })
            try { Directory.Delete(d, true); } catch (IOException) { }
    }
}

/// <summary>
/// The audit log's tampering cases of the security review: cut at its tail, emptied, rewound to an earlier
/// mark, re-chained with the database's key, ids with a gap, triggers dropped, the checkpoint file altered.
/// </summary>
public abstract class AuditIntegrityTests(bool sqlite) : IAsyncLifetime
{
    private readonly OwnInstallation _installation = new(sqlite);
    private OwnApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await _installation.StartAsync();
        await _app.WithScopeAsync(async sp =>
        {
            var audit = sp.GetRequiredService<AuditLog>();
            for (var i = 0; i < 10; i++) await audit.WriteAsync("test.entry", $"entry {i}");
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _installation.DisposeAsync();
    }

    private Task<AuditIntegrity.Report> CheckAsync() => _app.WithScopeAsync(async sp =>
    {
        await _app.AuditWrittenAsync();
        return await AuditIntegrity.CheckAsync(sp.GetRequiredService<DcrcDb>(), sp.GetRequiredService<AuditKey>(), sp.GetRequiredService<AuditCheckpoints>());
    });

    private Task CheckpointAsync() => _app.WithScopeAsync(async sp =>
    {
        await _app.AuditWrittenAsync();
        await sp.GetRequiredService<AuditCheckpoints>().WriteAsync(sp.GetRequiredService<DcrcDb>());
    });

    /// <summary>As someone with database rights would: drop the guard, run the statement, put the guard back.</summary>
    private Task TamperAsync(string sql) => _app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DcrcDb>();
        await DropTriggersAsync(db);
        await db.Database.ExecuteSqlRawAsync(sql);
        await AuditGuard.RestoreAsync(db, await AuditGuard.MissingTriggersAsync(db));
    });

    private Task DropTriggersAsync(DcrcDb db) => db.Database.ExecuteSqlRawAsync(sqlite
        ? "DROP TRIGGER \"AuditEntries_no_update\"; DROP TRIGGER \"AuditEntries_no_delete\";"
        : "DROP TRIGGER \"AuditEntries_no_update_delete\" ON \"AuditEntries\"; DROP TRIGGER \"AuditEntries_no_truncate\" ON \"AuditEntries\";");

    private Task<long> HeadAsync() => _app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.MaxAsync(e => e.Id));

    private static IEnumerable<string> Codes(AuditIntegrity.Report r) => r.Problems.Select(p => p.Code);

    [Fact]
    public async Task An_untouched_log_with_its_checkpoint_verifies()
    {
        await CheckpointAsync();
        var report = await CheckAsync();
        report.Problems.ShouldBeEmpty();
        report.Intact.ShouldBeTrue();
        report.LatestCheckpoint!.Id.ShouldBe(report.LastId);
    }

    [Fact]
    public async Task Entries_cut_off_the_end_are_found_by_the_checkpoint()
    {
        await CheckpointAsync();
        var head = await HeadAsync();
        await TamperAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" > {head - 3}");
        var report = await CheckAsync();
        report.Intact.ShouldBeFalse();
        report.Problems.ShouldContain(new AuditIntegrity.Problem("CutAtTail", head, head - 3));
    }

    [Fact]
    public async Task An_emptied_log_is_found()
    {
        await CheckpointAsync();
        await TamperAsync("DELETE FROM \"AuditEntries\"");
        var report = await CheckAsync();
        report.Intact.ShouldBeFalse();
        Codes(report).ShouldContain("CutAtTail");
    }

    [Fact]
    public async Task A_log_rewound_to_an_earlier_mark_and_written_on_is_found()
    {
        var mark = await HeadAsync();
        await _app.WithScopeAsync(async sp =>
        {
            for (var i = 0; i < 5; i++) await sp.GetRequiredService<AuditLog>().WriteAsync("test.later", $"later {i}");
        });
        await CheckpointAsync();
        await TamperAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" > {mark}");
        // The application goes on writing after the rewind: the ids are reused, with other hashes.
        await _app.WithScopeAsync(async sp =>
        {
            for (var i = 0; i < 6; i++) await sp.GetRequiredService<AuditLog>().WriteAsync("test.after", $"after {i}");
        });
        var report = await CheckAsync();
        report.Intact.ShouldBeFalse();
        Codes(report).ShouldContain("CheckpointMismatch");
    }

    [Fact]
    public async Task A_chain_recomputed_with_the_database_key_is_found_by_the_checkpoint()
    {
        await CheckpointAsync();
        await _app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            var key = sp.GetRequiredService<AuditKey>();
            await DropTriggersAsync(db);
            var entries = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
            entries[3].Summary = "forged";
            var previous = AuditLog.Genesis;
            foreach (var e in entries)
            {
                e.PreviousHash = previous;
                e.Hash = AuditLog.HashOf(e, key);
                previous = e.Hash;
            }
            await db.SaveChangesAsync();
            (await AuditLog.VerifyAsync(db, key)).Intact.ShouldBeTrue(); // the chain alone cannot tell
            await AuditGuard.RestoreAsync(db, await AuditGuard.MissingTriggersAsync(db));
        });
        var report = await CheckAsync();
        report.Intact.ShouldBeFalse();
        Codes(report).ShouldContain("CheckpointMismatch");
    }

    [Fact]
    public async Task A_gap_in_the_ids_is_found_even_when_the_chain_was_recomputed()
    {
        await _app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            var key = sp.GetRequiredService<AuditKey>();
            await DropTriggersAsync(db);
            var victim = await db.AuditEntries.OrderBy(e => e.Id).Skip(4).Select(e => e.Id).FirstAsync();
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {victim}");
            var entries = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
            var previous = AuditLog.Genesis;
            foreach (var e in entries) { e.PreviousHash = previous; e.Hash = AuditLog.HashOf(e, key); previous = e.Hash; }
            await db.SaveChangesAsync();
            await AuditGuard.RestoreAsync(db, await AuditGuard.MissingTriggersAsync(db));
            var chain = await AuditLog.VerifyAsync(db, key);
            chain.Intact.ShouldBeFalse();
            chain.Gap.ShouldBeTrue();
            chain.FirstBrokenId.ShouldBe(victim + 1);
        });
        Codes(await CheckAsync()).ShouldContain("Gap");
    }

    [Fact]
    public async Task Dropped_triggers_are_reported_refused_in_production_and_put_back_elsewhere()
    {
        await _app.WithScopeAsync(sp => DropTriggersAsync(sp.GetRequiredService<DcrcDb>()));
        Codes(await CheckAsync()).ShouldContain("Triggers");
        await _app.DisposeAsync();

        var refused = await Should.ThrowAsync<Exception>(() => _installation.StartAsync("Production",
            new() { ["Dcrc:Security:AllowSecretInDataDirectory"] = "true" }));
        Flatten(refused).ShouldContain("triggers are missing");

        _app = await _installation.StartAsync();
        await _app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            (await AuditGuard.MissingTriggersAsync(db)).ShouldBeEmpty();
            (await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TriggersRestored)).ShouldBeTrue();
        });
        (await CheckAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task An_altered_checkpoint_file_is_found()
    {
        await CheckpointAsync();
        var file = _app.Services.GetRequiredService<AuditCheckpoints>().FilePath;
        var lines = await File.ReadAllLinesAsync(file);
        var fields = lines[^1].Split('\t');
        fields[0] = (long.Parse(fields[0]) - 2).ToString(); // point the checkpoint at an earlier entry
        lines[^1] = string.Join('\t', fields);
        await File.WriteAllLinesAsync(file, lines);
        var report = await CheckAsync();
        report.Intact.ShouldBeFalse();
        report.Problems.ShouldContain(new AuditIntegrity.Problem("CheckpointForged", lines.Length));
    }

    [Fact]
    public async Task The_api_reports_each_finding_in_words()
    {
        var client = await _app.ApiAs("auditadmin");
        await CheckpointAsync();
        var head = await HeadAsync();
        await TamperAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" > {head - 2}");
        var body = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, "/api/v1/audit/verify");
        body.GetProperty("intact").GetBoolean().ShouldBeFalse();
        var problem = body.GetProperty("problems")[0];
        problem.GetProperty("code").GetString().ShouldBe("CutAtTail");
        problem.GetProperty("message").GetString()!.ShouldContain($"第 {head} 条");
    }

    internal static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}

public class AuditIntegrityTests_Sqlite() : AuditIntegrityTests(true);
public class AuditIntegrityTests_Postgres() : AuditIntegrityTests(false);
