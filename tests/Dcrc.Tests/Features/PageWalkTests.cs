using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dcrc.Data;
using Dcrc.Kernel.Localization;
using Dcrc.Tests.Features.Customers;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features;

/// <summary>
/// Opens every page, as the user who may see it, in Chinese and in English: no page may look up a resource
/// key that is missing, show English words in the Chinese UI, or Chinese in the English UI (data such as
/// store or people's names aside).
/// </summary>
public abstract partial class PageWalkTests(DcrcApp app)
{
    private async Task<List<(string User, string Url)>> PagesAsync()
    {
        var (storeId, deptId, userId) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            return (await db.Stores.Select(s => s.Id).FirstAsync(), await db.Departments.Select(d => d.Id).FirstAsync(), await db.Users.Where(u => u.UserName == "th.crm").Select(u => u.Id).SingleAsync());
        });
        var created = await (await app.ApiAs("th.crm")).PostAsJsonAsync("/api/v1/customers", new
        {
            type = "individual", name = "张三丰", mobile = "137" + Random.Shared.Next(10_000_000, 99_999_999), address = new { province = "广东省", city = "广州市" },
        });
        var customerId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
        // A C-card customer with a vehicle, records and a document, and a company with its contacts.
        var crm = await app.ApiAs("th.crm");
        var (buyer, vehicle, vin) = await TestData.CustomerWithVehicleAsync(crm, "欧阳明");
        await TestData.PostCreatedAsync(crm, $"/api/v1/customers/{buyer}/transactions", new { kind = "repairOrder", repairType = "maintenance", number = "RO" + Guid.NewGuid().ToString("N")[..8], date = "2026-01-05", vehicleId = vehicle, mileage = 5000, amount = 480 });
        await TestData.PostCreatedAsync(crm, $"/api/v1/customers/{buyer}/interactions", new { channel = "call", summary = "首保回访", vehicleId = vehicle });
        var upload = new MultipartFormDataContent { { new ByteArrayContent(Dcrc.Tests.Features.Customers.Records.DocumentStoreTests.Pdf(1)), "file", "合同.pdf" }, { new StringContent("salesContract"), "type" }, { new StringContent(vehicle.ToString()), "vehicleId" } };
        (await crm.PostAsync($"/api/v1/customers/{buyer}/documents", upload)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var company = await TestData.PostCreatedAsync(crm, "/api/v1/customers", new
        {
            type = "company", name = "广州骏达物流有限公司", landline = "020-38881234", nature = "privateLimited", tags = "车队, 大客户",
            contacts = new[] { new { role = "legalRepresentative", name = "陈立" }, new { role = "mainContact", name = "黄敏" } },
        });
        var companyId = company.GetProperty("id").GetInt64();
        // Hand-overs late, due and received, and a week of the archive check with its sample drawn.
        var today = Customers.Filing.FilingData.StoreToday(app);
        var week = Dcrc.Features.Customers.Filing.AuditWeek.StartOf(new DateOnly(2005, 6, 15));
        var th = await Customers.Filing.FilingData.StoreAsync(app, "TH");
        await Customers.Filing.FilingData.AddAsync(app, th, customerId, Dcrc.Features.Customers.Records.TransactionKind.Sale, today.AddDays(-9), today.AddDays(-4));
        await Customers.Filing.FilingData.AddAsync(app, th, customerId, Dcrc.Features.Customers.Records.TransactionKind.RepairOrder, today, today.AddDays(3));
        await Customers.Filing.FilingData.AddAsync(app, th, customerId, Dcrc.Features.Customers.Records.TransactionKind.RepairOrder, today.AddDays(-6), today.AddDays(-3), DateTime.UtcNow);
        await Customers.Filing.FilingData.AddManyAsync(app, th, customerId, Dcrc.Features.Customers.Records.TransactionKind.Sale, [week.AddDays(-3)]);
        await Customers.Filing.FilingData.AddManyAsync(app, th, customerId, Dcrc.Features.Customers.Records.TransactionKind.RepairOrder, [week.AddDays(-4)]);
        (await (await app.ApiAs("th.callback")).PostAsync($"/api/v1/archive/checks/sample?week={week:yyyy-MM-dd}", null)).EnsureSuccessStatusCode();
        // Callback tasks of a delivery (a survey, an owner confirmation) and a grievance case from a low score.
        var (delivered, _) = await Callbacks.CallbackData.DeliveryAsync(app, name: "司马光");
        var callback = await app.ApiAs("th.callback");
        var survey = (await Callbacks.CallbackData.TaskAsync(callback, delivered, "salesSurvey")).GetProperty("id").GetInt64();
        var confirmation = (await Callbacks.CallbackData.TaskAsync(callback, delivered, "ownerConfirmation")).GetProperty("id").GetInt64();
        var (unhappy, _) = await Callbacks.CallbackData.DeliveryAsync(app, name: "诸葛亮");
        var unhappyTask = (await Callbacks.CallbackData.TaskAsync(callback, unhappy, "salesSurvey")).GetProperty("id").GetInt64();
        var scored = await (await Callbacks.CallbackData.PostVersionedAsync(callback, $"/api/v1/callbacks/tasks/{unhappyTask}", "outcome",
            new { outcome = "success", answers = await Callbacks.CallbackData.AnswersAsync(callback, "sales", 3) })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var grievance = scored.GetProperty("complaintId").GetInt64();
        (await Callbacks.CallbackData.PostVersionedAsync(callback, $"/api/v1/callbacks/tasks/{confirmation}", "outcome", new { outcome = "busy", rescheduleTo = app.Clock.GetUtcNow().AddHours(2) })).EnsureSuccessStatusCode();
        // For the reports: a failed attempt, a wrong number corrected and one not yet, an SMS survey, a repair order of a team.
        var (failing, _) = await Callbacks.CallbackData.DeliveryAsync(app, name: "欧阳修");
        var failingTask = (await Callbacks.CallbackData.TaskAsync(callback, failing, "salesSurvey")).GetProperty("id").GetInt64();
        (await Callbacks.CallbackData.PostVersionedAsync(callback, $"/api/v1/callbacks/tasks/{failingTask}", "outcome", new { outcome = "switchedOff", note = "第一次关机" })).EnsureSuccessStatusCode();
        foreach (var who in new[] { "上官婉儿", "慕容复" })
        {
            var (wrong, _) = await Callbacks.CallbackData.DeliveryAsync(app, name: who);
            var wrongTask = (await Callbacks.CallbackData.TaskAsync(callback, wrong, "ownerConfirmation")).GetProperty("id").GetInt64();
            (await Callbacks.CallbackData.PostVersionedAsync(callback, $"/api/v1/callbacks/tasks/{wrongTask}", "outcome", new { outcome = "wrongNumber" })).EnsureSuccessStatusCode();
            if (who == "慕容复")
                (await Callbacks.CallbackData.PostVersionedAsync(callback, $"/api/v1/callbacks/tasks/{wrongTask}", "correct-number", new { mobile = TestData.NewMobile(), name = "慕容博", otherPhone = "020-38881234", note = "销售部提供" })).EnsureSuccessStatusCode();
        }
        var (serviced, _) = await Callbacks.CallbackData.DeliveryAsync(app, "th.advisor", daysAgo: 4, kind: "repairOrder", name: "东方不败", repairTeam: "机修一组");
        var serviceTask = (await Callbacks.CallbackData.TaskAsync(callback, serviced, "serviceSurvey")).GetProperty("id").GetInt64();
        foreach (var outcome in new[] { "noAnswer", "lineBusy", "noAnswer", "refused" })
            (await Callbacks.CallbackData.PostVersionedAsync(callback, $"/api/v1/callbacks/tasks/{serviceTask}", "outcome", new { outcome })).EnsureSuccessStatusCode();
        // A complaint with the department, its limits running.
        var reception = await app.ApiAs("th.reception");
        var complaint = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = buyer, channel = "phone", category = "serviceQuality", description = "保养后异响", request = "免费检修" })).GetProperty("id").GetInt64();
        (await Complaints.ComplaintData.PostStepAsync(reception, complaint, "judgeValid")).EnsureSuccessStatusCode();
        var serviceDept = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Departments.Where(d => d.Code == "SERVICE").Select(d => d.Id).SingleAsync());
        (await Complaints.ComplaintData.PostStepAsync(reception, complaint, "dispatch", new { departmentId = serviceDept, responsibleUserId = await Callbacks.CallbackData.UserIdAsync(app, "th.advisor") })).EnsureSuccessStatusCode();
        // The call desk: a logged call of a known customer, a new caller owed a call-back, a call reported by the telephony system.
        var callerMobile = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.Where(c => c.Id == buyer).Select(c => c.Mobile!).SingleAsync());
        await TestData.PostCreatedAsync(reception, "/api/v1/calls", new { number = callerMobile, purpose = "complaint", callerName = "欧阳先生", content = "保养等待时间太长", handling = "已致歉" });
        var owed = await TestData.PostCreatedAsync(reception, "/api/v1/calls", new { number = "13912345678", purpose = "inquiry", content = "问延保价格", callbackOwed = true });
        var owedTask = owed.GetProperty("callbackTaskId").GetInt64();
        var line = Calls.CallData.NewLine();
        await Calls.CallData.LineAsync(app, line);
        var rang = await (await Calls.CallData.PushAsync(app, "/api/v1/calls/incoming", new { number = callerMobile, line })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var rangId = rang.GetProperty("callId").GetInt64();
        return
        [
            ("th.reception", "/Complaints/Statistics"), ("th.crm", "/Complaints/Statistics?period=Week"), ("th.gm", "/Complaints/Statistics?period=Year"),
            ("th.reception", "/Complaints"), ("th.reception", "/Complaints?all=true&q=TS"), ("th.reception", "/Complaints/New"), ("th.reception", "/Complaints/New?q=欧阳"),
            ("th.reception", $"/Complaints/New?customerId={buyer}"), ("th.reception", $"/Complaints/{complaint}"), ("th.advisor", $"/Complaints/{complaint}"), ("th.crm", "/Notifications"),
            ("", "/Account/Login"),
            ("th.callback", "/"), ("th.callback", "/Account/ChangePassword"), ("th.callback", "/Errors/403"), ("th.callback", "/Errors/404"), ("th.callback", "/Errors/500"),
            ("sysadmin", "/Admin/Stores"), ("sysadmin", "/Admin/Stores/Edit"), ("sysadmin", $"/Admin/Stores/Edit/{storeId}"),
            ("sysadmin", "/Admin/Departments"), ("sysadmin", "/Admin/Departments/Edit"), ("sysadmin", $"/Admin/Departments/Edit/{deptId}"),
            ("sysadmin", "/Admin/Users"), ("sysadmin", "/Admin/Users/Edit"), ("sysadmin", $"/Admin/Users/Edit/{userId}"),
            ("sysadmin", "/Admin/Settings"), ("sysadmin", "/Admin/Calendar"), ("sysadmin", $"/Admin/Calendar?year=2031&storeId={storeId}"), ("sysadmin", $"/Admin/Settings?storeId={storeId}"),
            ("secadmin", "/Admin/Permissions"), ("secadmin", $"/Admin/Users/Edit/{userId}"),
            ("auditadmin", "/Audit"), ("group.gm", "/"), ("", "/ApiDocs"),
            // Every role's home (reception's is the call desk, below).
            ("th.crm", "/"), ("th.gm", "/"), ("th.sales", "/"), ("th.advisor", "/"), ("th.salesmgr", "/"), ("th.servicemgr", "/"), ("th.marketing", "/"),
            ("sysadmin", "/"), ("secadmin", "/"), ("auditadmin", "/"), ("th.crm", "/?home=Dashboard"),
            ("th.crm", "/Customers"), ("th.crm", "/Customers?q=zs"), ("th.crm", "/Customers/Create"), ("th.crm", $"/Customers/{customerId}"), ("th.crm", $"/Customers/{customerId}/Edit"), ("th.gm", $"/Customers/{customerId}"), ("th.crm", "/Customers/Import"),
            ("th.crm", $"/Customers/{buyer}"), ("th.crm", $"/Customers/{buyer}/Card"), ("th.crm", $"/Customers/{customerId}/Card"), ("th.crm", $"/Vehicles/{vin}"), ("th.crm", $"/Vehicles/{vin}/Edit"), ("th.crm", "/Customers/Due"), ("th.crm", "/Callbacks/Questionnaires"), ("th.crm", "/Callbacks/Questionnaires?kind=Service"), ("th.crm", "/Customers/Due?contact=Visit&class=A"),
            ("th.crm", $"/Customers/{companyId}"), ("th.crm", $"/Customers/{companyId}/Edit"),
            ("th.crm", "/Customers/Filing/Handovers"), ("th.crm", "/Customers/Filing/Handovers?late=true"), ("th.crm", "/Customers/Filing/Handovers?view=Received"),
            ("th.callback", "/Callbacks"), ("th.callback", "/Callbacks?view=Rescheduled"), ("th.crm", "/Callbacks?view=Upcoming&assignee=-"), ("th.crm", "/Callbacks?view=Closed"),
            ("th.callback", $"/Callbacks/{survey}"), ("th.callback", $"/Callbacks/{confirmation}"), ("th.callback", $"/Callbacks/{unhappyTask}"),
            ("th.crm", $"/Complaints/{grievance}"),
            ("th.crm", "/Callbacks/Reports"), ("th.crm", "/Callbacks/Reports/Satisfaction"), ("th.crm", "/Callbacks/Reports/Satisfaction?table=advisor"),
            ("th.crm", "/Callbacks/Reports/Satisfaction?table=team&from=2026-01-01&to=2025-12-01"), ("group.gm", "/Callbacks/Reports/Satisfaction"), ("th.crm", "/Callbacks/Reports/Daily"),
            ("th.crm", "/Callbacks/Reports/Failures"), ("th.crm", "/Callbacks/Reports/Invalid"), ("th.gm", "/Callbacks/Reports/Invalid"), ("th.crm", "/Callbacks/Reports/Sms"),
            ("group.gm", $"/Callbacks/Reports?storeId={storeId}&from=2025-01-01&to=2025-12-31"),
            ("th.callback", "/Customers/Filing/Checks"), ("th.callback", $"/Customers/Filing/Checks?week={week:yyyy-MM-dd}"), ("th.gm", "/Customers/Filing/Checks"),
            ("th.reception", "/Calls"), ("th.crm", $"/Calls?from={today.AddDays(-7):yyyy-MM-dd}&to={today:yyyy-MM-dd}"), ("th.crm", "/Calls/Lines"),
            ("th.reception", $"/Calls?handler=Card&Input.Number={callerMobile}"), ("th.reception", "/Calls?handler=Card&Input.Number=13900000001"),
            ("th.reception", $"/Calls?handler=Card&callId={rangId}"), ("th.reception", "/Calls?handler=Card&Input.Number=13"),
            ("th.reception", "/Calls?handler=Script&Input.Purpose=Complaint"), ("th.reception", "/Calls?handler=Faq&q=保养"), ("th.reception", "/Calls?handler=Faq&q=zzzz"),
            ("th.reception", $"/Callbacks/{owedTask}"), ("th.reception", "/Callbacks?view=Upcoming"), ("th.reception", $"/Customers/Create?callId={rangId}"),
            ("th.crm", "/Knowledge"), ("th.crm", "/Knowledge?topic=forbidden"), ("th.crm", "/Knowledge?topic=callback.missedCall&faq=1"), ("th.reception", "/Knowledge?topic=call.complaint"),
            ("th.reception", "/Knowledge?q=挂机"),
            // The user guide: each user's own, every role's, every page's section, and the API page inside the app.
            ("th.callback", "/Help"), ("th.reception", "/Help"), ("sysadmin", "/Help"), ("group.gm", "/Help"), ("th.callback", "/ApiDocs"),
            ("th.crm", "/Help?path=" + Uri.EscapeDataString("/Nowhere")),
            .. Dcrc.Kernel.Access.Roles.All.Select(r => ("th.crm", "/Help?role=" + r.Name)),
            .. Dcrc.Features.Help.HelpPages.Table.Select(t => ("th.crm", "/Help?path=" + Uri.EscapeDataString(t.Prefix))),
        ];
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Every_page_is_complete_in_the_language(string culture)
    {
        var pages = await PagesAsync();
        var data = await DataTextsAsync();
        var clients = new Dictionary<string, HttpClient>();
        var problems = new List<string>();
        foreach (var (user, url) in pages)
        {
            if (!clients.TryGetValue(user, out var client))
            {
                client = user == "" ? app.Browser() : await app.BrowserAs(user, culture: culture);
                client.DefaultRequestHeaders.AcceptLanguage.Clear();
                client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
                clients[user] = client;
            }
            var response = await client.GetAsync(url);
            var expected = url.StartsWith("/Errors/") ? (HttpStatusCode)int.Parse(url[8..]) : HttpStatusCode.OK;
            if (response.StatusCode != expected) { problems.Add($"{url} as {user}: {response.StatusCode}"); continue; }
            var text = VisibleText(await response.Content.ReadAsStringAsync(), data);
            var stray = culture == Cultures.English
                ? Cjk().Matches(text).Select(m => m.Value).Distinct().ToList()
                : EnglishWord().Matches(text).Select(m => m.Value).Where(w => !AllowedInChinese.Contains(w)).Distinct().ToList();
            if (stray.Count > 0) problems.Add($"{url} as {user}: {string.Join(" ", stray)}");
        }
        var missing = app.Services.GetRequiredService<MissingResources>().All;
        problems.AddRange(missing.Select(m => "missing resource " + m));
        problems.ShouldBeEmpty();
    }

    // Terms Chinese users write as they are.
    private static readonly HashSet<string> AllowedInChinese = ["DCRC", "API", "English", "VIN", "QQ", "DMS", "Excel", "xlsx", "CSV", "PDF", "JPEG", "PNG", "SHA", "PDI", "SFX", "VIP"];

    /// <summary>Names and codes that are data, not interface text.</summary>
    private Task<List<string>> DataTextsAsync() => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DcrcDb>();
        var texts = new List<string> { "中文", "Asia/Shanghai" };
        texts.AddRange(await db.Stores.Select(s => s.Name).ToListAsync());
        texts.AddRange((await db.Stores.Select(s => new { s.Province, s.City, s.Address }).ToListAsync()).SelectMany(s => new[] { s.Province, s.City, s.Address }).OfType<string>());
        texts.AddRange(await db.Departments.Select(d => d.Name).ToListAsync());
        texts.AddRange(await db.Departments.Select(d => d.Code).ToListAsync());
        texts.AddRange(await db.Users.Select(u => u.DisplayName).ToListAsync());
        texts.AddRange(await db.Users.Select(u => u.UserName!).ToListAsync());
        texts.AddRange(Dcrc.Kernel.Settings.SettingsCatalog.All.Select(s => s.DefaultText));
        texts.AddRange(await db.Customers.Select(c => c.Name).ToListAsync());
        texts.AddRange(await db.Transactions.Where(t => t.StaffName != null).Select(t => t.StaffName!).Distinct().ToListAsync());
        texts.AddRange(await db.CalendarDays.Select(d => d.Name).Distinct().ToListAsync()); // holiday names as entered (e.g. by the calendar tests)
        texts.AddRange((await db.Customers.Select(c => new { c.Province, c.City, c.District, c.Address }).ToListAsync()).SelectMany(c => new[] { c.Province, c.City, c.District, c.Address }).OfType<string>());
        texts.AddRange((await db.Customers.Select(c => c.Tags).ToListAsync()).SelectMany(t => Dcrc.Features.Customers.Tags.Split(t)));
        texts.AddRange(await db.CompanyContacts.Select(k => k.Name).ToListAsync());
        texts.AddRange((await db.Vehicles.Select(v => new { v.Vin, v.Model, v.Series, v.VinLast6 }).ToListAsync()).SelectMany(v => new[] { v.Vin, v.Model, v.Series, v.VinLast6 }).OfType<string>());
        texts.AddRange(await db.Interactions.Select(i => i.Summary).ToListAsync());
        texts.AddRange(await db.Documents.Select(d => d.Title).ToListAsync());
        texts.AddRange(await db.CalendarDays.Select(d => d.Name).ToListAsync());
        texts.AddRange((await db.Interactions.Select(i => i.Outcome).ToListAsync()).OfType<string>());
        texts.AddRange((await db.Customers.Select(c => c.Notes).ToListAsync()).OfType<string>());
        var questionnaires = (await db.Questionnaires.Select(q => new { q.Title, q.Opening, q.Closing, q.CreatedBy }).ToListAsync())
            .SelectMany(q => new[] { q.Title, q.Opening, q.Closing, q.CreatedBy }).OfType<string>().ToList();
        texts.AddRange(questionnaires);
        texts.AddRange(questionnaires.SelectMany(k => Placeholders().Split(k))); // the pieces around the placeholders once filled in
        texts.AddRange(["先生/女士", "先生", "女士", "车"]); // how the Chinese scripts address a customer, and a car of no known model
        texts.AddRange((await db.Questions.Select(q => new { q.Text, q.Options }).ToListAsync()).SelectMany(q => new[] { q.Text, q.Options }).OfType<string>());
        texts.AddRange((await db.Complaints.Select(c => new { c.Description, c.Request, c.ContactName, c.ReceivedByName, c.ResponsibleName }).ToListAsync())
            .SelectMany(c => new[] { c.Description, c.Request, c.ContactName, c.ReceivedByName, c.ResponsibleName }).OfType<string>());
        texts.AddRange((await db.CallbackAnswers.Where(a => a.Text != null).Select(a => a.Text!).Distinct().ToListAsync()));
        texts.AddRange((await db.Customers.Select(c => c.Name).ToListAsync()).Where(n => n.Length > 0).Select(n => n[..1]).Distinct()); // surnames in the call script
        texts.AddRange(await db.Transactions.Where(t => t.RepairTeam != null).Select(t => t.RepairTeam!).Distinct().ToListAsync());
        texts.AddRange((await db.CallbackAttempts.Where(a => a.Note != null).Select(a => a.Note!).Distinct().ToListAsync()));
        texts.AddRange((await db.CallbackCorrections.Select(k => new { k.Name, k.Note }).ToListAsync()).SelectMany(k => new[] { k.Name, k.Note }).OfType<string>());
        texts.AddRange((await db.SmsMessages.Select(m => new { m.CustomerName, m.Reply }).ToListAsync()).SelectMany(m => new[] { m.CustomerName, m.Reply }).OfType<string>());
        texts.AddRange((await db.CallLogs.Select(c => new { c.CallerName, c.Content, c.Handling, c.HandledByName, c.Line }).ToListAsync())
            .SelectMany(c => new[] { c.CallerName, c.Content, c.Handling, c.HandledByName, c.Line }).OfType<string>().Distinct());
        // Scripts and FAQ answers as stored, and the pieces around their placeholders ({store}, {me}, {customer}) once filled in.
        var knowledge = (await db.ScriptPhrases.Select(p => new { p.Situation, p.Say, p.NeverSay, p.NeverDo }).ToListAsync())
            .SelectMany(p => new[] { p.Situation, p.Say, p.NeverSay, p.NeverDo }).OfType<string>()
            .Concat((await db.FaqEntries.Select(f => new { f.Question, f.Answer, f.Tags }).ToListAsync()).SelectMany(f => new[] { f.Question, f.Answer, f.Tags }).OfType<string>())
            .Distinct().ToList();
        texts.AddRange(knowledge);
        texts.AddRange(knowledge.SelectMany(k => Placeholders().Split(k)));
        texts.AddRange((await db.FaqEntries.Select(f => f.Tags).ToListAsync()).SelectMany(t => Dcrc.Features.Customers.Tags.Split(t)));
        return texts.Where(t => t.Length > 0).OrderByDescending(t => t.Length).ToList();
    });

    private static string VisibleText(string html, List<string> data)
    {
        html = Hidden().Replace(html, " ");
        html = Tags().Replace(html, " ");
        html = WebUtility.HtmlDecode(html);
        foreach (var d in data) html = html.Replace(d, " ");
        return Placeholders().Replace(html, " "); // a script editor's placeholders are its syntax, not words
    }

    [GeneratedRegex(@"<(script|style|code|kbd|noscript)\b.*?</\1>|<(td|span|div)\b[^>]*class=""[^""]*\btech\b[^""]*""[^>]*>.*?</\2>", RegexOptions.Singleline)]
    private static partial Regex Hidden();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\{(?:store|me|customer|model)\}")]
    private static partial Regex Placeholders();

    [GeneratedRegex(@"[\u3400-\u9fff]+")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"\b[A-Za-z]{3,}\b")]
    private static partial Regex EnglishWord();
}

[Collection(SqliteCollection.Name)] public class PageWalkTests_Sqlite(SqliteApp app) : PageWalkTests(app);
[Collection(PostgresCollection.Name)] public class PageWalkTests_Postgres(PostgresApp app) : PageWalkTests(app);
