using Npgsql;
using NpgsqlTypes;

namespace Dcrc.Bench;

/// <summary>
/// Callback benchmark data: <c>count</c> vehicles' events in one store — 60 % deliveries (four tasks each), 40 % closed
/// repair orders (one service survey) — dated over the generation look-back (the last 30 days), written with binary
/// COPY. The generation job reads only the transactions, so customer and vehicle ids are synthetic.
/// </summary>
public static class CallbackEvents
{
    public static async Task RunAsync(string connectionString, int count, string storeCode)
    {
        var random = new Random(count);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        int store;
        await using (var cmd = new NpgsqlCommand("SELECT \"Id\" FROM \"Stores\" WHERE \"Code\" = @c", conn) { Parameters = { new("c", storeCode) } })
            store = (int)(await cmd.ExecuteScalarAsync())!;
        long first;
        await using (var cmd = new NpgsqlCommand("SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"Transactions\"", conn)) first = (long)(await cmd.ExecuteScalarAsync())!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var started = DateTime.UtcNow;
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY \"Transactions\" (\"StoreId\", \"CustomerId\", \"VehicleId\", \"Kind\", \"RepairType\", \"Number\", \"Date\", \"StaffName\", \"RepairTeam\", \"Breach\", \"CreatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var id = first + i;
                var sale = random.Next(100) < 60;
                await copy.StartRowAsync();
                await copy.WriteAsync(store, NpgsqlDbType.Integer);
                await copy.WriteAsync(10_000_000 + id, NpgsqlDbType.Bigint);
                await copy.WriteAsync(10_000_000 + id, NpgsqlDbType.Bigint);
                await copy.WriteAsync(sale ? 0 : 1, NpgsqlDbType.Integer);
                if (sale) await copy.WriteNullAsync(); else await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync($"B{(sale ? "XS" : "WX")}{id:D10}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(today.AddDays(-random.Next(0, 30)), NpgsqlDbType.Date);
                await copy.WriteAsync(sale ? $"顾问{random.Next(20)}" : $"服务顾问{random.Next(12)}", NpgsqlDbType.Varchar);
                if (sale) await copy.WriteNullAsync(); else await copy.WriteAsync($"维修{random.Next(1, 6)}组", NpgsqlDbType.Varchar);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        await using (var cmd = new NpgsqlCommand("VACUUM ANALYZE \"Transactions\"", conn) { CommandTimeout = 0 }) await cmd.ExecuteNonQueryAsync();
        Console.WriteLine($"  {count:N0} events (60 % deliveries, 40 % repair orders) written in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
    }
}
