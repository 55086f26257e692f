using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Complaints;
using Dcrc.Kernel.Settings;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Admin;

public abstract class SettingsTests(DcrcApp app)
{
    private Task<int> StoreIdAsync(string code) => app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    private static async Task<JsonElement> SettingAsync(HttpClient client, string key, int? storeId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/settings{(storeId is null ? "" : "?storeId=" + storeId)}"))
            .EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);

    [Fact]
    public async Task A_store_value_overrides_the_group_value_which_overrides_the_seed_default()
    {
        var client = await app.ApiAs("sysadmin");
        var th = await StoreIdAsync("TH");
        var ns = await StoreIdAsync("NS");
        const string key = "complaints.proposalHours";
        (await SettingAsync(client, key, th)).GetProperty("value").GetString().ShouldBe("24");
        try
        {
            (await client.PutAsJsonAsync($"/api/v1/settings/{key}", new { value = "20" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await client.PutAsJsonAsync($"/api/v1/settings/{key}?storeId={th}", new { value = "12" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

            var forTh = await SettingAsync(client, key, th);
            forTh.GetProperty("value").GetString().ShouldBe("12");
            forTh.GetProperty("source").GetString().ShouldBe("store");
            (await SettingAsync(client, key, ns)).GetProperty("value").GetString().ShouldBe("20");
            (await SettingAsync(client, key, ns)).GetProperty("source").GetString().ShouldBe("group");

            var typed = await app.WithScopeAsync(async sp =>
            {
                var store = sp.GetRequiredService<SettingsStore>();
                return (await store.GetAsync(ComplaintSettings.ProposalHours, th), await store.GetAsync(ComplaintSettings.ProposalHours, ns));
            });
            typed.ShouldBe((12, 20));
            var audited = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.Where(e => e.Action == "settings.change" && e.EntityId == key).OrderBy(e => e.Id).Select(e => e.Summary).ToListAsync());
            audited.Count.ShouldBe(2);
            audited[0].ShouldEndWith("- → 20");
            (await client.PutAsJsonAsync($"/api/v1/settings/{key}", new { value = "18", version = (await SettingAsync(client, key, null)).GetProperty("version").GetInt32() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.Where(e => e.EntityId == key).OrderByDescending(e => e.Id).Select(e => e.Summary).FirstAsync()))
                .ShouldEndWith("20 → 18");
        }
        finally
        {
            // The app is shared with the complaint tests, whose limits read this setting: put the seed's value back.
            await TestData.ClearSettingAsync(client, key, th);
            await TestData.ClearSettingAsync(client, key, null);
        }
        (await SettingAsync(client, key, th)).GetProperty("value").GetString().ShouldBe("24");
    }

    [Fact]
    public async Task An_out_of_range_value_is_refused_with_a_message_naming_the_setting()
    {
        var client = await app.ApiAs("sysadmin");
        var response = await client.PutAsJsonAsync("/api/v1/settings/complaints.dispatchMinutes", new { value = "0" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("value")[0].GetString();
        message.ShouldContain("投诉派发至责任部门负责人");
        message.ShouldContain("1");
        (await SettingAsync(client, "complaints.dispatchMinutes", null)).GetProperty("value").GetString().ShouldBe("30");
    }

    [Fact]
    public async Task A_save_based_on_a_stale_version_is_refused()
    {
        var client = await app.ApiAs("sysadmin");
        const string key = "archive.documentMaxMegabytes";
        (await client.PutAsJsonAsync($"/api/v1/settings/{key}", new { value = "4" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var version = (await SettingAsync(client, key, null)).GetProperty("version").GetInt32();
        (await client.PutAsJsonAsync($"/api/v1/settings/{key}", new { value = "5", version })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var stale = await client.PutAsJsonAsync($"/api/v1/settings/{key}", new { value = "6", version });
        stale.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SettingAsync(client, key, null)).GetProperty("value").GetString().ShouldBe("5");
        await TestData.ClearSettingAsync(client, key, null);
    }

    [Fact]
    public async Task The_settings_page_saves_nothing_when_one_value_is_bad()
    {
        var client = await app.BrowserAs("sysadmin");
        var response = await DcrcApp.PostFormAsync(client, "/Admin/Settings", new()
        {
            ["values[complaints.resultHours]"] = "36",
            ["values[complaints.followUpDays]"] = "abc",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("处理结果跟进须为整数");
        var api = await app.ApiAs("sysadmin");
        (await SettingAsync(api, "complaints.resultHours", null)).GetProperty("value").GetString().ShouldBe("48");
    }
}

[Collection(SqliteCollection.Name)] public class SettingsTests_Sqlite(SqliteApp app) : SettingsTests(app);
[Collection(PostgresCollection.Name)] public class SettingsTests_Postgres(PostgresApp app) : SettingsTests(app);
