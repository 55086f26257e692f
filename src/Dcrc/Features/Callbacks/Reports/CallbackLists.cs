using Dcrc.Kernel.Cases;
using Dcrc.Data;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>
/// The callback lists of SPEC §9: the daily report (日回访报表), the failed attempts (回访不成功明细表, 002 表3), the
/// invalid information (不确定客户记录表, 表4) and the SMS log (短信发送记录表, 表13). Counted and paged in SQL, within
/// the stores the user may see (narrowed to the period's store); mobiles masked, class-A names hidden from those
/// who may not see them (as in the queue). Customers and vehicles are joined under the store filter like the rest:
/// IgnoreQueryFilters anywhere in a query would lift it off the whole query.
/// </summary>
public class CallbackLists(DcrcDb db, CustomerArchive archive, IStringLocalizer<SharedResource> l)
{
    public const int ExportLimit = 50_000;

    private static CallbackOutcome[] Outcomes(OutcomeClass cls) => Enum.GetValues<CallbackOutcome>().Where(o => CallbackOutcomes.Classify(o) == cls).ToArray();

    private async Task<Func<string?, Customers.CustomerClass?, string>> NamerAsync()
    {
        var viewer = await archive.ViewerAsync();
        return (name, cls) => name is null ? "" : viewer.ShownName(name, cls ?? Customers.CustomerClass.C);
    }

    private IQueryable<CallbackTask> Tasks(int? storeId)
    {
        var q = db.CallbackTasks.AsNoTracking();
        return storeId is { } s ? q.Where(t => t.StoreId == s) : q;
    }

    // ---- 日回访报表 ----

    /// <summary>One specialist's day: calls made and what they came to, and the SMS surveys their fourth failures sent.</summary>
    public sealed record SpecialistDay(string? UserId, string? Name, int Calls, int Reached, int Rescheduled, int Failed, int Invalid, int SmsSent);

    /// <summary>
    /// One kind of callback on the day: due (the day falls in its window), completed that day, of the due ones still
    /// open (to call or awaiting the SMS reply), and open past their window's end — open and overdue as they stand now.
    /// </summary>
    public sealed record KindDay(CallbackKind Kind, int Due, int Completed, int Open, int Overdue);

    public sealed record Daily(DateOnly Date, IReadOnlyList<SpecialistDay> Specialists, SpecialistDay Total, IReadOnlyList<KindDay> Kinds, KindDay TotalKinds);

    public async Task<Daily> DailyAsync(ReportPeriod day)
    {
        var (start, end, date) = (day.StartUtc, day.EndUtc, day.From);
        var attempts = db.CallbackAttempts.AsNoTracking().Where(a => a.At >= start && a.At < end);
        if (day.StoreId is { } s) attempts = attempts.Where(a => a.StoreId == s);
        var reschedule = Outcomes(OutcomeClass.Reschedule);
        var failure = Outcomes(OutcomeClass.Failure);
        var invalid = Outcomes(OutcomeClass.Invalid);
        var calls = await attempts.GroupBy(a => a.ByUserId).Select(g => new
        {
            UserId = g.Key,
            Name = g.Max(a => a.ByName),
            Calls = g.Count(),
            Reached = g.Count(a => a.Outcome == CallbackOutcome.Success),
            Rescheduled = g.Count(a => reschedule.Contains(a.Outcome)),
            Failed = g.Count(a => failure.Contains(a.Outcome)),
            Invalid = g.Count(a => invalid.Contains(a.Outcome)),
        }).ToListAsync();

        // The SMS survey goes out with the attempt that made the fourth failure, queued as its user.
        var messages = db.SmsMessages.AsNoTracking().Where(m => m.Reason == CallbackSmsReplies.Reason && m.Status != SmsStatus.Blocked
            && m.CreatedAt >= start && m.CreatedAt < end);
        if (day.StoreId is { } st) messages = messages.Where(m => m.StoreId == st);
        var sms = await (from m in messages
                         join u in db.Users on m.CreatedBy equals u.UserName into us
                         from u in us.DefaultIfEmpty()
                         group m by new { Id = u == null ? null : u.Id, Name = u == null ? m.CreatedBy : u.DisplayName } into g
                         select new { g.Key.Id, g.Key.Name, N = g.Count() }).ToListAsync();

        var people = calls.Select(c => new SpecialistDay(c.UserId, c.Name, c.Calls, c.Reached, c.Rescheduled, c.Failed, c.Invalid,
                sms.Where(m => m.Id != null && m.Id == c.UserId).Sum(m => m.N)))
            .Concat(sms.Where(m => m.Id == null || calls.All(c => c.UserId != m.Id)).Select(m => new SpecialistDay(m.Id, m.Name, 0, 0, 0, 0, 0, m.N)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var total = new SpecialistDay(null, null, people.Sum(p => p.Calls), people.Sum(p => p.Reached), people.Sum(p => p.Rescheduled),
            people.Sum(p => p.Failed), people.Sum(p => p.Invalid), people.Sum(p => p.SmsSent));

        var tasks = Tasks(day.StoreId).Where(t => (t.DueOn <= date && t.DueBy >= date) || (t.ClosedAt >= start && t.ClosedAt < end)
            || ((t.Status == CallbackStatus.Open || t.Status == CallbackStatus.SmsSent) && t.DueBy < date));
        var byKind = await tasks.GroupBy(t => t.Kind).Select(g => new
        {
            Kind = g.Key,
            Due = g.Count(t => t.DueOn <= date && t.DueBy >= date),
            Completed = g.Count(t => t.Status == CallbackStatus.Completed && t.ClosedAt >= start && t.ClosedAt < end),
            Open = g.Count(t => (t.Status == CallbackStatus.Open || t.Status == CallbackStatus.SmsSent) && t.DueOn <= date && t.DueBy >= date),
            Overdue = g.Count(t => (t.Status == CallbackStatus.Open || t.Status == CallbackStatus.SmsSent) && t.DueBy < date),
        }).ToListAsync();
        var kinds = Enum.GetValues<CallbackKind>().Select(k => byKind.FirstOrDefault(x => x.Kind == k) is { } x
            ? new KindDay(k, x.Due, x.Completed, x.Open, x.Overdue) : new KindDay(k, 0, 0, 0, 0)).ToList();
        var totalKinds = new KindDay(default, kinds.Sum(k => k.Due), kinds.Sum(k => k.Completed), kinds.Sum(k => k.Open), kinds.Sum(k => k.Overdue));
        return new(date, people, total, kinds, totalKinds);
    }

    // ---- 表3 回访不成功明细表 ----

    /// <summary>One failed attempt (表3): 序号 VIN 客户姓名 联系电话 车型 回访状态 回访专员 回访时间 销售/服务顾问 原因 备注.</summary>
    public sealed record FailureRow(int No, long TaskId, CallbackKind Kind, string? Vin, string CustomerName, string Mobile, string? Model,
        CallbackStatus Status, string? Specialist, DateTime At, string? Staff, CallbackOutcome Reason, string? Note);

    /// <summary>The failed attempts made in the period, latest first.</summary>
    public async Task<Paged<FailureRow>> FailuresAsync(ReportPeriod period, int page, int pageSize)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var failure = Outcomes(OutcomeClass.Failure);
        var attempts = db.CallbackAttempts.AsNoTracking().Where(a => failure.Contains(a.Outcome) && a.At >= start && a.At < end);
        if (period.StoreId is { } s) attempts = attempts.Where(a => a.StoreId == s);
        var total = await attempts.CountAsync();
        var found = await (from a in attempts.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize)
                           join t in db.CallbackTasks.AsNoTracking() on a.TaskId equals t.Id
                           from c in db.Customers.Where(c => c.Id == t.CustomerId).DefaultIfEmpty()
                           from v in db.Vehicles.Where(v => v.Id == t.VehicleId).DefaultIfEmpty()
                           orderby a.At descending, a.Id descending
                           select new
                           {
                               a.At, a.ByName, a.Outcome, a.Note, t.Id, t.Kind, t.Status, t.StaffName,
                               Name = c == null ? null : c.Name, Class = c == null ? (Customers.CustomerClass?)null : c.Class, Mobile = c == null ? null : c.Mobile,
                               Vin = v == null ? null : v.Vin, Model = v == null ? null : v.Model,
                           }).ToListAsync();
        var name = await NamerAsync();
        var first = (page - 1) * pageSize;
        return new(found.Select((r, i) => new FailureRow(first + i + 1, r.Id, r.Kind, r.Vin, name(r.Name, r.Class), Phone.Mask(r.Mobile), r.Model, r.Status, r.ByName,
            r.At, r.StaffName, r.Outcome, r.Note)).ToList(), page, pageSize, total);
    }

    // ---- 表4 不确定客户记录表 ----

    /// <summary>
    /// A task whose number proved wrong or empty (表4): 序号 VIN 客户姓名 联系电话 通讯地址 数据是否有效 回访状态 回访专员 回访时间
    /// 备注 | 找回正确客户姓名 找回正确电话 找回其他联系电话 备注. The number is the one found wrong (the archive's while
    /// uncorrected); the found details are the latest correction's. <see cref="Valid"/>: corrected since (the task is no longer invalid).
    /// </summary>
    public sealed record InvalidRow(int No, long TaskId, int Version, CallbackKind Kind, string? Vin, string CustomerName, string Mobile, string? Address, bool Valid,
        CallbackStatus Status, string? Specialist, DateTime At, CallbackOutcome Outcome, string? Note,
        string? FoundName, string? FoundMobile, string? FoundOtherPhone, string? FoundNote, DateTime? FoundAt, string? FoundBy);

    /// <summary>Tasks with a wrong/empty-number attempt (in the period, when one is given), the uncorrected first, then latest first.</summary>
    public async Task<Paged<InvalidRow>> InvalidAsync(ReportPeriod? period, int? storeId, int page, int pageSize)
    {
        var invalid = Outcomes(OutcomeClass.Invalid);
        var tasks = Tasks(storeId).Select(t => new
        {
            Task = t,
            LastInvalid = db.CallbackAttempts.Where(a => a.TaskId == t.Id && invalid.Contains(a.Outcome)).Max(a => (DateTime?)a.At),
        }).Where(x => x.LastInvalid != null);
        if (period is not null)
        {
            var (start, end) = (period.StartUtc, period.EndUtc);
            tasks = tasks.Where(x => x.LastInvalid >= start && x.LastInvalid < end);
        }
        var total = await tasks.CountAsync();
        var found = await tasks.OrderBy(x => x.Task.Status == CallbackStatus.Invalid ? 0 : 1).ThenByDescending(x => x.LastInvalid).ThenByDescending(x => x.Task.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new
            {
                x.Task.Id, x.Task.Version, x.Task.Kind, x.Task.Status,
                Attempt = db.CallbackAttempts.Where(a => a.TaskId == x.Task.Id && invalid.Contains(a.Outcome)).OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                    .Select(a => new { a.At, a.ByName, a.Outcome, a.Note }).FirstOrDefault(),
                Correction = db.CallbackCorrections.Where(k => k.TaskId == x.Task.Id).OrderByDescending(k => k.At).ThenByDescending(k => k.Id)
                    .Select(k => new { k.At, k.ByName, k.OldMobile, k.Name, k.Mobile, k.OtherPhone, k.Note }).FirstOrDefault(),
                Customer = db.Customers.Where(c => c.Id == x.Task.CustomerId)
                    .Select(c => new { c.Name, c.Class, c.Mobile, Address = c.MailingAddress ?? c.Address }).FirstOrDefault(),
                Vehicle = db.Vehicles.Where(v => v.Id == x.Task.VehicleId).Select(v => new { v.Vin }).FirstOrDefault(),
            }).ToListAsync();
        var name = await NamerAsync();
        var first = (page - 1) * pageSize;
        return new(found.Select((r, i) =>
        {
            var corrected = r.Correction is not null;
            // Until corrected, the archive still holds the number found wrong.
            var wrong = corrected ? r.Correction!.OldMobile : r.Customer?.Mobile;
            return new InvalidRow(first + i + 1, r.Id, r.Version, r.Kind, r.Vehicle?.Vin, name(r.Customer?.Name, r.Customer?.Class), Phone.Mask(wrong),
                r.Customer?.Address, r.Status != CallbackStatus.Invalid, r.Status, r.Attempt?.ByName, r.Attempt?.At ?? default, r.Attempt?.Outcome ?? CallbackOutcome.WrongNumber,
                r.Attempt?.Note, r.Correction?.Name is { } foundName ? name(foundName, r.Customer?.Class) : null, corrected ? Phone.Mask(r.Correction!.Mobile) : null, r.Correction?.OtherPhone is { } other ? Phone.Mask(other) : null,
                r.Correction?.Note, r.Correction?.At, r.Correction?.ByName);
        }).ToList(), page, pageSize, total);
    }

    // ---- 表13 短信发送记录表 ----

    /// <summary>One message (表13): 客户姓名 原因类型 发送时间 发送状态 客户回复内容.</summary>
    public sealed record SmsRow(long Id, string CustomerName, string Reason, string ReasonLabel, DateTime CreatedAt, DateTime? SentAt, SmsStatus Status, string? Reply, DateTime? RepliedAt);

    /// <summary>The messages queued in the period (every reason), latest first.</summary>
    public async Task<Paged<SmsRow>> SmsAsync(ReportPeriod period, int page, int pageSize)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var messages = db.SmsMessages.AsNoTracking().Where(m => m.CreatedAt >= start && m.CreatedAt < end);
        if (period.StoreId is { } s) messages = messages.Where(m => m.StoreId == s);
        var total = await messages.CountAsync();
        var found = await (from m in messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize)
                           from c in db.Customers.Where(c => c.Id == m.CustomerId).DefaultIfEmpty()
                           orderby m.CreatedAt descending, m.Id descending
                           select new { m.Id, m.CustomerName, m.Reason, m.CreatedAt, m.SentAt, m.Status, m.Reply, m.RepliedAt, Class = c == null ? (Customers.CustomerClass?)null : c.Class })
            .ToListAsync();
        var name = await NamerAsync();
        return new(found.Select(m => new SmsRow(m.Id, name(m.CustomerName, m.Class), m.Reason, SmsApi.ReasonLabel(l, m.Reason), m.CreatedAt, m.SentAt, m.Status, m.Reply, m.RepliedAt)).ToList(),
            page, pageSize, total);
    }
}
