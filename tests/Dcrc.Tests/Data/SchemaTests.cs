using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Tests.Data;

/// <summary>The versioned scripts build exactly the EF Core model, upgrade old databases in place, and keep the audit log append-only.</summary>
public abstract class SchemaTests(bool sqlite) : IAsyncLifetime
{
    private readonly FreshDatabase _fresh = new(sqlite);
    private static readonly AuditKey Key = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    public Task InitializeAsync() => _fresh.CreateAsync();
    public Task DisposeAsync() => _fresh.DisposeAsync().AsTask();

    [Fact]
    public async Task Migrations_build_every_table_and_column_of_the_model()
    {
        await using var db = _fresh.Context();
        (await SchemaMigrator.MigrateAsync(db)).ShouldBe(SchemaMigrator.LatestVersion(sqlite));
        var actual = await _fresh.ColumnsAsync();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            actual.ShouldContainKey(table);
            foreach (var property in entity.GetProperties())
                actual[table].ShouldContain(property.GetColumnName(), $"{table}.{property.GetColumnName()}");
        }
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var db = _fresh.Context();
        var first = await SchemaMigrator.MigrateAsync(db);
        (await SchemaMigrator.MigrateAsync(db)).ShouldBe(first);
    }

    [Fact]
    public async Task A_database_at_the_previous_version_is_upgraded_with_its_data_intact()
    {
        var latest = SchemaMigrator.LatestVersion(sqlite);
        var previous = SchemaMigrator.Scripts(sqlite)[^2].Version; // numbers may skip those kept for other branches
        await using (var db = _fresh.Context())
        {
            (await SchemaMigrator.MigrateAsync(db, upTo: previous)).ShouldBe(previous);
            db.Stores.Add(new Store { Code = "OLD", Name = "老门店", City = "佛山市" });
            db.Departments.Add(new Department { Code = "DCRC", Name = "客户关系部" });
            await db.SaveChangesAsync();
        }
        await using (var db = _fresh.Context())
        {
            (await SchemaMigrator.MigrateAsync(db)).ShouldBe(latest);
            var store = await db.Stores.SingleAsync();
            store.Name.ShouldBe("老门店");
            store.City.ShouldBe("佛山市");
            (await db.Departments.SingleAsync()).Code.ShouldBe("DCRC");
            // The new version's tables work on the upgraded database.
            await new AuditLog(db, new HttpContextAccessor(), TimeProvider.System, StoreScope.Everything(), Key).WriteAsync("test.upgrade", "after upgrade");
            (await AuditLog.VerifyAsync(db, Key)).Intact.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Archives_from_before_the_pinyin_columns_get_them_after_the_upgrade()
    {
        await using (var db = _fresh.Context())
        {
            await SchemaMigrator.MigrateAsync(db, upTo: 4);
            db.Stores.Add(new Store { Code = "OLD", Name = "老门店" });
            await db.SaveChangesAsync();
            // As a version-4 application would have written it (no pinyin columns yet).
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"Customers\" (\"StoreId\", \"ArchiveNumber\", \"Type\", \"Status\", \"Name\", \"NameKeys\", \"Gender\", \"Referred\", \"Class\", \"Kind\", \"CreatedAt\", \"Version\") " +
                "SELECT \"Id\", 'OLD-1', 0, 1, '曾小贤', 'zengxiaoxian zxx', 1, false, 3, 0, {0}, 0 FROM \"Stores\"", DateTime.UtcNow);
        }
        await using (var db = _fresh.Context())
        {
            await SchemaMigrator.MigrateAsync(db);
            await Dcrc.Features.Customers.CustomerBackfill.RunAsync(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            var c = await db.Customers.SingleAsync();
            (c.Name, c.NamePinyin, c.NameInitials).ShouldBe(("曾小贤", "zengxiaoxian", "zxx"));
        }
    }

    [Fact]
    public async Task Archives_of_a_surname_with_another_reading_get_every_reading_after_the_upgrade()
    {
        await using (var db = _fresh.Context())
        {
            await SchemaMigrator.MigrateAsync(db, upTo: 15);
            db.Stores.Add(new Store { Code = "OLD", Name = "老门店" });
            await db.SaveChangesAsync();
            // As a version-15 application wrote it: the surname reading only.
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"Customers\" (\"StoreId\", \"ArchiveNumber\", \"Type\", \"Status\", \"Name\", \"NameKeys\", \"NamePinyin\", \"NameInitials\", \"Gender\", \"Referred\", \"Class\", \"Kind\", \"CreatedAt\", \"Version\") " +
                "SELECT \"Id\", 'OLD-1', 0, 1, '朴志勇', 'piaozhiyong pzy', 'piaozhiyong', 'pzy', 1, false, 3, 0, {0}, 0 FROM \"Stores\"", DateTime.UtcNow);
        }
        await using (var db = _fresh.Context())
        {
            await SchemaMigrator.MigrateAsync(db);
            await Dcrc.Features.Customers.CustomerBackfill.RunAsync(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            var c = await db.Customers.SingleAsync();
            (c.NamePinyin, c.NameInitials).ShouldBe(("piaozhiyong", "pzy"));
            c.NameKeys.Split(' ').ShouldContain("puzhiyong");
        }
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_entries()
    {
        await using var db = _fresh.Context();
        await SchemaMigrator.MigrateAsync(db);
        await new AuditLog(db, new HttpContextAccessor(), TimeProvider.System, StoreScope.Everything(), Key).WriteAsync("test.entry", "original");
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Summary\" = 'forged'"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));
        (await db.AuditEntries.AsNoTracking().SingleAsync()).Summary.ShouldBe("original");
    }

    [Fact]
    public async Task Verification_finds_an_entry_altered_behind_the_applications_back()
    {
        await using var db = _fresh.Context();
        await SchemaMigrator.MigrateAsync(db);
        var audit = new AuditLog(db, new HttpContextAccessor(), TimeProvider.System, StoreScope.Everything(), Key);
        for (var i = 0; i < 5; i++) await audit.WriteAsync("test.entry", $"entry {i}");
        var before = await AuditLog.VerifyAsync(db, Key);
        (before.Intact, before.Checked, before.LastHash).ShouldBe((true, 5L, await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstAsync()));

        // Someone with database rights drops the guard and rewrites entry 3.
        var victim = await db.AuditEntries.OrderBy(e => e.Id).Skip(2).Select(e => e.Id).FirstAsync();
        await db.Database.ExecuteSqlRawAsync(sqlite ? "DROP TRIGGER \"AuditEntries_no_update\"" : "DROP TRIGGER \"AuditEntries_no_update_delete\" ON \"AuditEntries\"");
        await db.Database.ExecuteSqlRawAsync($"UPDATE \"AuditEntries\" SET \"Summary\" = 'forged' WHERE \"Id\" = {victim}");

        var result = await AuditLog.VerifyAsync(db, Key);
        result.Intact.ShouldBeFalse();
        result.FirstBrokenId.ShouldBe(victim);
        result.Checked.ShouldBe(2);
    }
}

public class SchemaTests_Sqlite() : SchemaTests(true);
public class SchemaTests_Postgres() : SchemaTests(false);
