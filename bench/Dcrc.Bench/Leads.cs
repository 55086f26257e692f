using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Kernel.Excel;
using Npgsql;
using NpgsqlTypes;

namespace Dcrc.Bench;

/// <summary>
/// Prospects benchmark data and driver. <see cref="GenerateAsync"/> writes <c>count</c> leads over the group's stores
/// with binary COPY: each store's leads shared by 20 consultants (its two demo consultants among them, the rest
/// synthetic ids), 20 % followed with a follow-up day within ±60 days, 10 % in the pool, the rest closed (lost, ordered,
/// unreachable) — three months of a busy group. <see cref="BatchFileAsync"/> writes an OEM batch file; <see cref="MeasureAsync"/>
/// times GET requests as one user.
/// </summary>
public static class Leads
{
    public static async Task GenerateAsync(string connectionString, int count)
    {
        var random = new Random(count);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var stores = new List<(int Id, string Code)>();
        await using (var cmd = new NpgsqlCommand("SELECT \"Id\", \"Code\" FROM \"Stores\" ORDER BY \"Id\"", conn))
        await using (var r = await cmd.ExecuteReaderAsync()) while (await r.ReadAsync()) stores.Add((r.GetInt32(0), r.GetString(1)));
        var consultants = new Dictionary<int, List<(string Id, string Name)>>();
        foreach (var (id, code) in stores)
        {
            var list = new List<(string, string)>();
            await using (var cmd = new NpgsqlCommand("SELECT \"Id\", \"DisplayName\" FROM \"AspNetUsers\" WHERE \"UserName\" IN (@a, @b) ORDER BY \"UserName\"", conn)
                { Parameters = { new("a", code.ToLowerInvariant() + ".sales"), new("b", code.ToLowerInvariant() + ".sales2") } })
            await using (var r = await cmd.ExecuteReaderAsync()) while (await r.ReadAsync()) list.Add((r.GetString(0), r.GetString(1)));
            for (var i = list.Count; i < 20; i++) list.Add(($"bench-{code}-{i}", $"顾问{i}"));
            consultants[id] = list;
        }
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now.AddHours(8));
        var started = Stopwatch.StartNew();
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY \"Leads\" (\"StoreId\", \"Name\", \"Mobile\", \"MobileLast4\", \"Gender\", \"IntentLevel\", \"PurchaseTiming\", \"Payment\", \"TradeIn\", \"Source\", \"State\", " +
            "\"ConsultantUserId\", \"ConsultantName\", \"AutoAssigned\", \"NextFollowUpOn\", \"Attempts\", \"PoolSince\", \"KeepsInterest\", \"CreatedAt\", \"UpdatedAt\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var store = stores[i % stores.Count].Id;
                var roll = random.Next(100);
                var state = roll < 20 ? 1 : roll < 30 ? 2 : roll < 55 ? 5 : roll < 85 ? 7 : 6; // Following, Pool, Lost, Ordered, Unreachable
                var (cid, cname) = consultants[store][random.Next(20)];
                var mobile = "1" + (3 + random.Next(7)) + random.Next(0, 1_000_000_000).ToString("D9");
                var created = now.AddMinutes(-random.Next(0, 90 * 24 * 60));
                await copy.StartRowAsync();
                await copy.WriteAsync(store, NpgsqlDbType.Integer);
                await copy.WriteAsync("客户" + (i % 10_000), NpgsqlDbType.Varchar);
                await copy.WriteAsync(mobile, NpgsqlDbType.Varchar);
                await copy.WriteAsync(mobile[^4..], NpgsqlDbType.Varchar);
                await copy.WriteAsync(random.Next(3), NpgsqlDbType.Integer);
                await copy.WriteAsync("HABC"[random.Next(4)].ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(random.Next(6), NpgsqlDbType.Integer);
                await copy.WriteAsync(random.Next(3), NpgsqlDbType.Integer);
                await copy.WriteAsync(random.Next(4) == 0, NpgsqlDbType.Boolean);
                await copy.WriteAsync(random.Next(8), NpgsqlDbType.Integer);
                await copy.WriteAsync(state, NpgsqlDbType.Integer);
                if (state == 2) { await copy.WriteNullAsync(); await copy.WriteNullAsync(); }
                else { await copy.WriteAsync(cid, NpgsqlDbType.Varchar); await copy.WriteAsync(cname, NpgsqlDbType.Varchar); }
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                if (state == 1) await copy.WriteAsync(today.AddDays(random.Next(-60, 61)), NpgsqlDbType.Date); else await copy.WriteNullAsync();
                await copy.WriteAsync(random.Next(6), NpgsqlDbType.Integer);
                if (state == 2) await copy.WriteAsync(created.AddDays(3), NpgsqlDbType.TimestampTz); else await copy.WriteNullAsync();
                await copy.WriteAsync(state == 5 && random.Next(3) == 0, NpgsqlDbType.Boolean);
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
        }
        await using (var cmd = new NpgsqlCommand("VACUUM ANALYZE \"Leads\"", conn) { CommandTimeout = 0 }) await cmd.ExecuteNonQueryAsync();
        Console.WriteLine($"  {count:N0} leads over {stores.Count} stores written in {started.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>An OEM batch file of <paramref name="count"/> leads with fresh mobiles (13x…, not among the generated ones' 1[3-9] spread by chance only).</summary>
    public static async Task BatchFileAsync(string path, int count)
    {
        var random = new Random(7);
        var used = new HashSet<string>();
        var rows = new List<IReadOnlyList<string?>>();
        for (var i = 0; i < count; i++)
        {
            string m;
            do m = "19" + random.Next(0, 1_000_000_000).ToString("D9"); while (!used.Add(m));
            rows.Add([$"BENCH{i:D6}", "厂家客户" + i, m, "锐际", "HABC"[i % 4].ToString()]);
        }
        await File.WriteAllBytesAsync(path, Spreadsheet.Write("厂家线索", ["厂家线索编号", "姓名", "手机号", "意向车系", "意向级别"], rows));
    }

    public static async Task MeasureAsync(string baseUrl, string user, string password, int requests, int parallel, string[] paths)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        // Warm up to the steady state a running server is in: 200 requests per path, 4 at a time, so the tiered JIT has
        // compiled the hot paths fully (after 20 the first few hundred measured requests still wait for its compiles).
        foreach (var path in paths)
            await Parallel.ForAsync(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, ct) => (await http.GetAsync(path, ct)).EnsureSuccessStatusCode());
        foreach (var path in paths)
        {
            var times = new List<double>();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) < requests)
                {
                    var watch = Stopwatch.StartNew();
                    var response = await http.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    watch.Stop();
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
                    lock (times) times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }));
            times.Sort();
            Console.WriteLine($"  {user,-12} GET {path,-40} p50 {times[times.Count / 2],7:F1} ms  p99 {times[Math.Min(times.Count - 1, (int)(times.Count * 0.99))],7:F1} ms");
        }
    }
}
