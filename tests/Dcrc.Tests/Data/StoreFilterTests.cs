using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Tests.Data;

/// <summary>Any entity that says it belongs to a store is filtered by the request's store scope, without the query asking.</summary>
public class StoreFilterTests
{
    private sealed class Note : IStoreOwned
    {
        public int Id { get; set; }
        public int StoreId { get; set; }
        public string Text { get; set; } = "";
    }

    private sealed class NotesDb(DbContextOptions<DcrcDb> options, StoreScope scope) : DcrcDb(options, scope)
    {
        protected override void OnModelCreating(ModelBuilder b)
        {
            b.Entity<Note>();
            base.OnModelCreating(b);
        }
    }

    private static async Task<(SqliteConnection, DbContextOptions<DcrcDb>)> SeedAsync()
    {
        var conn = new SqliteConnection("Data Source=:memory:");
        await conn.OpenAsync();
        var options = new DbContextOptionsBuilder<DcrcDb>().UseSqlite(conn).Options;
        await using var db = new NotesDb(options, StoreScope.Everything());
        await db.Database.EnsureCreatedAsync();
        db.Set<Note>().AddRange(new Note { StoreId = 1, Text = "天河" }, new Note { StoreId = 2, Text = "南山" }, new Note { StoreId = 3, Text = "佛山" });
        await db.SaveChangesAsync();
        return (conn, options);
    }

    private static async Task<List<string>> VisibleAsync(DbContextOptions<DcrcDb> options, StoreScope scope)
    {
        await using var db = new NotesDb(options, scope);
        return await db.Set<Note>().OrderBy(n => n.StoreId).Select(n => n.Text).ToListAsync();
    }

    [Fact]
    public async Task Queries_return_only_the_stores_in_scope()
    {
        var (conn, options) = await SeedAsync();
        await using var _ = conn;
        var two = new StoreScope();
        two.Restrict([1, 3], null);
        (await VisibleAsync(options, two)).ShouldBe(["天河", "佛山"]);
        var switched = new StoreScope();
        switched.Restrict([1, 3], 3);
        (await VisibleAsync(options, switched)).ShouldBe(["佛山"]);
        (await VisibleAsync(options, new StoreScope())).ShouldBeEmpty();
        (await VisibleAsync(options, StoreScope.Everything())).Count.ShouldBe(3);
    }
}
