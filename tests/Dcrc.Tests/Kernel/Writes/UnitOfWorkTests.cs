using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Writes;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Kernel.Writes;

/// <summary>The one write path: a refusal leaves nothing pending, a save stores its audit entries with it, a stale version is a conflict.</summary>
public abstract class UnitOfWorkTests(DcrcApp app)
{
    private async Task<long> NewCustomerAsync(string name)
    {
        var api = await app.ApiAs("th.crm");
        var created = await (await api.PostAsJsonAsync("/api/v1/customers", new { type = "individual", name, mobile = TestData.NewMobile() })).Content.ReadFromJsonAsync<JsonElement>();
        return created.GetProperty("id").GetInt64();
    }

    private Task<string> NameAsync(long id) => app.WithScopeAsync(sp =>
    {
        sp.GetRequiredService<StoreScope>().AllowAll(null);
        return sp.GetRequiredService<DcrcDb>().Customers.Where(c => c.Id == id).Select(c => c.Name).SingleAsync();
    });

    [Fact]
    public async Task A_refused_edit_followed_by_an_unrelated_save_in_the_same_request_stores_nothing_of_the_refused_edit()
    {
        var id = await NewCustomerAsync("拒绝前");
        var other = await NewCustomerAsync("另一位");
        await app.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<StoreScope>().AllowAll(null);
            var db = sp.GetRequiredService<DcrcDb>();
            var uow = sp.GetRequiredService<UnitOfWork>();
            var refused = await db.Customers.SingleAsync(c => c.Id == id);
            refused.Name = "被拒绝的修改";
            db.ArchiveChanges.Add(new() { CustomerId = id, Field = "name", OldValue = "拒绝前", NewValue = "被拒绝的修改", ChangedAt = DateTime.UtcNow });
            uow.AuditOnSave(() => new("customers.update", "refused"));
            uow.Refuse<int>("name", "refused").Status.ShouldBe(WriteStatus.Invalid);

            (await db.Customers.SingleAsync(c => c.Id == other)).Name = "无关的保存";
            (await uow.SaveAsync(0)).Saved.ShouldBeTrue();
        });
        (await NameAsync(id)).ShouldBe("拒绝前");
        (await NameAsync(other)).ShouldBe("无关的保存");
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().ArchiveChanges.CountAsync(h => h.CustomerId == id))).ShouldBe(0);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.CountAsync(e => e.Summary == "refused"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_save_stores_its_audit_entries_in_the_same_transaction_and_a_stale_version_saves_nothing()
    {
        var id = await NewCustomerAsync("原来的");
        var marker = "uow " + Guid.NewGuid().ToString("N");
        var stale = await app.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<StoreScope>().AllowAll(null);
            var db = sp.GetRequiredService<DcrcDb>();
            var uow = sp.GetRequiredService<UnitOfWork>();
            var c = await db.Customers.SingleAsync(x => x.Id == id);
            c.Name = "旧版本的修改";
            db.Entry(c).Property(x => x.Version).OriginalValue = c.Version - 1;
            uow.AuditOnSave(() => new("customers.update", marker));
            return await uow.SaveAsync(c);
        });
        stale.Status.ShouldBe(WriteStatus.Conflict);
        stale.Errors.Keys.ShouldContain("version");
        (await NameAsync(id)).ShouldBe("原来的");
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.CountAsync(e => e.Summary == marker))).ShouldBe(0);

        var saved = await app.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<StoreScope>().AllowAll(null);
            var db = sp.GetRequiredService<DcrcDb>();
            var uow = sp.GetRequiredService<UnitOfWork>();
            (await db.Customers.SingleAsync(x => x.Id == id)).Name = "新的";
            uow.AuditOnSave(() => new("customers.update", marker));
            return await uow.SaveAsync(id);
        });
        saved.Saved.ShouldBeTrue();
        (await NameAsync(id)).ShouldBe("新的");
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.CountAsync(e => e.Summary == marker))).ShouldBe(1);
    }
}

[Collection(SqliteCollection.Name)] public class UnitOfWorkTests_Sqlite(SqliteApp app) : UnitOfWorkTests(app);
[Collection(PostgresCollection.Name)] public class UnitOfWorkTests_Postgres(PostgresApp app) : UnitOfWorkTests(app);
