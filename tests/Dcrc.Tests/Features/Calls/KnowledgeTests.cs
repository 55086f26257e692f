using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Features.Knowledge;
using Dcrc.Tests.Features.Callbacks;
using Dcrc.Tests.Infrastructure;

namespace Dcrc.Tests.Features.Calls;

public abstract class KnowledgeTests(DcrcApp app)
{
    /// <summary>五、处理顾客抱怨时的十句禁言 of seed 002 §四, as the seed writes them.</summary>
    private static readonly string[] TenForbidden =
    [
        "这种问题连小孩子都会!", "你要知道,一分钱,一分货。", "绝对不可能有这种事发生。", "你要去问厂商,这不是我们的事。", "嗯-我不大清楚。",
        "我绝对没说过这种话。", "我不懂怎么处理。", "公司的规定就是这样。", "你看不懂中文吗?", "改天再通知你。",
    ];

    [Fact]
    public async Task The_default_scripts_carry_the_ten_forbidden_phrases_word_for_word_and_a_script_for_every_call_type()
    {
        var scripts = await (await app.ApiAs("th.reception")).GetFromJsonAsync<JsonElement>("/api/v1/knowledge/scripts");
        var byTopic = scripts.EnumerateArray().ToDictionary(s => s.GetProperty("topic").GetString()!);
        byTopic.Keys.ShouldBe(ScriptTopics.All, ignoreOrder: true);
        byTopic["forbidden"].GetProperty("phrases").EnumerateArray().Select(p => p.GetProperty("neverSay").GetString()).ShouldBe(TenForbidden);
        byTopic["forbidden"].GetProperty("phrases").EnumerateArray().ShouldAllBe(p => p.GetProperty("say").ValueKind == JsonValueKind.Null);
        // 002 §二: each situation with its "不可以说" counterpart.
        var complaint = byTopic["call.complaint"].GetProperty("phrases").EnumerateArray().ToList();
        complaint.ShouldContain(p => p.GetProperty("say").GetString() == "对不起,让您久等了,我将尽快帮您处理。" && p.GetProperty("neverSay").GetString() == "喂,不好意思,我是新手啦!");
        byTopic["call.inquiry"].GetProperty("phrases")[0].GetProperty("neverSay").GetString().ShouldBe("喂,说吧!");
        byTopic["general"].GetProperty("phrases").EnumerateArray().ShouldContain(p => p.GetProperty("neverSay").GetString() == "喂,大声一点儿!");
        byTopic["callback.missedCall"].GetProperty("phrases").EnumerateArray().ShouldContain(p => p.GetProperty("stage").GetString() == "opening");
        (await (await app.ApiAs("th.reception")).GetFromJsonAsync<JsonElement>("/api/v1/knowledge/faq?q=保养")).GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_callback_screen_shows_the_scripts_forbidden_phrases_struck_through_and_keeps_the_questionnaires_opening()
    {
        var (customer, _) = await CallbackData.DeliveryAsync(app, name: "上官回访");
        var callback = await app.ApiAs("th.callback");
        var task = (await CallbackData.TaskAsync(callback, customer, "salesSurvey")).GetProperty("id").GetInt64();
        var html = await (await app.BrowserAs("th.callback")).GetStringAsync($"/Callbacks/{task}");
        html.ShouldContain("<s>这种问题连小孩子都会!</s>");
        html.ShouldContain("<s>喂,说话呀!</s>");
        html.ShouldContain("不可以说");
        html.ShouldContain("感谢您购买我们的产品"); // 表1's opening
    }

    [Fact]
    public async Task Only_the_cr_manager_edits_and_a_stale_version_is_refused()
    {
        var crm = await app.ApiAs("th.crm");
        var script = (await crm.GetFromJsonAsync<JsonElement>("/api/v1/knowledge/scripts?topic=call.other"))[0];
        var id = script.GetProperty("id").GetInt32();
        var version = script.GetProperty("version").GetInt32();
        var phrases = script.GetProperty("phrases").EnumerateArray()
            .Select(p => new { stage = p.GetProperty("stage").GetString(), situation = p.GetProperty("situation").GetString(), say = p.GetProperty("say").GetString(),
                neverSay = p.GetProperty("neverSay").GetString(), neverDo = p.GetProperty("neverDo").GetString() })
            .Append(new { stage = (string?)"situation", situation = (string?)"客户询问门店地址", say = (string?)"我们的地址是{store}所在的……", neverSay = (string?)"自己查地图吧!", neverDo = (string?)null })
            .ToList();

        (await (await app.ApiAs("th.reception")).PutAsJsonAsync($"/api/v1/knowledge/scripts/{id}", new { phrases, version })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await crm.PutAsJsonAsync($"/api/v1/knowledge/scripts/{id}", new { phrases = new[] { new { stage = "situation", situation = "只有情境" } }, version });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("phrases[0].say")[0].GetString()!.ShouldContain("标准话术");

        var saved = await crm.PutAsJsonAsync($"/api/v1/knowledge/scripts/{id}", new { phrases, version });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var after = await saved.Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("version").GetInt32().ShouldBe(version + 1);
        after.GetProperty("phrases").GetArrayLength().ShouldBe(phrases.Count);
        (await crm.PutAsJsonAsync($"/api/v1/knowledge/scripts/{id}", new { phrases, version })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var faq = await TestData.PostCreatedAsync(crm, "/api/v1/knowledge/faq", new { question = "新能源车的电池质保多久?", answer = "以车型保修手册为准。", tags = "电池, 质保" });
        var faqId = faq.GetProperty("id").GetInt32();
        faq.GetProperty("tags").GetArrayLength().ShouldBe(2);
        (await crm.PutAsJsonAsync($"/api/v1/knowledge/faq/{faqId}", new { question = "新能源车的电池质保多久?", answer = "8 年或 15 万公里。", version = faq.GetProperty("version").GetInt32() }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await crm.PutAsJsonAsync($"/api/v1/knowledge/faq/{faqId}", new { question = "旧的", answer = "旧的", version = faq.GetProperty("version").GetInt32() }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await crm.PostAsJsonAsync("/api/v1/knowledge/faq", new { question = "", answer = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var found = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/knowledge/faq?q={Uri.EscapeDataString("电池 质保")}");
        found.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("answer").GetString()).ShouldContain("8 年或 15 万公里。");

        // The editor page refuses a stale form too.
        var browser = await app.BrowserAs("th.crm");
        var posted = await DcrcApp.PostFormAsync(browser, "/Knowledge?topic=call.other&handler=Script", new()
        {
            ["Input.Version"] = version.ToString(), ["Input.Phrases[0].Stage"] = "Greeting", ["Input.Phrases[0].Say"] = "您好",
        }, formPage: "/Knowledge?topic=call.other");
        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await posted.Content.ReadAsStringAsync()).ShouldContain("已被他人修改");
    }
}

[Collection(SqliteCollection.Name)] public class KnowledgeTests_Sqlite(SqliteApp app) : KnowledgeTests(app);
[Collection(PostgresCollection.Name)] public class KnowledgeTests_Postgres(PostgresApp app) : KnowledgeTests(app);
