using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.BrowserTests;

/// <summary>What journeys arrange beside the browser: the database as an administrator, the API as a user, a survey due today.</summary>
public static class BrowserData
{
    public static async Task<T> WithDbAsync<T>(this BrowserApp app, Func<DcrcDb, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<StoreScope>().AllowAll(null);
        return await work(scope.ServiceProvider.GetRequiredService<DcrcDb>());
    }

    public static async Task<HttpClient> ApiAsync(this BrowserApp app, string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = BrowserApp.Password })).Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    public static DateOnly StoreToday => DateOnly.FromDateTime(Dcrc.Kernel.Time.StoreTime.ToLocal(DateTime.UtcNow, Dcrc.Kernel.Time.StoreTime.GroupZone));

    /// <summary>
    /// The <paramref name="skip"/>th TH individual customer (not class A, with a mobile and a vehicle) records a sale
    /// (by th.sales) or a repair order (by th.advisor) <paramref name="daysAgo"/> days back; returns its survey task, due today.
    /// </summary>
    public static async Task<(long Task, long Customer, string Mobile)> SurveyDueTodayAsync(this BrowserApp app, string kind, int daysAgo, int skip)
    {
        var (customer, vehicle, mobile) = await app.WithDbAsync(async db =>
        {
            var store = await db.Stores.SingleAsync(s => s.Code == "TH");
            var c = await db.Customers.Where(c => c.StoreId == store.Id && c.Class != Dcrc.Features.Customers.CustomerClass.A && c.Mobile != null
                    && c.Type == Dcrc.Features.Customers.CustomerType.Individual && db.Vehicles.Any(v => v.CustomerId == c.Id))
                .OrderBy(c => c.Id).Skip(skip).Select(c => new { c.Id, c.Mobile }).FirstAsync();
            return (c.Id, await db.Vehicles.Where(v => v.CustomerId == c.Id).Select(v => v.Id).FirstAsync(), c.Mobile!);
        });
        var staff = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == (kind == "sale" ? "th.sales" : "th.advisor")).Select(u => u.Id).SingleAsync());
        var crm = await app.ApiAsync("th.crm");
        var today = StoreToday;
        var added = await crm.PostAsJsonAsync($"/api/v1/customers/{customer}/transactions", new
        {
            kind, number = "J" + Guid.NewGuid().ToString("N")[..12], date = today.AddDays(-daysAgo).ToString("yyyy-MM-dd"), vehicleId = vehicle, staffUserId = staff,
            repairType = kind == "repairOrder" ? "maintenance" : null,
        });
        added.EnsureSuccessStatusCode();
        var survey = kind == "sale" ? "salesSurvey" : "serviceSurvey";
        var tasks = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks?customerId={customer}&kind={survey}");
        var id = tasks.GetProperty("items").EnumerateArray().OrderByDescending(t => t.GetProperty("id").GetInt64()).First().GetProperty("id").GetInt64();
        await app.WithDbAsync(db => db.CallbackTasks.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueOn, today).SetProperty(t => t.DueBy, today)));
        return (id, customer, mobile);
    }
}
