using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Kernel.Identifiers;

namespace Dcrc.Tests.Infrastructure;

/// <summary>Fresh, valid identifiers and archive records for tests that must not collide with each other.</summary>
public static class TestData
{
    public static string NewMobile() => "13" + Random.Shared.Next(5, 10) + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>A valid 18-digit ID number (GB 11643) of a Guangzhou Tianhe resident born on that day.</summary>
    public static string NewIdNumber(DateOnly birth, bool male)
    {
        var seq = Random.Shared.Next(10, 99) * 10 + (male ? 1 : 2);
        var first17 = $"440106{birth:yyyyMMdd}{seq:000}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    public static string NewIdNumber() =>
        NewIdNumber(new DateOnly(Random.Shared.Next(1960, 2000), Random.Shared.Next(1, 13), Random.Shared.Next(1, 29)), Random.Shared.Next(2) == 0);

    public static string NewVin()
    {
        const string chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        var body = "LFV" + new string(Enumerable.Range(0, 14).Select(_ => chars[Random.Shared.Next(chars.Length)]).ToArray());
        return body[..8] + Vin.CheckDigit(body[..8] + "0" + body[9..]) + body[9..];
    }

    public static async Task<JsonElement> PostCreatedAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Takes a store's own value of a setting away again (the store inherits the group's), or with no store the
    /// group's (back to the seed's default): a test that changes a setting of the shared app puts it back.
    /// </summary>
    public static async Task ClearSettingAsync(HttpClient admin, string key, int? storeId)
    {
        var query = storeId is { } s ? $"?storeId={s}" : "";
        var rows = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/settings{query}");
        var version = rows.EnumerateArray().Single(r => r.GetProperty("key").GetString() == key).GetProperty("version").GetInt32();
        (await admin.PutAsJsonAsync($"/api/v1/settings/{key}{query}", new { value = "", version })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    /// <summary>A new individual customer with one vehicle: (customer id, vehicle id, VIN).</summary>
    public static async Task<(long Customer, long Vehicle, string Vin)> CustomerWithVehicleAsync(HttpClient client, string name = "郑十一")
    {
        var customer = await PostCreatedAsync(client, "/api/v1/customers", new { type = "individual", name, mobile = NewMobile() });
        var id = customer.GetProperty("id").GetInt64();
        var vin = NewVin();
        var vehicle = await PostCreatedAsync(client, $"/api/v1/customers/{id}/vehicles", new { vin, model = "卡罗拉", purchaseDate = "2025-03-01" });
        return (id, vehicle.GetProperty("id").GetInt64(), vin);
    }
}
