using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Leads;

/// <summary>A lead as lists and cards show it: the mobile masked (in full only through <see cref="LeadViews.UnmaskAsync"/>).</summary>
public sealed record LeadLine(long Id, string Number, int StoreId, string Name, string Mobile, string IntentLevel, string? Series, string? Model,
    LeadSource Source, LeadState State, string? ConsultantName, DateOnly? NextFollowUpOn, DateTime? LastFollowUpAt, int Attempts, bool Late,
    DateTime CreatedAt, long? CustomerId, long? BatchId, DateTime? FeedbackDueAt, DateTime? FeedbackAt, DateTime? PoolSince, bool KeepsInterest, int Version);

/// <summary>One consultant's day: what is due and overdue, the newest leads, the intent customers followed against the target.</summary>
public sealed record ConsultantDay(string UserId, string Name, int DueToday, int Overdue, int New, int FollowedToday, int Target, int Late);

public sealed record LeadFilter(string? Q = null, LeadState? State = null, string? Level = null, LeadSource? Source = null, string? Consultant = null,
    bool? Late = null, bool OpenOnly = false, DateOnly? From = null, DateOnly? To = null, long? BatchId = null);

/// <summary>The reads of leads the pages and the API share: the masked line, the filtered list, the pool, the consultant's day.</summary>
public sealed class LeadViews(DcrcDb db, LeadDesk desk, CurrentUser me, SettingsStore settings, StoreClock storeClock, Kernel.Audit.AuditLog audit, TimeProvider clock)
    : Customers.ICustomerLeads
{
    /// <summary>The leads of an archive customer, newest first, for the customer's card (which checked the customer; no mobile shown).</summary>
    public async Task<IReadOnlyList<Customers.CustomerLead>> OfCustomerAsync(long customerId) =>
        (await db.Leads.AsNoTracking().Where(x => x.CustomerId == customerId).OrderByDescending(x => x.Id).Take(20)
            .Select(x => new { x.Id, x.State, x.Source, x.IntentLevel, x.Series, x.ConsultantName, x.CreatedAt, x.OrderedAt, x.Attempts, Visits = db.LeadVisits.Count(v => v.LeadId == x.Id) })
            .ToListAsync())
        .Select(x => new Customers.CustomerLead(x.Id, Lead.NumberOf(x.Id), $"LeadState.{x.State}", $"LeadSource.{x.Source}", x.IntentLevel, x.Series, x.ConsultantName,
            x.CreatedAt, x.OrderedAt, x.Attempts, x.Visits)).ToList();

    /// <summary>The columns of a line, read as stored: shown only after <see cref="Padded"/> masks the mobile.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<Lead, LeadLine>> Line = x => new LeadLine(x.Id, "", x.StoreId, x.Name,
        x.Mobile, x.IntentLevel, x.Series, x.Model, x.Source, x.State, x.ConsultantName, x.NextFollowUpOn,
        x.LastFollowUpAt, x.Attempts, x.LateSince != null, x.CreatedAt, x.CustomerId, x.BatchId, x.FeedbackDueAt, x.FeedbackAt, x.PoolSince, x.KeepsInterest, x.Version);

    /// <summary>The line of one lead (numbers padded as <see cref="Lead.Number"/>).</summary>
    public static LeadLine LineOf(Lead x) => new(x.Id, x.Number, x.StoreId, x.Name, Masked(x.Mobile), x.IntentLevel, x.Series, x.Model, x.Source, x.State,
        x.ConsultantName, x.NextFollowUpOn, x.LastFollowUpAt, x.Attempts, x.LateSince != null, x.CreatedAt, x.CustomerId, x.BatchId, x.FeedbackDueAt, x.FeedbackAt,
        x.PoolSince, x.KeepsInterest, x.Version);

    /// <summary>A lead's or visitor's mobile as everything of Leads shows it (in full only through <see cref="UnmaskAsync"/>).</summary>
    public static string Masked(string mobile) => Phone.Mask(mobile);

    /// <summary>The line read by <see cref="Line"/> made fit to show: its number, its mobile masked.</summary>
    private static LeadLine Padded(LeadLine l) => l with { Number = Lead.NumberOf(l.Id), Mobile = Masked(l.Mobile) };

    /// <summary>
    /// The user's one store as an equality besides the store filter's list: PostgreSQL then reads an index in its order
    /// (with "= ANY(list)" alone it sorts every matching row first).
    /// </summary>
    private IQueryable<Lead> InStore(IQueryable<Lead> q) => desk.DefaultStore is { } store ? q.Where(x => x.StoreId == store) : q;

    public async Task<IQueryable<Lead>> FilteredAsync(LeadFilter f)
    {
        var q = await desk.VisibleAsync();
        if (f.OpenOnly) q = q.Where(LeadStates.Open);
        if (f.State is { } s) q = q.Where(x => x.State == s);
        if (f.Level is { Length: > 0 } level) q = q.Where(x => x.IntentLevel == level);
        if (f.Source is { } source) q = q.Where(x => x.Source == source);
        if (f.Consultant is { Length: > 0 } c) q = q.Where(x => x.ConsultantUserId == c);
        if (f.Late == true) q = q.Where(x => x.LateSince != null);
        if (f.BatchId is { } b) q = q.Where(x => x.BatchId == b);
        var zone = await storeClock.ZoneAsync();
        if (f.From is { } from) { var at = StoreTime.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone); q = q.Where(x => x.CreatedAt >= at); }
        if (f.To is { } to) { var at = StoreTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone); q = q.Where(x => x.CreatedAt < at); }
        if (f.Q is { Length: > 0 } text)
        {
            var t = text.Trim();
            var digits = Phone.Digits(t);
            q = t.StartsWith("XS", StringComparison.OrdinalIgnoreCase) && long.TryParse(t[2..], out var n) ? q.Where(x => x.Id == n)
                : digits.Length == 11 ? q.Where(x => x.Mobile == digits)
                : digits.Length == 4 && digits == t ? q.Where(x => x.MobileLast4 == digits)
                : q.Where(x => x.Name.Contains(t));
        }
        return q;
    }

    public async Task<(List<LeadLine> Items, int Total)> PageAsync(LeadFilter f, int page, int pageSize)
    {
        var q = await FilteredAsync(f);
        var total = await q.CountAsync();
        var items = await q.OrderByDescending(x => x.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(Line).ToListAsync();
        return (items.Select(Padded).ToList(), total);
    }

    /// <summary>The store's pool: returned leads, then lost leads that kept an interest (marked), oldest in the pool first.</summary>
    public async Task<(List<LeadLine> Items, int Total)> PoolAsync(bool lostToo, int page, int pageSize)
    {
        // Everyone who reads leads sees the store's pool (the store filter applies): no visibility OR, so the count is an index-only scan.
        var pool = InStore(db.Leads.AsNoTracking());
        var q = lostToo ? pool.Where(x => x.State == LeadState.Pool || (x.State == LeadState.Lost && x.KeepsInterest)) : pool.Where(x => x.State == LeadState.Pool);
        var total = await q.CountAsync();
        // The page's ids first (the skipped rows read from the index alone), then those rows.
        var ids = await q.OrderBy(x => x.State).ThenBy(x => x.PoolSince).ThenBy(x => x.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(x => x.Id).ToListAsync();
        var rows = (await db.Leads.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(Line).ToListAsync()).ToDictionary(x => x.Id);
        return (ids.Where(rows.ContainsKey).Select(id => Padded(rows[id])).ToList(), total);
    }

    /// <summary>
    /// A page of the user's own due follow-ups (overdue first) and how many there are. Their own leads are theirs to see
    /// whatever the role, so no visibility filter beyond the store's: one range of the (store, consultant, state, day) index.
    /// </summary>
    public async Task<(List<LeadLine> Items, int Total)> DueAsync(int storeId, DateOnly today, int page, int pageSize, int? knownTotal = null)
    {
        var userId = me.Id ?? "";
        var q = db.Leads.AsNoTracking().Where(x => x.StoreId == storeId && x.ConsultantUserId == userId && x.State == LeadState.Following && x.NextFollowUpOn <= today);
        var items = (await q.OrderBy(x => x.NextFollowUpOn).ThenBy(x => x.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(Line).ToListAsync()).Select(Padded).ToList();
        var total = knownTotal ?? (page == 1 && items.Count < pageSize ? items.Count : await q.CountAsync());
        return (items, total);
    }

    /// <summary>How many follow-ups are due for the user, read from their line of the day's counts (null when they have none).</summary>
    public static int? DueOf(IEnumerable<ConsultantDay> days, string? userId) => days.FirstOrDefault(d => d.UserId == userId) is { } d ? d.DueToday + d.Overdue : null;

    /// <summary>
    /// The day of each consultant of the store (the sales manager's view) or of one: due today, overdue, new (not called
    /// yet), leads followed today against <see cref="LeadSettings.DailyIntentFollowUps"/>, late.
    /// </summary>
    public async Task<List<ConsultantDay>> DaysAsync(int storeId, string? onlyUserId)
    {
        var today = await storeClock.TodayAsync(storeId);
        var zone = await storeClock.ZoneAsync(storeId);
        var dayStart = StoreTime.ToUtc(today.ToDateTime(TimeOnly.MinValue), zone);
        var target = await settings.GetAsync(LeadSettings.DailyIntentFollowUps, storeId);
        // The consultant's own line: who they are is in their sign-in (renewed when their roles or stores change).
        var consultants = onlyUserId is not null && onlyUserId == me.Id
            ? me.StoreIds.Contains(storeId) && (me.Roles.Contains(Roles.SalesConsultant) || me.Roles.Contains(Roles.SalesManager)) ? [new Consultant(me.Id, me.DisplayName, me.DepartmentId)] : []
            : await desk.ConsultantsAsync(storeId, onlyUserId);
        var ids = consultants.Select(c => c.Id).ToList();
        var open = await db.Leads.Where(x => x.StoreId == storeId && x.State == LeadState.Following && x.ConsultantUserId != null && ids.Contains(x.ConsultantUserId))
            .GroupBy(x => x.ConsultantUserId!)
            .Select(g => new
            {
                g.Key,
                Due = g.Count(x => x.NextFollowUpOn == today),
                Overdue = g.Count(x => x.NextFollowUpOn < today),
                New = g.Count(x => x.Attempts == 0),
                Late = g.Count(x => x.LateSince != null),
            }).ToDictionaryAsync(x => x.Key);
        var followed = await db.LeadAttempts.Where(a => a.StoreId == storeId && a.At >= dayStart && a.ByUserId != null && ids.Contains(a.ByUserId))
            .GroupBy(a => a.ByUserId!).Select(g => new { g.Key, Leads = g.Select(a => a.LeadId).Distinct().Count() }).ToDictionaryAsync(x => x.Key, x => x.Leads);
        return consultants.Select(c => open.TryGetValue(c.Id, out var o)
            ? new ConsultantDay(c.Id, c.Name, o.Due, o.Overdue, o.New, followed.GetValueOrDefault(c.Id), target, o.Late)
            : new ConsultantDay(c.Id, c.Name, 0, 0, 0, followed.GetValueOrDefault(c.Id), target, 0)).ToList();
    }

    /// <summary>The mobile in full, for a user who may unmask (audited).</summary>
    public async Task<string?> UnmaskAsync(long id)
    {
        if (!await me.CanAsync(Customers.CustomerPermissions.Unmask)) return null;
        var lead = await desk.FindAsync(id);
        if (lead is null) return null;
        await audit.WriteAsync(LeadAuditActions.Unmask, lead.Number, "Lead", id.ToString(System.Globalization.CultureInfo.InvariantCulture), lead.StoreId);
        return lead.Mobile;
    }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;
}
