using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dcrc.Tests.Features.Complaints;

/// <summary>Helpers of the complaint tests.</summary>
public static class ComplaintData
{
    /// <summary>
    /// POSTs a step as a client that read the case first: the body's <c>version</c>, or the case's current one when the
    /// body names none and the client may read the case (the API refuses a step without a version).
    /// </summary>
    public static async Task<HttpResponseMessage> PostStepAsync(HttpClient client, long id, string action, object? body = null)
    {
        var node = JsonSerializer.SerializeToNode(body ?? new { })!.AsObject();
        if (!node.ContainsKey("version"))
        {
            var read = await client.GetAsync($"/api/v1/complaints/{id}");
            if (read.IsSuccessStatusCode)
                node["version"] = (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("case").GetProperty("version").GetInt32();
        }
        return await client.PostAsJsonAsync($"/api/v1/complaints/{id}/steps/{action}", node);
    }
}
