using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dcrc.Tests.Infrastructure;

/// <summary>An empty database of either provider, without the app, for schema tests.</summary>
public sealed class FreshDatabase(bool sqlite) : IAsyncDisposable
{
    private readonly string _name = "dcrc_s_" + Guid.NewGuid().ToString("N")[..12];
    private string SqlitePath => Path.Combine(Path.GetTempPath(), _name + ".db");

    public string ConnectionString => sqlite ? $"Data Source={SqlitePath}" : Postgres.ConnectionString(_name);

    public async Task CreateAsync()
    {
        if (!sqlite) await Postgres.CreateDatabaseAsync(_name);
    }

    public DcrcDb Context()
    {
        var options = new DbContextOptionsBuilder<DcrcDb>();
        if (sqlite) options.UseSqlite(ConnectionString);
        else options.UseNpgsql(ConnectionString);
        return new DcrcDb(options.Options, StoreScope.Everything());
    }

    /// <summary>Table → column names, as the database reports them.</summary>
    public async Task<Dictionary<string, HashSet<string>>> ColumnsAsync()
    {
        var result = new Dictionary<string, HashSet<string>>();
        await using var db = Context();
        await db.Database.OpenConnectionAsync();
        var conn = db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sqlite
            ? "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'"
            : "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'";
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var table = reader.GetString(0);
            if (!result.TryGetValue(table, out var cols)) result[table] = cols = [];
            cols.Add(reader.GetString(1));
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (sqlite)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { SqlitePath, SqlitePath + "-wal", SqlitePath + "-shm" }) File.Delete(f);
        }
        else await Postgres.DropDatabaseAsync(_name);
    }
}
