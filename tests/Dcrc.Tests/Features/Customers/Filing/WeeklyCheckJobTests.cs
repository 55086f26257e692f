using Dcrc.Data;
using Dcrc.Features.Customers.Filing;
using Dcrc.Kernel.Jobs;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Customers.Filing;

public abstract class WeeklyCheckJobTests(DcrcApp app)
{
    [Fact]
    public async Task The_job_draws_each_stores_weekly_sample_once()
    {
        // A week nobody has drawn yet: three weeks ahead.
        var moved = TimeSpan.FromDays(21);
        app.Clock.Advance(moved);
        try
        {
            var runner = app.Services.GetRequiredService<JobRunner>();
            (await runner.RunDueAsync()).ShouldContain("archive.weeklyCheck");
            var weeks = await app.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<DcrcDb>();
                var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
                var week = AuditWeek.StartOf(today);
                return await db.ArchiveChecks.IgnoreQueryFilters().Where(c => c.WeekStart == week).GroupBy(c => new { c.StoreId, c.Kind }).Select(g => g.Count()).ToListAsync();
            });
            weeks.Count.ShouldBe(4); // sales and repair orders of both demo stores
            weeks.ShouldAllBe(n => n == 10);
            (await runner.RunDueAsync()).ShouldNotContain("archive.weeklyCheck"); // the same hour: nothing

            app.Clock.Advance(TimeSpan.FromHours(1));
            moved += TimeSpan.FromHours(1);
            (await runner.RunDueAsync()).ShouldContain("archive.weeklyCheck"); // runs again, draws nothing new
            var total = await app.WithScopeAsync(sp =>
            {
                var week = AuditWeek.StartOf(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8)));
                return sp.GetRequiredService<DcrcDb>().ArchiveChecks.IgnoreQueryFilters().CountAsync(c => c.WeekStart == week);
            });
            total.ShouldBe(40);
        }
        finally
        {
            app.Clock.Advance(-moved);
        }
    }
}

[Collection(SqliteCollection.Name)] public class WeeklyCheckJobTests_Sqlite(SqliteApp app) : WeeklyCheckJobTests(app);
[Collection(PostgresCollection.Name)] public class WeeklyCheckJobTests_Postgres(PostgresApp app) : WeeklyCheckJobTests(app);
