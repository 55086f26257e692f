using Bogus;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Data;

/// <summary>
/// Demo archive of a store: individual and company customers with valid ID numbers, credit codes, VINs and
/// plates of the store's city, classes A/B/C 20/40/40, owned by the store's consultants and advisors,
/// created over the last two years (archive numbers follow the default rule and the sequences are set).
/// </summary>
public class DemoCustomers(DcrcDb db, PersonalData personal, TimeProvider clock)
{
    private static readonly string[] CompoundSurnames = ["欧阳", "司马", "上官", "诸葛", "东方", "尉迟", "长孙", "令狐"];
    private static readonly string[] Models = ["卡罗拉", "凯美瑞", "雷凌", "RAV4荣放", "汉兰达", "亚洲龙", "威驰", "C-HR"];
    private static readonly string[] Colours = ["珍珠白", "铂金银", "曜石黑", "炫晶蓝", "烈焰红"];
    private static readonly string[] Wmi = ["LFM", "LVG", "LTV", "LVH"];
    private static readonly string[] CompanyWords = ["恒达", "华信", "粤通", "鹏程", "南方", "新科", "中联", "天一", "嘉和", "瑞丰"];
    private static readonly string[] CompanyTrades = ["贸易", "物流", "科技", "建设", "餐饮", "医疗器械", "电子", "文化传媒"];
    private const string PlateChars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public sealed record Area(string CityCode, string City, string[] Districts, string PlatePrefix);

    public static Area AreaOf(string storeCode) => storeCode == "NS"
        ? new("440305", "深圳市", ["南山区", "福田区", "宝安区", "罗湖区"], "粤B")
        : new("440106", "广州市", ["天河区", "越秀区", "海珠区", "白云区"], "粤A");

    public async Task SeedAsync(Store store, int count, string rule, IReadOnlyList<string> ownerIds, IReadOnlyDictionary<string, int?> ownerDepartments, Faker faker)
    {
        var area = AreaOf(store.Code);
        var now = clock.GetUtcNow().UtcDateTime;
        var mobiles = new HashSet<string>(await db.Customers.IgnoreQueryFilters().Where(c => c.Mobile != null).Select(c => c.Mobile!).ToListAsync());
        var vins = new HashSet<string>();
        var sequences = new Dictionary<string, long>();
        var customers = new List<Customer>();
        for (var i = 0; i < count; i++)
        {
            var created = now.AddDays(-faker.Random.Int(0, 730)).AddMinutes(-faker.Random.Int(0, 1440));
            var day = DateOnly.FromDateTime(created);
            var periodKey = ArchiveNumber.PeriodKey(rule, store.Code, day);
            var seq = sequences[periodKey] = sequences.GetValueOrDefault(periodKey) + 1;
            var company = faker.Random.Int(0, 99) < 12;
            var owner = ownerIds[faker.Random.Int(0, ownerIds.Count - 1)];
            var c = new Customer
            {
                StoreId = store.Id, Type = company ? CustomerType.Company : CustomerType.Individual,
                Status = faker.Random.Int(0, 99) < 5 ? ArchiveStatus.Draft : ArchiveStatus.Approved,
                Class = faker.Random.Int(0, 99) switch { < 20 => CustomerClass.A, < 60 => CustomerClass.B, _ => CustomerClass.C },
                Kind = company ? CustomerKind.Company : CustomerKind.Individual,
                Province = "广东省", City = area.City, District = faker.PickRandom(area.Districts), Address = faker.Address.StreetAddress(),
                Postcode = store.Code == "NS" ? "518000" : "510000", OwnerUserId = owner, OwnerDepartmentId = ownerDepartments[owner],
                CreatedAt = created, CreatedBy = "demo", ArchiveNumber = ArchiveNumber.Format(rule, store.Code, day, seq),
            };
            if (c.Status == ArchiveStatus.Approved) { c.ApprovedAt = created.AddHours(4); c.ApprovedBy = $"{store.Code.ToLowerInvariant()}.crm"; }
            c.Mobile = UniqueMobile(faker, mobiles);
            c.MobileLast4 = c.Mobile[^4..];
            if (company)
            {
                c.Name = $"{area.City}{faker.PickRandom(CompanyWords)}{faker.PickRandom(CompanyTrades)}有限公司";
                var first17 = "91" + area.CityCode + new string(Enumerable.Range(0, 9).Select(_ => faker.PickRandom(CreditAlphabet.ToCharArray())).ToArray());
                c.CreditCode = first17 + CreditCode.CheckCharacter(first17);
                c.Landline = $"{(store.Code == "NS" ? "0755" : "020")}-{faker.Random.Int(2000_0000, 8999_9999)}";
            }
            else
            {
                var surname = faker.Random.Int(0, 99) < 3 ? faker.PickRandom(CompoundSurnames) : faker.Name.LastName();
                c.Name = surname + faker.Name.FirstName();
                var birth = new DateOnly(faker.Random.Int(1960, 2003), faker.Random.Int(1, 12), faker.Random.Int(1, 28));
                var male = faker.Random.Bool();
                var sequence = faker.Random.Int(0, 49) * 2 + (male ? 1 : 0) + 100;
                var first17 = $"{area.CityCode}{birth:yyyyMMdd}{sequence:000}";
                var idNumber = first17 + IdNumber.CheckCharacter(first17);
                c.IdNumberEncrypted = personal.Protect(idNumber);
                c.IdNumberHash = personal.LookupHash(idNumber);
                c.Birthday = birth;
                c.Gender = male ? Gender.Male : Gender.Female;
            }
            c.SetName(c.Name, person: !company);
            for (var v = 0; v < (faker.Random.Int(0, 99) < 20 ? 2 : 1); v++)
            {
                var vin = UniqueVin(faker, vins);
                var purchased = day.AddDays(-faker.Random.Int(0, 30));
                c.Vehicles.Add(new Vehicle
                {
                    StoreId = store.Id, Vin = vin, VinLast6 = vin[^6..], Model = faker.PickRandom(Models), Series = "丰田",
                    PlateNumber = area.PlatePrefix + new string(Enumerable.Range(0, 5).Select(_ => faker.PickRandom(PlateChars.ToCharArray())).ToArray()),
                    ExteriorColour = faker.PickRandom(Colours), PurchaseDate = purchased, DeliveryDate = purchased.AddDays(3), BoughtHere = true,
                    Mileage = faker.Random.Int(500, 60000), CreatedAt = created,
                });
            }
            customers.Add(c);
        }
        db.Customers.AddRange(customers);
        db.ArchiveSequences.AddRange(sequences.Select(s => new ArchiveSequence { PeriodKey = s.Key, LastValue = s.Value }));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static string UniqueMobile(Faker faker, HashSet<string> used)
    {
        string m;
        do m = faker.PickRandom("135", "136", "137", "138", "139", "150", "158", "186", "188", "199") + faker.Random.Int(10_000_000, 99_999_999);
        while (!used.Add(m));
        return m;
    }

    private static string UniqueVin(Faker faker, HashSet<string> used)
    {
        const string chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        string vin;
        do
        {
            var body = faker.PickRandom(Wmi) + new string(Enumerable.Range(0, 14).Select(_ => faker.PickRandom(chars.ToCharArray())).ToArray());
            vin = body[..8] + Vin.CheckDigit(body[..8] + "0" + body[9..]) + body[9..];
        } while (!used.Add(vin));
        return vin;
    }
}
