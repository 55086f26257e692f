using Dcrc.Data;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Records;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Customers.Filing;

/// <summary>Transactions put straight into the database, as the (separate) recording service will.</summary>
public static class FilingData
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The demo stores' date (Asia/Shanghai) by the test clock.</summary>
    public static DateOnly StoreToday(DcrcApp app) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Shanghai).DateTime);

    public static Task<int> StoreAsync(DcrcApp app, string code) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    /// <summary>A demo customer of the store, not class A.</summary>
    public static Task<long> CustomerAsync(DcrcApp app, int storeId, int skip = 0) => app.WithScopeAsync(sp =>
        sp.GetRequiredService<DcrcDb>().Customers.Where(c => c.StoreId == storeId && c.Class != CustomerClass.A && c.Status != ArchiveStatus.Merged)
            .OrderBy(c => c.Id).Skip(skip).Select(c => c.Id).FirstAsync());

    public static string NewNumber(string prefix) => prefix + Random.Shared.Next(10_000_000, 99_999_999) + Random.Shared.Next(100, 999);

    public static Task<CustomerTransaction> AddAsync(DcrcApp app, int storeId, long customerId, TransactionKind kind, DateOnly date,
        DateOnly? dueOn = null, DateTime? receivedAt = null, string staff = "王顾问") => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DcrcDb>();
        var t = new CustomerTransaction
        {
            StoreId = storeId, CustomerId = customerId, Kind = kind, Number = NewNumber(kind == TransactionKind.Sale ? "HT" : "WX"), Date = date,
            StaffName = staff, DocumentsDueOn = dueOn, DocumentsReceivedAt = receivedAt, DocumentsReceivedBy = receivedAt is null ? null : "th.crm",
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime, CreatedBy = "test",
        };
        db.Transactions.Add(t);
        await db.SaveChangesAsync();
        return t;
    });

    /// <summary>Several transactions of a kind on the given dates (documents already received, so the hand-over lists stay clean).</summary>
    public static Task<List<long>> AddManyAsync(DcrcApp app, int storeId, long customerId, TransactionKind kind, IEnumerable<DateOnly> dates) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DcrcDb>();
        var added = dates.Select(d => new CustomerTransaction
        {
            StoreId = storeId, CustomerId = customerId, Kind = kind, Number = NewNumber(kind == TransactionKind.Sale ? "HT" : "WX"), Date = d, StaffName = "王顾问",
            DocumentsDueOn = d.AddDays(3), DocumentsReceivedAt = DateTime.UtcNow, DocumentsReceivedBy = "th.crm", CreatedAt = DateTime.UtcNow, CreatedBy = "test",
        }).ToList();
        db.Transactions.AddRange(added);
        await db.SaveChangesAsync();
        return added.Select(t => t.Id).ToList();
    });
}
