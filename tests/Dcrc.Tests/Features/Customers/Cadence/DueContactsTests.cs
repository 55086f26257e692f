using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dcrc.Tests.Infrastructure.TestData;

namespace Dcrc.Tests.Features.Customers.Cadence;

public abstract class DueContactsTests(DcrcApp app)
{
    [Fact]
    public async Task A_customer_is_due_by_the_class_cadence_until_they_are_called()
    {
        var consultant = await app.CreateUserAsync("SalesConsultant");
        var client = await app.ApiAs(consultant.UserName!);
        var c = (await PostCreatedAsync(client, "/api/v1/customers", new { type = "individual", name = "东方明", mobile = NewMobile(), @class = "c" })).GetProperty("id").GetInt64();
        var b = (await PostCreatedAsync(client, "/api/v1/customers", new { type = "individual", name = "东方亮", mobile = NewMobile(), @class = "b" })).GetProperty("id").GetInt64();
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/customers/due")).GetProperty("total").GetInt32().ShouldBe(0);

        // Archived 10 days ago: class B (call weekly) is 3 days overdue, class C (every 2 weeks) not yet due.
        var tenDaysAgo = app.Clock.GetUtcNow().UtcDateTime.AddDays(-10);
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.IgnoreQueryFilters().Where(x => x.Id == c || x.Id == b)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, tenDaysAgo)));
        var due = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers/due");
        due.GetProperty("total").GetInt32().ShouldBe(1);
        var row = due.GetProperty("items")[0];
        row.GetProperty("id").GetInt64().ShouldBe(b);
        row.GetProperty("state").GetString().ShouldBe("overdue");
        row.GetProperty("daysOverdue").GetInt32().ShouldBe(3);

        await PostCreatedAsync(client, $"/api/v1/customers/{b}/interactions", new { channel = "call", summary = "例行联系" });
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/customers/due")).GetProperty("total").GetInt32().ShouldBe(0);
        // Visits: class B every 3 months, not due after 10 days.
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/customers/due?contact=visit")).GetProperty("total").GetInt32().ShouldBe(0);

        // The store's own cadence counts: class C every 7 days at TH makes the other customer 3 days overdue.
        var admin = await app.ApiAs("sysadmin");
        var th = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == "TH").Select(s => s.Id).SingleAsync());
        (await admin.PutAsJsonAsync($"/api/v1/settings/archive.classCCallDays?storeId={th}", new { value = "7" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        try
        {
            var storeDue = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers/due");
            storeDue.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetInt64().ShouldBe(c);
            storeDue.GetProperty("items")[0].GetProperty("daysOverdue").GetInt32().ShouldBe(3);
        }
        finally
        {
            await TestData.ClearSettingAsync(admin, "archive.classCCallDays", th);
        }
    }
}

[Collection(SqliteCollection.Name)] public class DueContactsTests_Sqlite(SqliteApp app) : DueContactsTests(app);
[Collection(PostgresCollection.Name)] public class DueContactsTests_Postgres(PostgresApp app) : DueContactsTests(app);
