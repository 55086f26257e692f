using Bogus;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Records;
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
            c.SetMobile(UniqueMobile(faker, mobiles));
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
                var vehicle = new Vehicle
                {
                    StoreId = store.Id, Model = faker.PickRandom(Models), Series = "丰田",
                    PlateNumber = area.PlatePrefix + new string(Enumerable.Range(0, 5).Select(_ => faker.PickRandom(PlateChars.ToCharArray())).ToArray()),
                    ExteriorColour = faker.PickRandom(Colours), PurchaseDate = purchased, DeliveryDate = purchased.AddDays(3), BoughtHere = true,
                    Mileage = faker.Random.Int(500, 60000), CreatedAt = created,
                };
                vehicle.SetVin(vin);
                c.Vehicles.Add(vehicle);
            }
            customers.Add(c);
        }
        db.Customers.AddRange(customers);
        db.ArchiveSequences.AddRange(sequences.Select(s => new ArchiveSequence { PeriodKey = s.Key, LastValue = s.Value }));
        await db.SaveChangesAsync();
        var names = await db.Users.Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        AddRecords(store, customers, names, faker, DateOnly.FromDateTime(now.AddHours(8)));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static readonly string[] Tags = ["老客户", "车队", "转介绍", "置换意向", "家庭用车"];
    private static readonly (string Summary, string Outcome)[] ServiceCalls =
    [
        ("维修后回访：对服务满意", "满意"), ("维修后回访：等待时间偏长", "已转服务经理"), ("保养提醒", "已预约"), ("保养提醒", "客户暂不需要"),
    ];

    /// <summary>
    /// Two years of life per vehicle: the sale at delivery, the first maintenance a month or two later (→ C
    /// card), maintenance every five to seven months, the odd repair, bodywork or warranty job; calls after
    /// the sale and after repairs, SMS reminders; the documents' hand-over to DCRC, a few still outstanding.
    /// </summary>
    private void AddRecords(Store store, List<Customer> customers, IReadOnlyDictionary<string, string> staff, Faker faker, DateOnly today)
    {
        var numbers = 0;
        string Number(string prefix, DateOnly d) => $"{prefix}{store.Code}{d:yyMM}{++numbers:00000}";
        DateTime At(DateOnly d, int hour) => d.ToDateTime(new TimeOnly(hour, faker.Random.Int(0, 59))).AddHours(-8); // store time (UTC+8) → UTC
        foreach (var c in customers)
        {
            var staffName = c.OwnerUserId is { } o ? staff.GetValueOrDefault(o) : null;
            if (faker.Random.Int(0, 99) < 25) c.Tags = faker.PickRandom(Tags);
            if (c.Type == CustomerType.Company)
            {
                c.Nature = faker.PickRandom("PrivateLimited", "StateOwned", "JointVenture");
                c.Contacts.Add(new Features.Customers.Records.CompanyContact { Role = Features.Customers.Records.ContactRole.LegalRepresentative, Name = faker.Name.LastName() + faker.Name.FirstName(), Position = "董事长" });
                c.Contacts.Add(new Features.Customers.Records.CompanyContact { Role = Features.Customers.Records.ContactRole.MainContact, Name = faker.Name.LastName() + faker.Name.FirstName(), Position = "行政经理" });
                if (faker.Random.Int(0, 99) < 60 && c.Vehicles.Count > 0)
                {
                    var visited = At(today.AddDays(-faker.Random.Int(1, 150)), 14);
                    Talk(c, c.Vehicles[0], InteractionChannel.Visit, visited, "拜访客户，了解车队用车需求", "有增购意向", staffName);
                    c.LastVisitAt = visited;
                }
            }
            foreach (var v in c.Vehicles)
            {
                var delivered = v.DeliveryDate ?? today;
                if (delivered > today) continue;
                Add(c, v, TransactionKind.Sale, null, Number("HT", delivered), delivered, faker.Random.Int(89_800, 329_800), 0, staffName, today, faker);
                Talk(c, v, InteractionChannel.Call, At(delivered.AddDays(1), 10), "交车后感谢致电", "客户满意", staffName);
                if (delivered.AddDays(3) <= today) Talk(c, v, InteractionChannel.Call, At(delivered.AddDays(3), 15), "新车主信息确认及关怀", "信息无误", "回访专员");
                var day = delivered.AddDays(faker.Random.Int(30, 60));
                var km = faker.Random.Int(1500, 3000);
                while (day <= today)
                {
                    var type = faker.Random.Int(0, 99) switch { < 75 => RepairType.Maintenance, < 88 => RepairType.Repair, < 96 => RepairType.Bodywork, _ => RepairType.Warranty };
                    var amount = type switch { RepairType.Maintenance => faker.Random.Int(380, 980), RepairType.Repair => faker.Random.Int(600, 5200), RepairType.Bodywork => faker.Random.Int(1200, 8600), _ => 0 };
                    Add(c, v, TransactionKind.RepairOrder, type, Number("RO", day), day, amount, km, "服务顾问" + faker.PickRandom("梁诚", "秦立松", "唐杰"), today, faker);
                    if (type == RepairType.Maintenance && c.Card == CustomerCard.A) { c.Card = CustomerCard.C; c.CardMovedAt = At(day, 17); }
                    var (summary, outcome) = faker.PickRandom(ServiceCalls);
                    if (day.AddDays(4) <= today) Talk(c, v, InteractionChannel.Call, At(day.AddDays(4), 11), summary, outcome, "回访专员");
                    var next = day.AddDays(faker.Random.Int(150, 210));
                    if (next.AddDays(-7) <= today) Talk(c, v, InteractionChannel.Sms, At(next.AddDays(-7), 9), "保养到期提醒短信", null, "系统");
                    km += faker.Random.Int(4000, 7000);
                    day = next;
                }
                v.Mileage = km;
            }
        }
    }

    private void Add(Customer c, Vehicle v, TransactionKind kind, RepairType? type, string number, DateOnly date, decimal amount, int mileage, string? staffName, DateOnly today, Faker faker)
    {
        var due = date.AddDays(kind == TransactionKind.Sale ? 5 : 3);
        // Most papers reach DCRC within the limit, some late, the recent few not yet.
        DateTime? received = due.AddDays(3) > today || faker.Random.Int(0, 99) < 4 ? null : date.AddDays(faker.Random.Int(1, faker.Random.Int(0, 99) < 90 ? 5 : 9)).ToDateTime(new TimeOnly(8, 0));
        db.Transactions.Add(new CustomerTransaction
        {
            StoreId = c.StoreId, CustomerId = c.Id, VehicleId = v.Id, Kind = kind, RepairType = type, Number = number, Date = date, Amount = amount,
            Mileage = mileage == 0 ? null : mileage, StaffUserId = kind == TransactionKind.Sale ? c.OwnerUserId : null, StaffName = staffName,
            RepairTeam = kind != TransactionKind.RepairOrder ? null : type == RepairType.Bodywork ? faker.PickRandom("钣金一组", "油漆一组") : "维修一组",
            DocumentsDueOn = due, DocumentsReceivedAt = received, DocumentsReceivedBy = received is null ? null : "demo", CreatedAt = date.ToDateTime(new TimeOnly(10, 0)), CreatedBy = "demo",
        });
    }

    private void Talk(Customer c, Vehicle v, InteractionChannel channel, DateTime at, string summary, string? outcome, string? by)
    {
        db.Interactions.Add(new Interaction { StoreId = c.StoreId, CustomerId = c.Id, VehicleId = v.Id, Channel = channel, At = at, Summary = summary, Outcome = outcome, ByName = by, CreatedAt = at });
        if (channel == InteractionChannel.Call && (c.LastCallAt is null || c.LastCallAt < at)) c.LastCallAt = at;
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
