using System.Data.Common;
using System.Text.RegularExpressions;
using Dcrc.Data;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Tests.Data;

/// <summary>
/// The hand-written scripts and the EF Core model must not drift apart: a database built by the scripts and one
/// built from the model's own create script (<c>GenerateCreateScript</c>, what a generated EF baseline would
/// create) have the same tables, columns (type, NOT NULL, identity), primary keys, indexes (columns, unique,
/// filter) and foreign keys. Only the indexes the scripts add on purpose as raw SQL may be extra; triggers,
/// operator classes, column defaults, statistics targets and column order are not compared.
/// </summary>
public abstract partial class SchemaDriftTests(bool sqlite) : IAsyncLifetime
{
    private readonly FreshDatabase _migrated = new(sqlite);
    private readonly FreshDatabase _fromModel = new(sqlite);

    /// <summary>Indexes that exist only in the scripts: group-level uniqueness and trigram/prefix search.</summary>
    private static readonly HashSet<string> RawSqlIndexes =
    [
        "IX_CalendarDays_Group_Date", "IX_SettingValues_Group_Key", // partial unique (StoreId IS NULL)
        "IX_Customers_Name_prefix", "IX_Customers_Name_trgm", "IX_Customers_NameKeys_trgm", "IX_Vehicles_PlateNumber_trgm",
    ];

    public async Task InitializeAsync()
    {
        await _migrated.CreateAsync();
        await _fromModel.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _migrated.DisposeAsync();
        await _fromModel.DisposeAsync();
    }

    [Fact]
    public async Task The_migrated_schema_is_the_schema_the_model_implies()
    {
        await using (var db = _migrated.Context()) await SchemaMigrator.MigrateAsync(db);
        await using (var db = _fromModel.Context())
        {
            var script = db.Database.GenerateCreateScript();
            await db.Database.OpenConnectionAsync();
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = script;
            await cmd.ExecuteNonQueryAsync();
            await db.Database.CloseConnectionAsync();
        }

        var migrated = await DescribeAsync(_migrated);
        var model = await DescribeAsync(_fromModel);

        model.Except(migrated).Order().ToList().ShouldBeEmpty("the model implies these, the scripts do not build them (write the next script)");
        migrated.Except(model).Where(line => !RawSqlIndexes.Contains(IndexName(line))).Order().ToList()
            .ShouldBeEmpty("the scripts build these, the model does not know them (change the model, or list a raw-SQL index here)");
        // The raw-SQL indexes are really there (on SQLite the trigram and prefix ones do not exist).
        migrated.Select(IndexName).ShouldContain("IX_SettingValues_Group_Key");
    }

    private static string IndexName(string line) => IndexLine().Match(line) is { Success: true } m ? m.Groups[1].Value : "";

    /// <summary>One line per column, primary key, index and foreign key, independent of order and formatting.</summary>
    private async Task<HashSet<string>> DescribeAsync(FreshDatabase database)
    {
        await using var db = database.Context();
        await db.Database.OpenConnectionAsync();
        var conn = db.Database.GetDbConnection();
        var lines = new HashSet<string>();
        foreach (var query in sqlite ? SqliteQueries : PostgresQueries)
            lines.UnionWith(await ReadAsync(conn, query));
        return lines;
    }

    private static async Task<List<string>> ReadAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var result = new List<string>();
        while (await reader.ReadAsync())
            result.Add(WhiteSpace().Replace(reader.GetString(0), " "));
        return result;
    }

    private const string SqliteTables =
        "FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__dcrc_schema'";

    private static readonly string[] SqliteQueries =
    [
        $"SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || ' notnull=' || p.\"notnull\" || ' pk=' || p.pk {SqliteTables.Replace("FROM sqlite_master m", "FROM sqlite_master m JOIN pragma_table_info(m.name) p")}",
        // Indexes by name (EF's and the scripts' names agree), with columns, uniqueness and the WHERE of a partial index.
        $"""
         SELECT 'index ' || i.name || ' on ' || m.name || '(' ||
                (SELECT group_concat(c.name, ',') FROM (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno) c) ||
                ') unique=' || i."unique" ||
                CASE WHEN i.partial = 1 THEN ' where ' || lower(substr(s.sql, instr(upper(s.sql), ' WHERE ') + 7)) ELSE '' END
         FROM sqlite_master m JOIN pragma_index_list(m.name) i LEFT JOIN sqlite_master s ON s.type = 'index' AND s.name = i.name
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__dcrc_schema' AND i.origin = 'c'
         """,
        $"SELECT 'unique ' || m.name || '(' || (SELECT group_concat(c.name, ',') FROM (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno) c) || ')' {SqliteTables.Replace("FROM sqlite_master m", "FROM sqlite_master m JOIN pragma_index_list(m.name) i")} AND i.origin = 'u'",
        $"SELECT 'fk ' || m.name || '.' || f.\"from\" || ' -> ' || f.\"table\" || '.' || ifnull(f.\"to\", '') || ' on delete ' || f.on_delete {SqliteTables.Replace("FROM sqlite_master m", "FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f")}",
    ];

    private const string PgTables =
        "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public' AND t.relkind = 'r' AND t.relname <> '__dcrc_schema'";

    private static readonly string[] PostgresQueries =
    [
        $"""
         SELECT 'column ' || t.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) ||
                ' notnull=' || a.attnotnull || ' identity=' || a.attidentity::text
         FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid {PgTables} AND a.attnum > 0 AND NOT a.attisdropped
         """,
        // Columns only (not operator classes): the scripts' varchar_pattern_ops on the pinyin indexes are raw SQL.
        $"""
         SELECT 'index ' || i.relname || ' on ' || t.relname || '(' ||
                (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum) ||
                ') unique=' || x.indisunique || ' primary=' || x.indisprimary ||
                coalesce(' where ' || pg_get_expr(x.indpred, x.indrelid), '')
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid {PgTables}
         """,
        $"SELECT 'constraint ' || t.relname || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid {PgTables} AND c.contype IN ('f', 'u', 'p')",
    ];

    [GeneratedRegex(@"^index (\S+) ")]
    private static partial Regex IndexLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

public class SchemaDriftTests_Sqlite() : SchemaDriftTests(true);
public class SchemaDriftTests_Postgres() : SchemaDriftTests(false);
