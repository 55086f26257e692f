using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dcrc.Tests.Kernel;

/// <summary>Read entries go through the background queue: every one is written, in order, and the chain still verifies.</summary>
public abstract class AuditQueueTests(DcrcApp app)
{
    [Fact]
    public async Task Parallel_archive_reads_are_all_audited_and_the_chain_verifies()
    {
        var client = await app.ApiAs("th.crm");
        var created = await client.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name = "队列读者", mobile = "137" + Random.Shared.Next(10_000_000, 99_999_999) });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var reads = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.GetAsync($"/api/v1/customers/{id}")));
        reads.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        await app.AuditWrittenAsync();

        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            (await db.AuditEntries.CountAsync(e => e.Action == "customers.read" && e.EntityId == id.ToString() && e.UserName == "th.crm")).ShouldBe(40);
            (await AuditLog.VerifyAsync(db, sp.GetRequiredService<AuditKey>())).Intact.ShouldBeTrue();
        });
    }

    [Fact]
    public async Task Queued_entries_keep_their_order_and_interleave_with_direct_writes_on_one_chain()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await app.WithScopeAsync(async sp =>
        {
            var audit = sp.GetRequiredService<AuditLog>();
            for (var i = 0; i < 60; i++)
            {
                if (i % 20 == 10) await audit.WriteAsync("test.change", $"{tag} change {i}"); // a change, in its own transaction, meanwhile
                await audit.WriteReadsAsync([new AuditLog.Line("test.read", $"{tag} read {i}a"), new AuditLog.Line("test.read", $"{tag} read {i}b")]);
            }
        });
        await app.AuditWrittenAsync();

        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            var reads = await db.AuditEntries.Where(e => e.Action == "test.read" && e.Summary.StartsWith(tag)).OrderBy(e => e.Id).Select(e => e.Summary).ToListAsync();
            reads.ShouldBe(Enumerable.Range(0, 60).SelectMany(i => new[] { $"{tag} read {i}a", $"{tag} read {i}b" }));
            (await db.AuditEntries.CountAsync(e => e.Action == "test.change" && e.Summary.StartsWith(tag))).ShouldBe(3);
            (await AuditLog.VerifyAsync(db, sp.GetRequiredService<AuditKey>())).Intact.ShouldBeTrue();
        });
    }

    [Fact]
    public async Task A_run_that_ended_without_writing_out_its_queue_is_recorded_at_the_next_start()
    {
        var instance = "test-" + Guid.NewGuid().ToString("N")[..8];
        AuditQueue Queue() => new(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<AuditKey>(), TimeProvider.System,
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Dcrc:InstanceName"] = instance }).Build(), NullLogger<AuditQueue>.Instance);

        var crashed = Queue();
        await crashed.StartAsync(CancellationToken.None); // and never stopped
        var next = Queue();
        await next.StartAsync(CancellationToken.None);
        await next.StopAsync(CancellationToken.None);
        var clean = Queue();
        await clean.StartAsync(CancellationToken.None);
        await clean.StopAsync(CancellationToken.None);

        var actions = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries
            .Where(e => e.EntityType == "Instance" && e.EntityId == instance).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        actions.ShouldBe([AuditActions.QueueStarted, AuditActions.QueueUnclean, AuditActions.QueueStarted, AuditActions.QueueStopped, AuditActions.QueueStarted, AuditActions.QueueStopped]);
    }
}

[Collection(SqliteCollection.Name)] public class AuditQueueTests_Sqlite(SqliteApp app) : AuditQueueTests(app);
[Collection(PostgresCollection.Name)] public class AuditQueueTests_Postgres(PostgresApp app) : AuditQueueTests(app);
