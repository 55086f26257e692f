using System.Text.Json;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Security;
using Npgsql;
using NpgsqlTypes;

namespace Dcrc.Bench;

/// <summary>
/// Fills the archive of a DCRC PostgreSQL database with generated customers (1.2 vehicles each) by binary
/// COPY. Values are built with the application's own code (pinyin keys, ID encryption and lookup hash with
/// the same secret), so the app finds them as it finds its own. A sample of the rows is written for the
/// measurement.
/// </summary>
public static class Generate
{
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private const string Given = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国志红梅海波宇浩然子涵欣怡梓轩雨泽思远博文晨阳嘉怡一鸣俊杰佳琪";
    private const string VinChars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private const string PlateChars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    public sealed record Sample(long Id, string Name, string Mobile, string IdNumber, string Vin, string Plate);

    public static async Task RunAsync(string connectionString, int count, string secretBase64, string samplesFile)
    {
        var personal = new PersonalData(new AppSecret(Convert.FromBase64String(secretBase64)));
        var random = new Random(count);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var stores = new List<int>();
        await using (var cmd = new NpgsqlCommand("SELECT \"Id\" FROM \"Stores\" ORDER BY \"Id\"", conn))
        await using (var r = await cmd.ExecuteReaderAsync()) while (await r.ReadAsync()) stores.Add(r.GetInt32(0));
        long firstId;
        await using (var cmd = new NpgsqlCommand("SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"Customers\"", conn)) firstId = (long)(await cmd.ExecuteScalarAsync())!;
        long firstVehicle;
        await using (var cmd = new NpgsqlCommand("SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"Vehicles\"", conn)) firstVehicle = (long)(await cmd.ExecuteScalarAsync())!;

        var samples = new List<Sample>();
        var now = DateTime.UtcNow;
        var started = DateTime.UtcNow;
        var vehicles = new List<(long Id, long CustomerId, int Store, string Vin, string Plate)>();
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY \"Customers\" (\"Id\", \"StoreId\", \"ArchiveNumber\", \"Type\", \"Status\", \"Name\", \"NameKeys\", \"NamePinyin\", \"NameInitials\", \"Gender\", \"Birthday\", \"IdNumberEncrypted\", \"IdNumberHash\", " +
            "\"Mobile\", \"MobileLast4\", \"Province\", \"City\", \"Referred\", \"Class\", \"Kind\", \"CreatedAt\", \"CreatedBy\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            var vehicleId = firstVehicle;
            for (var i = 0; i < count; i++)
            {
                var id = firstId + i;
                var store = stores[i % stores.Count];
                var name = Surnames[random.Next(Surnames.Length)] + (random.Next(3) == 0 ? "" + Given[random.Next(Given.Length)] : "") + Given[random.Next(Given.Length)];
                var mobile = "1" + "3456789"[random.Next(7)] + (id * 7919 % 1_000_000_000).ToString("D9");
                var birth = new DateOnly(1960 + random.Next(44), 1 + random.Next(12), 1 + random.Next(28));
                var male = random.Next(2) == 0;
                var first17 = $"4401{random.Next(1, 20):00}{birth:yyyyMMdd}{random.Next(50) * 2 + (male ? 1 : 0) + 100:000}";
                var idNumber = first17 + IdNumber.CheckCharacter(first17);
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Bigint);
                await copy.WriteAsync(store, NpgsqlDbType.Integer);
                await copy.WriteAsync($"BENCH-{id:D9}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(name, NpgsqlDbType.Varchar);
                var customer = new Customer();
                customer.SetName(name, person: true);
                await copy.WriteAsync(customer.NameKeys, NpgsqlDbType.Varchar);
                await copy.WriteAsync(customer.NamePinyin!, NpgsqlDbType.Varchar);
                await copy.WriteAsync(customer.NameInitials!, NpgsqlDbType.Varchar);
                await copy.WriteAsync(male ? 1 : 2, NpgsqlDbType.Integer);
                await copy.WriteAsync(birth, NpgsqlDbType.Date);
                await copy.WriteAsync(personal.Protect(idNumber)!, NpgsqlDbType.Varchar);
                await copy.WriteAsync(personal.LookupHash(idNumber)!, NpgsqlDbType.Varchar);
                await copy.WriteAsync(mobile, NpgsqlDbType.Varchar);
                await copy.WriteAsync(mobile[^4..], NpgsqlDbType.Varchar);
                await copy.WriteAsync("广东省", NpgsqlDbType.Varchar);
                await copy.WriteAsync("广州市", NpgsqlDbType.Varchar);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(1 + random.Next(3), NpgsqlDbType.Integer);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("bench", NpgsqlDbType.Varchar);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);

                string? firstVin = null, firstPlate = null;
                for (var v = 0; v < (i % 5 == 0 ? 2 : 1); v++)
                {
                    var body = "LTV" + new string(Enumerable.Range(0, 8).Select(_ => VinChars[random.Next(VinChars.Length)]).ToArray()) + (vehicleId % 1_000_000).ToString("D6");
                    var vin = body[..8] + Vin.CheckDigit(body) + body[9..];
                    var plate = "粤A" + new string(Enumerable.Range(0, 5).Select(_ => PlateChars[random.Next(PlateChars.Length)]).ToArray());
                    vehicles.Add((vehicleId++, id, store, vin, plate));
                    firstVin ??= vin;
                    firstPlate ??= plate;
                }
                // Samples from the first store, the one the measuring user (th.crm) works in.
                if (store == stores[0] && i % Math.Max(1, count / 1000) == 0) samples.Add(new Sample(id, name, mobile, idNumber, firstVin!, firstPlate!));
            }
            await copy.CompleteAsync();
        }
        Console.WriteLine($"customers: {count} in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
        started = DateTime.UtcNow;
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY \"Vehicles\" (\"Id\", \"StoreId\", \"CustomerId\", \"Vin\", \"VinLast6\", \"PlateNumber\", \"Model\", \"BoughtHere\", \"InsuredHere\", \"CreatedAt\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var v in vehicles)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(v.Id, NpgsqlDbType.Bigint);
                await copy.WriteAsync(v.Store, NpgsqlDbType.Integer);
                await copy.WriteAsync(v.CustomerId, NpgsqlDbType.Bigint);
                await copy.WriteAsync(v.Vin, NpgsqlDbType.Varchar);
                await copy.WriteAsync(v.Vin[^6..], NpgsqlDbType.Varchar);
                await copy.WriteAsync(v.Plate, NpgsqlDbType.Varchar);
                await copy.WriteAsync("卡罗拉", NpgsqlDbType.Varchar);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
        }
        Console.WriteLine($"vehicles: {vehicles.Count} in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
        // Explicit ids were copied: move the identity sequences past them.
        await using (var cmd = new NpgsqlCommand(
            "SELECT setval(pg_get_serial_sequence('\"Customers\"', 'Id'), (SELECT MAX(\"Id\") FROM \"Customers\"));" +
            "SELECT setval(pg_get_serial_sequence('\"Vehicles\"', 'Id'), (SELECT MAX(\"Id\") FROM \"Vehicles\"));", conn) { CommandTimeout = 600 })
            await cmd.ExecuteNonQueryAsync();
        // Settle the tables as a working database is: statistics for the planner, and the vacuum a bulk insert
        // triggers done now rather than by autovacuum in the middle of the measurement. (One statement per
        // command: VACUUM cannot run in the implicit transaction of a multi-statement command.)
        foreach (var table in new[] { "Customers", "Vehicles" })
        {
            await using var vacuum = new NpgsqlCommand($"VACUUM (ANALYZE) \"{table}\"", conn) { CommandTimeout = 1200 };
            await vacuum.ExecuteNonQueryAsync();
        }
        // And write out what the load and the vacuum dirtied, so no checkpoint stalls the measurement.
        await using (var checkpoint = new NpgsqlCommand("CHECKPOINT", conn) { CommandTimeout = 1200 })
            await checkpoint.ExecuteNonQueryAsync();
        if (!File.Exists(samplesFile)) await File.WriteAllTextAsync(samplesFile, JsonSerializer.Serialize(samples));
    }
}
