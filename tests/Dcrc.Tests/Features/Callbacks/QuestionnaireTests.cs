using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Tests.Infrastructure;

namespace Dcrc.Tests.Features.Callbacks;

public abstract class QuestionnaireTests(DcrcApp app)
{
    [Fact]
    public async Task The_seed_questionnaires_are_installed_word_for_word_and_an_edit_saves_a_new_version_keeping_the_old()
    {
        var crm = await app.ApiAs("th.crm");
        var list = await crm.GetFromJsonAsync<JsonElement>("/api/v1/questionnaires");
        var sales = list.EnumerateArray().Single(q => q.GetProperty("kind").GetString() == "sales");
        var service = list.EnumerateArray().Single(q => q.GetProperty("kind").GetString() == "service");
        sales.GetProperty("questions").GetArrayLength().ShouldBe(11);
        service.GetProperty("questions").GetArrayLength().ShouldBe(11);
        sales.GetProperty("questions")[2].GetProperty("text").GetString().ShouldBe("在您购买新车前,销售顾问是否向您建议过试乘试驾?");
        sales.GetProperty("questions")[2].GetProperty("type").GetString().ShouldBe("yesNo");
        service.GetProperty("questions")[3].GetProperty("options").EnumerateArray().Select(o => o.GetString()).ShouldBe(["详细说明", "部分说明", "未说明"]);
        service.GetProperty("questions")[0].GetProperty("type").GetString().ShouldBe("score");

        var version = service.GetProperty("version").GetInt32();
        var questions = service.GetProperty("questions").EnumerateArray()
            .Select(q => new { text = q.GetProperty("text").GetString(), type = q.GetProperty("type").GetString(), options = string.Join('|', q.GetProperty("options").EnumerateArray().Select(o => o.GetString())) })
            .ToList();
        questions.Add(new { text = "您是否愿意把我们推荐给亲友?", type = "choice", options = "" });
        var body = new { title = service.GetProperty("title").GetString(), opening = service.GetProperty("opening").GetString(), closing = service.GetProperty("closing").GetString(), questions, version };
        (await (await app.ApiAs("th.callback")).PutAsJsonAsync("/api/v1/questionnaires/service", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var refused = await crm.PutAsJsonAsync("/api/v1/questionnaires/service", body);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("questions[11].options", out _).ShouldBeTrue();

        questions[^1] = new { text = "您是否愿意把我们推荐给亲友?", type = "choice", options = "愿意|不一定|不愿意" };
        var saved = await crm.PutAsJsonAsync("/api/v1/questionnaires/service", body with { });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var next = await saved.Content.ReadFromJsonAsync<JsonElement>();
        next.GetProperty("version").GetInt32().ShouldBe(version + 1);
        next.GetProperty("questions").GetArrayLength().ShouldBe(12);
        (await crm.PutAsJsonAsync("/api/v1/questionnaires/service", body)).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // started from an older version

        var old = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{service.GetProperty("id").GetInt32()}");
        old.GetProperty("questions").GetArrayLength().ShouldBe(11);
    }
}

[Collection(SqliteCollection.Name)] public class QuestionnaireTests_Sqlite(SqliteApp app) : QuestionnaireTests(app);
[Collection(PostgresCollection.Name)] public class QuestionnaireTests_Postgres(PostgresApp app) : QuestionnaireTests(app);
