using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Tests.Features.Callbacks;
using Dcrc.Tests.Features.Calls;
using Dcrc.Tests.Infrastructure;

namespace Dcrc.Tests.Features;

/// <summary>Every change of an existing record through the API carries the version it read: without one it is refused naming <c>version</c>, and nothing changes.</summary>
public abstract class VersionRequiredTests(DcrcApp app)
{
    private static async Task RefusedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty("version")[0].GetString().ShouldBe("请填写版本号。");
    }

    [Fact]
    public async Task Archive_vehicle_and_knowledge_changes_without_a_version_are_refused()
    {
        var crm = await app.ApiAs("th.crm");
        var (customer, _, vin) = await TestData.CustomerWithVehicleAsync(crm, "版本客户");
        var before = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}");
        await RefusedAsync(await crm.PutAsJsonAsync($"/api/v1/customers/{customer}", new { type = "individual", name = "改名客户", mobile = TestData.NewMobile() }));
        var after = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}");
        (after.GetProperty("name").GetString(), after.GetProperty("version").GetInt32()).ShouldBe((before.GetProperty("name").GetString(), before.GetProperty("version").GetInt32()));

        var vehicle = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/vehicles/{vin}");
        await RefusedAsync(await crm.PutAsJsonAsync($"/api/v1/vehicles/{vin}", new { plateNumber = "粤A12345" }));
        (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/vehicles/{vin}")).GetProperty("version").GetInt32().ShouldBe(vehicle.GetProperty("version").GetInt32());

        var script = (await crm.GetFromJsonAsync<JsonElement>("/api/v1/knowledge/scripts?topic=call.other"))[0];
        await RefusedAsync(await crm.PutAsJsonAsync($"/api/v1/knowledge/scripts/{script.GetProperty("id").GetInt32()}", new { phrases = new[] { new { stage = "greeting", say = "您好" } } }));
        (await crm.GetFromJsonAsync<JsonElement>("/api/v1/knowledge/scripts?topic=call.other"))[0].GetProperty("version").GetInt32().ShouldBe(script.GetProperty("version").GetInt32());
        var faq = (await crm.GetFromJsonAsync<JsonElement>("/api/v1/knowledge/faq")).GetProperty("items")[0];
        await RefusedAsync(await crm.PutAsJsonAsync($"/api/v1/knowledge/faq/{faq.GetProperty("id").GetInt32()}", new { question = "改过的问题?", answer = "改过的回答。" }));
    }

    [Fact]
    public async Task Callback_and_call_desk_changes_without_a_version_are_refused()
    {
        var (customer, _) = await CallbackData.DeliveryAsync(app, name: "版本回访客户");
        var specialist = await app.ApiAs("th.callback");
        var task = await CallbackData.TaskAsync(specialist, customer, "salesSurvey");
        var id = task.GetProperty("id").GetInt64();
        await RefusedAsync(await specialist.PostAsJsonAsync($"/api/v1/callbacks/tasks/{id}/outcome", new { outcome = "noAnswer" }));
        await RefusedAsync(await specialist.PostAsJsonAsync($"/api/v1/callbacks/tasks/{id}/reschedule", new { rescheduleTo = app.Clock.GetUtcNow().AddHours(3) }));
        await RefusedAsync(await specialist.PostAsJsonAsync($"/api/v1/callbacks/tasks/{id}/correct-number", new { mobile = TestData.NewMobile() }));
        var unchanged = (await specialist.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks/{id}")).GetProperty("task");
        (unchanged.GetProperty("version").GetInt32(), unchanged.GetProperty("failedAttempts").GetInt32()).ShouldBe((task.GetProperty("version").GetInt32(), 0));

        var line = CallData.NewLine();
        await CallData.LineAsync(app, line);
        var pushed = await (await CallData.PushAsync(app, "/api/v1/calls/incoming", new { number = TestData.NewMobile(), line })).Content.ReadFromJsonAsync<JsonElement>();
        var reception = await app.ApiAs("th.reception");
        await RefusedAsync(await reception.PostAsJsonAsync("/api/v1/calls", new { callId = pushed.GetProperty("callId").GetInt64(), purpose = "inquiry", content = "没有版本号" }));
        (await CallData.CallAsync(app, pushed.GetProperty("callId").GetInt64())).Purpose.ShouldBeNull();
    }
}

[Collection(SqliteCollection.Name)] public class VersionRequiredTests_Sqlite(SqliteApp app) : VersionRequiredTests(app);
[Collection(PostgresCollection.Name)] public class VersionRequiredTests_Postgres(PostgresApp app) : VersionRequiredTests(app);
