using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Jobs;
using Dcrc.Tests.Infrastructure;
using Dcrc.Tests.Kernel.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Callbacks;

[Collection(PostgresCollection.Name)]
public class TwoInstanceTests
{
    private static Task<int> TasksAsync(DcrcApp app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters().CountAsync());

    [Fact]
    public async Task Two_instances_generate_each_task_once_and_a_crash_mid_generation_leaves_no_tasks()
    {
        var database = "dcrc_cb_" + Guid.NewGuid().ToString("N")[..12];
        await Postgres.CreateDatabaseAsync(database);
        await using var a = new Instance(database);
        await using var b = new Instance(database);
        try
        {
            await a.InitializeAsync();
            await b.InitializeAsync();
            b.Clock.Advance(a.Clock.GetUtcNow() - b.Clock.GetUtcNow());
            ProbeJob.FailAfterWriting = false;
            // 40 deliveries and 40 repair orders of the last days, recorded by another system (no tasks yet).
            var today = CallbackData.StoreToday(a);
            await a.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<DcrcDb>();
                var store = await db.Stores.Where(s => s.Code == "TH").Select(s => s.Id).SingleAsync();
                db.Transactions.AddRange(Enumerable.Range(0, 80).Select(i => new CustomerTransaction
                {
                    StoreId = store, CustomerId = 1_000_000 + i, VehicleId = 1_000_000 + i, Kind = i % 2 == 0 ? TransactionKind.Sale : TransactionKind.RepairOrder,
                    RepairType = i % 2 == 0 ? null : RepairType.Maintenance, Number = $"DUO{i:D4}", Date = today.AddDays(-(i % 10)), CreatedAt = DateTime.UtcNow,
                }));
                await db.SaveChangesAsync();
            });

            // A crash after the inserts, before the commit: nothing stays.
            await a.WithScopeAsync(async sp =>
            {
                sp.GetRequiredService<StoreScope>().AllowAll(null);
                var db = sp.GetRequiredService<DcrcDb>();
                await using var tx = await db.Database.BeginTransactionAsync();
                (await sp.GetRequiredService<CallbackGeneration>().GenerateAsync()).ShouldBe(40 * 4 + 40);
            });
            (await TasksAsync(a)).ShouldBe(0);

            // Both instances' schedulers in the same period: one runs the job.
            var runs = await Task.WhenAll(a.Services.GetRequiredService<JobRunner>().RunDueAsync(), b.Services.GetRequiredService<JobRunner>().RunDueAsync());
            runs.Sum(r => r.Count(j => j == "callbacks.generate")).ShouldBe(1);
            (await TasksAsync(a)).ShouldBe(200);

            // Both generating at the very same time outside the scheduler (e.g. the API on each): still once each.
            await a.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters().ExecuteDeleteAsync());
            Task<int> Generate(DcrcApp app) => app.WithScopeAsync(sp =>
            {
                sp.GetRequiredService<StoreScope>().AllowAll(null);
                return sp.GetRequiredService<CallbackGeneration>().GenerateAsync();
            });
            var made = await Task.WhenAll(Generate(a), Generate(b), Generate(a), Generate(b));
            made.Sum().ShouldBe(200);
            (await TasksAsync(b)).ShouldBe(200);
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            await Postgres.DropDatabaseAsync(database);
        }
    }
}
