using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Kernel.Pinyin;

namespace Dcrc.Bench;

/// <summary>
/// Screen pop and search latency through the HTTP API, as a client sees it: for each scenario, requests built
/// from the sampled rows, a few in parallel, p50/p99 in milliseconds. Every request must succeed.
/// </summary>
public static class Measure
{
    public sealed record Scenario(string Name, Func<Generate.Sample, string> Path);

    public static readonly Scenario[] Scenarios =
    [
        new("screen pop: GET /lookup/phone/{mobile}", s => $"/api/v1/lookup/phone/{s.Mobile}"),
        new("VIN: GET /vehicles/{vin}", s => $"/api/v1/vehicles/{s.Vin}"),
        new("ID number: GET /customers?q={id}", s => $"/api/v1/customers?q={s.IdNumber}"),
        new("mobile: GET /customers?q={mobile}", s => $"/api/v1/customers?q={s.Mobile}"),
        new("pinyin full: q=zhangwei", s => $"/api/v1/customers?q={Pinyin.Full(s.Name)}"),
        new("pinyin initials: q=zw", s => $"/api/v1/customers?q={Pinyin.Initials(s.Name)}"),
        new("name fragment: q=张伟", s => $"/api/v1/customers?q={Uri.EscapeDataString(s.Name[..Math.Min(2, s.Name.Length)])}"),
        new("plate fragment: q=粤A1B2", s => $"/api/v1/customers?q={Uri.EscapeDataString(s.Plate[..5])}"),
        new("mobile last 4: q=1234", s => $"/api/v1/customers?q={s.Mobile[^4..]}"),
    ];

    public static async Task<List<(string Scenario, double P50, double P99)>> RunAsync(string baseUrl, string user, string password, string samplesFile, int requests, int parallel)
    {
        var samples = JsonSerializer.Deserialize<List<Generate.Sample>>(await File.ReadAllTextAsync(samplesFile))!;
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var results = new List<(string, double, double)>();
        // Warm-up: every scenario before any is measured, so the first one does not pay for the JIT and cold caches.
        foreach (var scenario in Scenarios)
            for (var w = 0; w < 20; w++) (await http.GetAsync(scenario.Path(samples[(samples.Count - 1 - w) % samples.Count]))).EnsureSuccessStatusCode();
        foreach (var scenario in Scenarios)
        {
            var times = new List<(double Ms, string Path)>();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < requests)
                {
                    var path = scenario.Path(samples[i % samples.Count]);
                    var watch = Stopwatch.StartNew();
                    var response = await http.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    watch.Stop();
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
                    lock (times) times.Add((watch.Elapsed.TotalMilliseconds, path));
                }
            }));
            times.Sort();
            results.Add((scenario.Name, times[(int)(times.Count * 0.50)].Ms, times[Math.Min(times.Count - 1, (int)(times.Count * 0.99))].Ms));
            Console.WriteLine($"  {scenario.Name,-45} p50 {results[^1].Item2,7:F1} ms  p99 {results[^1].Item3,7:F1} ms");
            // The slowest requests, to EXPLAIN afterwards on the database the run leaves behind.
            Console.WriteLine("    slowest: " + string.Join(", ", times.AsEnumerable().Reverse().Take(3).Select(t => $"{t.Ms:F0} ms {Uri.UnescapeDataString(t.Path)}")));
        }
        return results;
    }
}
