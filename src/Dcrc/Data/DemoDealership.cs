using Bogus;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Data;

/// <summary>
/// The demo dealer group: two stores, the departments, and one user per role per store (plus the group's
/// own roles), all with one demo password. Seeded on the embedded SQLite default when the database is
/// empty; on PostgreSQL only with <c>Dcrc:Demo:Seed=true</c>. Later features add their demo records here.
/// </summary>
public class DemoDealership(DcrcDb db, IPasswordHasher<AppUser> hasher, TimeProvider clock, IConfiguration config, DemoCustomers demoCustomers, DemoCallbacks demoCallbacks,
    DemoComplaints demoComplaints, DemoCalls demoCalls, DemoLeads demoLeads, DemoService demoService, ILogger<DemoDealership> log)
{
    public const string DefaultPassword = "Dcrc#2026";

    public string Password => config["Dcrc:Demo:Password"] is { Length: > 0 } p ? p : DefaultPassword;

    public static bool ShouldSeed(IConfiguration config, bool sqlite) =>
        config["Dcrc:Demo:Seed"] is { Length: > 0 } v ? bool.Parse(v) : sqlite;

    public sealed record DemoStore(string Code, string Name, string Province, string City, string Address, string Phone);
    public sealed record DemoUser(string UserName, string Role, string? StoreCode, string Department);

    public static readonly DemoStore[] Stores =
    [
        new("TH", "广州天河店", "广东省", "广州市", "天河区黄埔大道西 668 号", "020-38881234"),
        new("NS", "深圳南山店", "广东省", "深圳市", "南山区深南大道 9998 号", "0755-26661234"),
    ];

    public static readonly (string Code, string Name)[] Departments =
    [
        ("MGMT", "总经办"), ("DCRC", "客户关系部"), ("SALES", "销售部"), ("SERVICE", "售后服务部"), ("MKT", "市场部"), ("IT", "信息部"),
    ];

    public static IReadOnlyList<DemoUser> Users()
    {
        var list = new List<DemoUser>
        {
            new("group.gm", Roles.GroupManager, null, "MGMT"),
            new("sysadmin", Roles.SystemAdmin, null, "IT"),
            new("secadmin", Roles.SecurityAdmin, null, "IT"),
            new("auditadmin", Roles.AuditAdmin, null, "IT"),
        };
        foreach (var s in Stores)
        {
            var p = s.Code.ToLowerInvariant();
            list.AddRange(
            [
                new($"{p}.gm", Roles.GeneralManager, s.Code, "MGMT"),
                new($"{p}.crm", Roles.CrManager, s.Code, "DCRC"),
                new($"{p}.callback", Roles.CallbackSpecialist, s.Code, "DCRC"),
                new($"{p}.reception", Roles.ReceptionSpecialist, s.Code, "DCRC"),
                new($"{p}.salesmgr", Roles.SalesManager, s.Code, "SALES"),
                new($"{p}.sales", Roles.SalesConsultant, s.Code, "SALES"),
                new($"{p}.sales2", Roles.SalesConsultant, s.Code, "SALES"),
                new($"{p}.servicemgr", Roles.ServiceManager, s.Code, "SERVICE"),
                new($"{p}.advisor", Roles.ServiceAdvisor, s.Code, "SERVICE"),
                new($"{p}.marketing", Roles.Marketing, s.Code, "MKT"),
            ]);
        }
        return list;
    }

    /// <summary>
    /// Seeds the demo dealership in the background once the app answers (<see cref="Kernel.StartupWork"/>):
    /// in one transaction, so an app stopped half-way leaves an empty database that the next start seeds
    /// again; under the startup lock, so a second instance on one PostgreSQL finds it done and leaves it.
    /// </summary>
    public static async Task SeedOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<StoreScope>().AllowAll(null);
        var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
        await SchemaMigrator.UnderStartupLockAsync(db, async () =>
        {
            if (await db.Stores.AnyAsync(ct)) return;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await scope.ServiceProvider.GetRequiredService<DemoDealership>().SeedAsync();
            await tx.CommitAsync(ct);
        });
    }

    public async Task SeedAsync()
    {
        var faker = new Faker("zh_CN") { Random = new Randomizer(20261122) };
        var stores = Stores.Select(s => new Store { Code = s.Code, Name = s.Name, Province = s.Province, City = s.City, Address = s.Address, Phone = s.Phone }).ToList();
        db.Stores.AddRange(stores);
        var departments = Departments.Select(d => new Department { Code = d.Code, Name = d.Name }).ToList();
        db.Departments.AddRange(departments);
        await db.SaveChangesAsync();

        var roles = db.Roles.ToDictionary(r => r.Name!, r => r.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        // One hash for the one shared demo password keeps first start fast (each hash is 210,000 PBKDF2 rounds).
        var hash = hasher.HashPassword(new AppUser(), Password);
        foreach (var u in Users())
        {
            var user = new AppUser
            {
                UserName = u.UserName,
                NormalizedUserName = u.UserName.ToUpperInvariant(),
                DisplayName = faker.Name.LastName() + faker.Name.FirstName(),
                DepartmentId = departments.Single(d => d.Code == u.Department).Id,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                CreatedAt = now,
            };
            if (u.StoreCode != null) user.Stores.Add(new StoreMembership { StoreId = stores.Single(s => s.Code == u.StoreCode).Id });
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[u.Role] });
        }
        await db.SaveChangesAsync();

        var perStore = int.TryParse(config["Dcrc:Demo:CustomersPerStore"], out var n) ? n : 2000;
        var owners = db.Users.Select(u => new { u.Id, u.UserName, u.DepartmentId }).ToList();
        foreach (var store in stores)
        {
            var prefix = store.Code.ToLowerInvariant() + ".";
            var ownerIds = owners.Where(o => o.UserName!.StartsWith(prefix) && (o.UserName.Contains(".sales") || o.UserName.EndsWith(".advisor"))).Select(o => o.Id).ToList();
            await demoCustomers.SeedAsync(store, perStore, Features.Customers.ArchiveSettings.NumberRule.Default, ownerIds, owners.ToDictionary(o => o.Id, o => o.DepartmentId), faker);
            var specialist = owners.Single(o => o.UserName == prefix + "callback");
            await demoCallbacks.SeedAsync(store, faker, specialist.Id, db.Users.Where(u => u.Id == specialist.Id).Select(u => u.DisplayName).Single());
            var names = db.Users.Where(u => u.UserName!.StartsWith(prefix)).ToDictionary(u => u.UserName!, u => (u.Id, u.DisplayName, u.DepartmentId));
            await demoComplaints.SeedAsync(store, faker, names[prefix + "reception"].Id, names[prefix + "reception"].DisplayName,
                new[] { "advisor", "sales", "servicemgr", "salesmgr" }.Select(r => names[prefix + r]).ToList());
            var reception = owners.Single(o => o.UserName == prefix + "reception");
            string NameOf(string id) => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).Single();
            await demoCalls.SeedAsync(store, faker, (reception.Id, NameOf(reception.Id)), (specialist.Id, NameOf(specialist.Id)));
            await demoLeads.SeedAsync(store, new(reception.Id, NameOf(reception.Id), reception.DepartmentId),
                new[] { "sales", "sales2" }.Select(r => names[prefix + r]).Select(u => new DemoLeads.Staff(u.Id, u.DisplayName, u.DepartmentId)).ToList());
            await demoService.SeedAsync(store);
        }
        log.LogInformation("Demo dealership seeded: {Stores} stores, {Users} users, {Customers} customers per store", stores.Count, Users().Count, perStore);
    }
}
