using System.Net;
using System.Text.RegularExpressions;
using Dcrc.Data;
using Dcrc.Features.Callbacks.Questionnaires;
using Dcrc.Features.Knowledge;
using Dcrc.Kernel.Access;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Dcrc.Tests.Features.Callbacks;

/// <summary>
/// Scripts filled from data (issue 12, item 3): every script and questionnaire, rendered for a customer of each kind,
/// leaves no placeholder and no "XX" of the seed on screen; the customer is addressed by the salutation rule, in
/// Chinese whatever the screen's language, and a class-A surname reaches the specialist's greeting and nothing more.
/// </summary>
public abstract partial class ScriptPlaceholderTests(DcrcApp app)
{
    [GeneratedRegex(@"\{[a-z]+\}|XX|一辆 ")]
    private static partial Regex Leftover();

    private static readonly string[] Addressed = ["令狐先生", "欧阳女士", "杨凯瑞", "鑫宝汽车服务有限公司", "先生/女士"];

    [Fact]
    public async Task Every_script_and_questionnaire_renders_without_a_placeholder_for_a_customer_of_each_kind()
    {
        Dcrc.Kernel.Localization.Cultures.UseDefaultWhenUnset(); // the scripts' fallbacks are looked up in the screen's language, here the default
        await app.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<StoreScope>().AllowAll(null);
            var knowledge = sp.GetRequiredService<KnowledgeBase>();
            var db = sp.GetRequiredService<DcrcDb>();
            var questionnaires = await db.Questionnaires.AsNoTracking().ToListAsync();
            questionnaires.ShouldNotBeEmpty();
            foreach (var customer in Addressed)
            {
                var tokens = new ScriptTokens("天河店", "王回访", customer, "卡罗拉");
                foreach (var topic in ScriptTopics.All)
                {
                    var view = await knowledge.ViewAsync(topic, tokens);
                    foreach (var p in view.Phrases.Concat(view.General))
                        Leftover().IsMatch(p.Say ?? "").ShouldBeFalse($"{topic} for {customer}: {p.Say}");
                }
                foreach (var q in questionnaires)
                {
                    var survey = new SurveyWords(q.Opening, q.Closing);
                    var view = await knowledge.ViewAsync(ScriptTopics.For(q.Kind == SurveyKind.Sales ? Dcrc.Kernel.Cases.CallbackKind.SalesSurvey : Dcrc.Kernel.Cases.CallbackKind.ServiceSurvey), tokens, survey);
                    foreach (var text in view.Phrases.Select(p => p.Say).Append(tokens.Fill(q.Title)))
                        Leftover().IsMatch(text ?? "").ShouldBeFalse($"questionnaire {q.Kind} v{q.Version} for {customer}: {text}");
                    view.Phrases.ShouldContain(p => p.Say != null && p.Say.Contains("请问是" + customer + "吗"));
                }
            }
        });
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_callback_screen_greets_a_class_A_customer_by_the_whole_compound_surname_in_Chinese_and_shows_no_more_of_the_name(string culture)
    {
        var crm = await app.ApiAs("th.crm");
        var name = "令狐" + TestData.NewMobile()[^2..] + "轩";
        var customer = (await TestData.PostCreatedAsync(crm, "/api/v1/customers", new { type = "individual", name, mobile = TestData.NewMobile(), @class = "A", gender = "male" }))
            .GetProperty("id").GetInt64();
        var vehicle = await TestData.PostCreatedAsync(crm, $"/api/v1/customers/{customer}/vehicles", new { vin = TestData.NewVin(), model = "亚洲龙", purchaseDate = "2025-03-01" });
        var body = new Dictionary<string, object?>
        {
            ["kind"] = "sale", ["number"] = "T" + Guid.NewGuid().ToString("N")[..12], ["date"] = CallbackData.StoreToday(app).AddDays(-8).ToString("yyyy-MM-dd"),
            ["vehicleId"] = vehicle.GetProperty("id").GetInt64(), ["staffUserId"] = await CallbackData.UserIdAsync(app, "th.sales"),
        };
        await TestData.PostCreatedAsync(crm, $"/api/v1/customers/{customer}/transactions", body);
        var task = (await CallbackData.TaskAsync(crm, customer, "salesSurvey")).GetProperty("id").GetInt64();

        var specialist = await app.BrowserAs("th.callback", culture: culture);
        var page = await specialist.GetAsync($"/Callbacks/{task}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.ShouldContain("请问是令狐先生吗");
        html.ShouldContain("购买了一辆亚洲龙");
        html.ShouldNotContain(name);
        html.ShouldNotContain("令先生");
        html.ShouldNotContain("Mr 令狐");
        foreach (var placeholder in ScriptTokens.Placeholders) html.ShouldNotContain(placeholder);
    }
}

[Collection(SqliteCollection.Name)]
public class ScriptPlaceholderTests_Sqlite(SqliteApp app) : ScriptPlaceholderTests(app);

[Collection(PostgresCollection.Name)]
public class ScriptPlaceholderTests_Postgres(PostgresApp app) : ScriptPlaceholderTests(app);
