using System.Globalization;
using System.Linq.Expressions;
using Dcrc.Data;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers.Filing;

/// <summary>A store the request sees, with its zone and its local date today (deadlines are store dates).</summary>
public sealed record StoreDay(int Id, string Code, string Name, TimeZoneInfo Zone, DateOnly Today)
{
    public static async Task<List<StoreDay>> VisibleAsync(DcrcDb db, StoreScope scope, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stores = await db.Stores.AsNoTracking().Where(s => scope.AllStores || scope.StoreIds.Contains(s.Id)).OrderBy(s => s.Code)
            .Select(s => new { s.Id, s.Code, s.Name, s.TimeZone }).ToListAsync();
        return stores.Select(s =>
        {
            var zone = StoreTime.Zone(s.TimeZone);
            return new StoreDay(s.Id, s.Code, s.Name, zone, DateOnly.FromDateTime(StoreTime.ToLocal(now, zone)));
        }).ToList();
    }

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(StoreTime.ToLocal(utc, Zone));
}

/// <summary>The display names of the users who received or checked, for the pages (the API answers the user names).</summary>
public static class People
{
    public static async Task<Dictionary<string, string>> DisplayNamesAsync(DcrcDb db, IEnumerable<string?> userNames)
    {
        var names = userNames.OfType<string>().Distinct().ToList();
        if (names.Count == 0) return [];
        return await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.DisplayName);
    }
}

/// <summary>Outstanding hand-overs (documents not yet at DCRC) or received ones.</summary>
public enum HandoverView { Outstanding = 0, Received = 1 }

/// <summary>
/// The departments' hand-over of paper documents to DCRC (002 §五; SPEC §1.2): what is still outstanding,
/// oldest due first, with the late ones (due before today in the store's time); marking documents received
/// (time and user, audited); what came in and whether it came late; the list as .xlsx.
/// </summary>
public class DocumentHandovers(DcrcDb db, CurrentUser me, StoreScope scope, UnitOfWork uow, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int ExportLimit = 50_000;
    /// <summary>The received view covers what came in over the last 90 days (an index range, not the whole history).</summary>
    public const int ReceivedDays = 90;

    /// <summary>
    /// One hand-over. <see cref="CustomerName"/> is null when the viewer may not see the archive's name (class A).
    /// <see cref="DaysLate"/>: outstanding, days past the due date today; received, days past the due date on the day it came.
    /// </summary>
    public sealed record Row(long TransactionId, int StoreId, string StoreName, TransactionKind Kind, string Number, DateOnly Date, long CustomerId,
        string? CustomerName, string ArchiveNumber, string? StaffName, DateOnly DueOn, DateTime? ReceivedAt, string? ReceivedBy, int DaysLate, string? ReceivedAtLocal, string? ReceivedByName)
    {
        public bool Late => DaysLate > 0;
    }

    public sealed record Listing(List<Row> Rows, int Total, int Outstanding, int Late, bool SeveralStores);

    public Task<List<StoreDay>> StoresAsync() => StoreDay.VisibleAsync(db, scope, clock);

    private IQueryable<CustomerTransaction> Pending() =>
        db.Transactions.AsNoTracking().Where(t => t.DocumentsDueOn != null && t.DocumentsReceivedAt == null);

    /// <summary>Due before the store's today, for every store of the request (stores may be in different zones).</summary>
    private static Expression<Func<CustomerTransaction, bool>> LateIn(IEnumerable<StoreDay> stores)
    {
        var t = Expression.Parameter(typeof(CustomerTransaction), "t");
        Expression body = Expression.Constant(false);
        foreach (var group in stores.GroupBy(s => s.Today))
        {
            var ids = group.Select(s => s.Id).ToList();
            var today = group.Key;
            Expression<Func<CustomerTransaction, bool>> one = x => ids.Contains(x.StoreId) && x.DocumentsDueOn < today;
            body = Expression.OrElse(body, new Rebind(one.Parameters[0], t).Visit(one.Body));
        }
        return Expression.Lambda<Func<CustomerTransaction, bool>>(body, t);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>
    /// A page of the list: outstanding oldest due first (optionally the late ones only), or received in the
    /// last <see cref="ReceivedDays"/> days, newest first; with the counts of outstanding and late hand-overs.
    /// </summary>
    public async Task<Listing> ListAsync(HandoverView view, bool lateOnly, string? number, int page, int pageSize)
    {
        var stores = await StoresAsync();
        var late = LateIn(stores);
        var outstanding = await Pending().CountAsync();
        var lateCount = await Pending().Where(late).CountAsync();
        IQueryable<CustomerTransaction> query;
        if (view == HandoverView.Received)
        {
            var since = clock.GetUtcNow().UtcDateTime.AddDays(-ReceivedDays);
            query = ByNumber(db.Transactions.AsNoTracking().Where(t => t.DocumentsDueOn != null && t.DocumentsReceivedAt >= since), number)
                .OrderByDescending(t => t.DocumentsReceivedAt).ThenByDescending(t => t.Id);
        }
        else
            query = ByNumber(lateOnly ? Pending().Where(late) : Pending(), number).OrderBy(t => t.DocumentsDueOn).ThenBy(t => t.Id);
        var total = view == HandoverView.Outstanding && string.IsNullOrWhiteSpace(number) ? (lateOnly ? lateCount : outstanding) : await query.CountAsync();
        var rows = await RowsAsync(query.Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize), stores);
        return new(rows, total, outstanding, lateCount, stores.Count > 1);
    }

    /// <summary>Agreement or repair-order numbers starting with what was typed (or scanned) at the desk, as typed or in capitals.</summary>
    private static IQueryable<CustomerTransaction> ByNumber(IQueryable<CustomerTransaction> query, string? number)
    {
        if (string.IsNullOrWhiteSpace(number)) return query;
        var typed = number.Trim();
        var upper = typed.ToUpperInvariant();
        return query.Where(t => t.Number.StartsWith(typed) || t.Number.StartsWith(upper));
    }

    private async Task<List<Row>> RowsAsync(IQueryable<CustomerTransaction> query, List<StoreDay> stores)
    {
        var seesClassA = await me.CanAsync(CustomerPermissions.ClassA);
        var found = await (from t in query
                           join c in db.Customers.AsNoTracking() on t.CustomerId equals c.Id into cs
                           from c in cs.DefaultIfEmpty()
                           select new
                           {
                               t.Id, t.StoreId, t.Kind, t.Number, t.Date, t.CustomerId, t.StaffName, t.DocumentsDueOn, t.DocumentsReceivedAt, t.DocumentsReceivedBy,
                               Name = c == null ? null : c.Name, ArchiveNumber = c == null ? null : c.ArchiveNumber, Class = c == null ? CustomerClass.C : c.Class,
                           }).ToListAsync();
        var byId = stores.ToDictionary(s => s.Id);
        var people = await People.DisplayNamesAsync(db, found.Select(r => r.DocumentsReceivedBy));
        return found.Select(r =>
        {
            var store = byId[r.StoreId];
            var due = r.DocumentsDueOn!.Value;
            var daysLate = Handover.DaysLate(due, r.DocumentsReceivedAt is { } at ? store.LocalDate(at) : store.Today);
            return new Row(r.Id, r.StoreId, store.Name, r.Kind, r.Number, r.Date, r.CustomerId, r.Class == CustomerClass.A && !seesClassA ? null : r.Name,
                r.ArchiveNumber ?? "", r.StaffName, due, r.DocumentsReceivedAt, r.DocumentsReceivedBy, daysLate,
                r.DocumentsReceivedAt is { } t ? StoreTime.Format(t, store.Zone) : null,
                r.DocumentsReceivedBy is { } by && people.TryGetValue(by, out var name) ? name : null);
        }).ToList();
    }

    public enum ReceiveResult { Received, NotFound, AlreadyReceived }

    /// <summary>
    /// The documents of a transaction have reached DCRC: records the time and the user, audited. Only once:
    /// a second marking (or two at once) finds them received and changes nothing.
    /// </summary>
    public async Task<(ReceiveResult Result, Row? Row)> ReceiveAsync(long transactionId)
    {
        var stores = await StoresAsync();
        var query = db.Transactions.AsNoTracking().Where(t => t.Id == transactionId && t.DocumentsDueOn != null);
        var existing = await query.Select(t => new { t.Number, t.StoreId, t.DocumentsReceivedAt }).FirstOrDefaultAsync();
        if (existing is null) return (ReceiveResult.NotFound, null);
        if (existing.DocumentsReceivedAt != null) return (ReceiveResult.AlreadyReceived, (await RowsAsync(query, stores)).Single());

        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = (Result: ReceiveResult.AlreadyReceived, Row: (Row?)null);
        // Set in place (a hand-over is not an edit of the record's version), once: a second receipt changes nothing.
        await uow.SaveAsync(transactionId, then: async () =>
        {
            var changed = await db.Transactions.Where(t => t.Id == transactionId && t.DocumentsDueOn != null && t.DocumentsReceivedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.DocumentsReceivedAt, now).SetProperty(t => t.DocumentsReceivedBy, me.UserName));
            var row = (await RowsAsync(query, stores)).Single();
            outcome = (changed == 0 ? ReceiveResult.AlreadyReceived : ReceiveResult.Received, row);
            if (changed > 0)
                uow.Audit(new(FilingAuditActions.Received, $"{existing.Number}: due {AuditWeek.Format(row.DueOn)}, {(row.Late ? $"{row.DaysLate} days late" : "on time")}",
                    "Transaction", transactionId.ToString(CultureInfo.InvariantCulture), existing.StoreId));
        });
        return (outcome.Result, outcome.Row);
    }

    public string KindLabel(TransactionKind kind) => l["Filing.Kind." + kind];

    /// <summary>The list as filtered, as .xlsx: the exporting user and time in the file; audited.</summary>
    public async Task<(byte[] File, int Rows)> ExportAsync(HandoverView view, bool lateOnly, string? number)
    {
        var listing = await ListAsync(view, lateOnly, number, 1, ExportLimit);
        var at = StoreTime.FormatSeconds(clock.GetUtcNow().UtcDateTime, StoreTime.GroupZone);
        var headers = new List<string>
        {
            l["Field.Store"], l["Filing.Number"], l["Filing.KindColumn"], l["Filing.Date"], l["Field.CustomerName"], l["Field.ArchiveNumber"],
            l["Filing.Staff"], l["Filing.DueOn"],
        };
        headers.AddRange(view == HandoverView.Received ? [l["Filing.ReceivedAt"], l["Filing.ReceivedBy"], l["Filing.DaysLate"]] : [l["Filing.DaysLate"]]);
        var rows = listing.Rows.Select(r =>
        {
            var cells = new List<string?>
            {
                r.StoreName, r.Number, KindLabel(r.Kind), AuditWeek.Format(r.Date), r.CustomerName ?? l["Filing.Restricted"], r.ArchiveNumber, r.StaffName, AuditWeek.Format(r.DueOn),
            };
            if (view == HandoverView.Received)
                cells.AddRange([r.ReceivedAtLocal, r.ReceivedByName is { } name ? $"{name} ({r.ReceivedBy})" : r.ReceivedBy]);
            cells.Add(r.DaysLate.ToString(CultureInfo.InvariantCulture));
            return (IReadOnlyList<string?>)cells;
        });
        var title = view == HandoverView.Received ? l["Filing.Received"] : lateOnly ? l["Filing.LateOnly"] : l["Filing.Outstanding"];
        var file = Kernel.Excel.Spreadsheet.Write(l["Filing.HandoversTitle"], headers, rows,
            [l["Filing.HandoversTitle"] + " · " + title, l["Export.By", me.DisplayName, me.UserName ?? "", at], l["Export.Confidential"]]);
        await audit.WriteAsync(FilingAuditActions.ExportHandovers, $"{view.ToString().ToLowerInvariant()}{(lateOnly && view == HandoverView.Outstanding ? ", late only" : "")}: {listing.Rows.Count} rows");
        return (file, listing.Rows.Count);
    }
}
