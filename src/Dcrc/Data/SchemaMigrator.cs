using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Data;

/// <summary>
/// Applies the versioned SQL scripts in Data/Migrations/{Sqlite|Postgres}/NNNN_name.sql, in order, each in
/// its own transaction, recording them in <c>__dcrc_schema</c>. The scripts are the migrations (generated EF
/// migrations were tried and not taken: README, "Schema and migrations"); a new script starts from
/// `dotnet run --project src/Dcrc -- schema-script`, and SchemaDriftTests fails when scripts and model differ.
/// On PostgreSQL an advisory lock keeps two starting instances from migrating at once.
/// </summary>
public static partial class SchemaMigrator
{
    public sealed record Script(int Version, string Name, string Sql);

    public static IReadOnlyList<Script> Scripts(bool sqlite)
    {
        var folder = sqlite ? "Sqlite" : "Postgres";
        var prefix = $"Dcrc.Data.Migrations.{folder}.";
        var asm = Assembly.GetExecutingAssembly();
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..];
                var m = ScriptName().Match(file);
                if (!m.Success) throw new InvalidOperationException($"Migration script name {file} must look like 0001_name.sql");
                using var reader = new StreamReader(asm.GetManifestResourceStream(n)!);
                return new Script(int.Parse(m.Groups[1].Value), m.Groups[2].Value, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }

    private const long LockKey = 7151001;

    /// <summary>
    /// Runs <paramref name="work"/> while holding the start-up lock (PostgreSQL; SQLite has one process), so
    /// two instances starting together migrate and seed one after the other. The lock is re-entrant.
    /// </summary>
    public static async Task UnderStartupLockAsync(DcrcDb db, Func<Task> work)
    {
        if (db.IsSqlite) { await work(); return; }
        await db.Database.OpenConnectionAsync();
        var conn = db.Database.GetDbConnection();
        try
        {
            await ExecAsync(conn, null, $"SELECT pg_advisory_lock({LockKey});", CancellationToken.None);
            try { await work(); }
            finally { await ExecAsync(conn, null, $"SELECT pg_advisory_unlock({LockKey});", CancellationToken.None); }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static int LatestVersion(bool sqlite) => Scripts(sqlite).Max(s => s.Version);

    /// <summary>Brings the database up to <paramref name="upTo"/> (default: the latest script).</summary>
    public static async Task<int> MigrateAsync(DcrcDb db, int? upTo = null, CancellationToken ct = default)
    {
        var sqlite = db.IsSqlite;
        var conn = db.Database.GetDbConnection();
        var locked = false;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (sqlite)
            {
                // WAL lets readers go on while a writer writes; the busy timeout makes writers queue.
                await ExecAsync(conn, null, "PRAGMA journal_mode=WAL;", ct);
                await ExecAsync(conn, null, "CREATE TABLE IF NOT EXISTS __dcrc_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);", ct);
            }
            else
            {
                await ExecAsync(conn, null, $"SELECT pg_advisory_lock({LockKey});", ct);
                locked = true;
                await ExecAsync(conn, null, "CREATE TABLE IF NOT EXISTS __dcrc_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL);", ct);
            }
            var current = await CurrentVersionAsync(conn, ct);
            foreach (var script in Scripts(sqlite).Where(s => s.Version > current && (upTo is null || s.Version <= upTo)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await ExecAsync(conn, tx, script.Sql, ct);
                await using var record = conn.CreateCommand();
                record.Transaction = tx;
                record.CommandText = sqlite
                    ? "INSERT INTO __dcrc_schema (version, name, applied_at) VALUES ($v, $n, datetime('now'))"
                    : "INSERT INTO __dcrc_schema (version, name, applied_at) VALUES ($1, $2, now())";
                AddParam(record, sqlite ? "$v" : null, script.Version);
                AddParam(record, sqlite ? "$n" : null, script.Name);
                await record.ExecuteNonQueryAsync(ct);
                await tx.CommitAsync(ct);
                current = script.Version;
            }
            return current;
        }
        finally
        {
            if (locked) await ExecAsync(conn, null, $"SELECT pg_advisory_unlock({LockKey});", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<int> CurrentVersionAsync(DcrcDb db)
    {
        await db.Database.OpenConnectionAsync();
        try { return await CurrentVersionAsync(db.Database.GetDbConnection(), default); }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    private static async Task<int> CurrentVersionAsync(DbConnection conn, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM __dcrc_schema";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
    }

    private static async Task ExecAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParam(DbCommand cmd, string? name, object value)
    {
        var p = cmd.CreateParameter();
        if (name != null) p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    [GeneratedRegex(@"^(\d{4})_([A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
