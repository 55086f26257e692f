using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Kernel.Audit;

/// <summary>
/// Appends to the audit log. Entries are chained by a keyed hash (HMAC-SHA256, key outside the database); appends are serialised (an advisory lock on
/// PostgreSQL, the database write lock on SQLite) so two app instances never fork the chain. The database
/// itself refuses UPDATE and DELETE on the table (triggers in the schema scripts). Changes are written in the
/// caller's transaction; reads of personal data (<see cref="WriteReadsAsync"/>) go through the
/// <see cref="AuditQueue"/>, which appends them in batches off the request path.
/// </summary>
public class AuditLog(DcrcDb db, IHttpContextAccessor http, TimeProvider clock, StoreScope scope, AuditKey key, AuditQueue? queue = null)
{
    /// <summary>The signed-in user's name, for "updated by" columns.</summary>
    public string? ActorName => http.HttpContext?.User?.Identity?.Name;

    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long AdvisoryLockKey = 0x0DC7C_A0D17;

    /// <summary>One line to append: what was done to which record.</summary>
    public sealed record Line(string Action, string Summary, string? EntityType = null, string? EntityId = null, int? StoreId = null);

    /// <summary>
    /// Appends one entry. Inside the caller's transaction it commits with it; otherwise it runs in a
    /// transaction of its own. The entry is inserted directly: whatever the caller has pending in the
    /// context is neither saved nor touched here.
    /// </summary>
    public Task WriteAsync(string action, string summary, string? entityType = null, string? entityId = null,
        int? storeId = null, AppUser? actor = null, CancellationToken ct = default) =>
        WriteManyAsync([new Line(action, summary, entityType, entityId, storeId)], actor, ct);

    /// <summary>Appends several entries under one lock and in one transaction (e.g. the settings changed in one save).</summary>
    public async Task WriteManyAsync(IReadOnlyList<Line> lines, AppUser? actor = null, CancellationToken ct = default)
    {
        if (lines.Count == 0) return;
        var entries = Entries(lines, actor);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await AppendAsync(db, key, entries, ct);
            if (own != null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own != null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// Records that personal data was read (who looked at which archive, what was searched). The entries are
    /// stamped now, with the request's user and address, and handed to the queue, which appends them within
    /// milliseconds in one transaction per batch; the request does not wait for the chain's lock. They do
    /// not belong to any transaction of the caller. When the queue is off, full or closed they are written
    /// here and now.
    /// </summary>
    public async Task WriteReadsAsync(IReadOnlyList<Line> lines, CancellationToken ct = default)
    {
        if (lines.Count == 0) return;
        var entries = Entries(lines, null);
        if (queue is not null && queue.TryEnqueue(entries)) return;
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await AppendAsync(db, key, entries, ct);
        if (tx != null) await tx.CommitAsync(ct);
    }

    public Task WriteReadAsync(string action, string summary, string? entityType = null, string? entityId = null, int? storeId = null) =>
        WriteReadsAsync([new Line(action, summary, entityType, entityId, storeId)]);

    private List<AuditEntry> Entries(IReadOnlyList<Line> lines, AppUser? actor)
    {
        var context = http.HttpContext;
        var user = context?.User;
        var at = Truncate(clock.GetUtcNow().UtcDateTime);
        var userId = actor?.Id ?? user?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var userName = actor?.UserName ?? user?.Identity?.Name;
        var client = context?.Connection.RemoteIpAddress?.ToString();
        return lines.Select(line => new AuditEntry
        {
            At = at, UserId = userId, UserName = userName, StoreId = line.StoreId ?? scope.CurrentStoreId, Action = line.Action,
            EntityType = line.EntityType, EntityId = line.EntityId, Summary = line.Summary.Length > 1000 ? line.Summary[..1000] : line.Summary,
            ClientAddress = client,
        }).ToList();
    }

    /// <summary>
    /// Links <paramref name="entries"/> to the head of the chain and inserts them, in order, under the chain's
    /// lock. Runs inside the transaction the caller has open on <paramref name="db"/>, which holds the lock
    /// until it ends.
    /// </summary>
    public static async Task AppendAsync(DcrcDb db, AuditKey key, IReadOnlyList<AuditEntry> entries, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Audit entries are appended inside a transaction.");
        if (!db.IsSqlite)
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        // Ids are given here, one after the head, so they have no gaps: a gap in the ids shows a cut.
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(ct);
        var previous = head?.Hash ?? Genesis;
        var id = head?.Id ?? 0;
        foreach (var e in entries)
        {
            e.Id = ++id;
            e.PreviousHash = previous;
            e.Hash = HashOf(e, key);
            previous = e.Hash;
        }
        // One multi-row INSERT per chunk: a batch costs a round trip, not one per entry. Ids follow the row order.
        const int chunk = 200;
        for (var start = 0; start < entries.Count; start += chunk)
        {
            var rows = entries.Skip(start).Take(chunk).ToList();
            var sql = new StringBuilder(@"INSERT INTO ""AuditEntries"" (""Id"", ""At"", ""UserId"", ""UserName"", ""StoreId"", ""Action"", ""EntityType"", ""EntityId"", ""Summary"", ""ClientAddress"", ""PreviousHash"", ""Hash"") VALUES ");
            var values = new List<object?>(rows.Count * 12);
            foreach (var e in rows)
            {
                if (values.Count > 0) sql.Append(", ");
                sql.Append('(').AppendJoin(", ", Enumerable.Range(values.Count, 12).Select(i => $"{{{i}}}")).Append(')');
                values.AddRange([e.Id, e.At, e.UserId, e.UserName, e.StoreId, e.Action, e.EntityType, e.EntityId, e.Summary, e.ClientAddress, e.PreviousHash, e.Hash]);
            }
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values!, ct);
        }
    }

    /// <summary>
    /// The result of a walk of the chain. <see cref="LastId"/> and <see cref="LastHash"/> are the chain's head:
    /// noted down outside the system (the checkpoints of <see cref="AuditCheckpoints"/>), they also reveal
    /// entries cut off the end later. <see cref="Gap"/>: the first broken entry follows a gap in the ids.
    /// </summary>
    public sealed record Verification(bool Intact, long Checked, long? FirstBrokenId, long LastId = 0, string? LastHash = null, bool Gap = false);

    /// <summary>
    /// Walks the whole chain in id order; the first entry whose link or content does not match, or whose id
    /// does not follow the one before (from the id on which ids are dense), is reported.
    /// <paramref name="visit"/> sees each good entry (the checkpoints are compared on the way).
    /// </summary>
    public static async Task<Verification> VerifyAsync(DcrcDb db, AuditKey key, CancellationToken ct = default, Action<AuditEntry>? visit = null)
    {
        var denseFrom = long.TryParse(await db.SystemMarks.AsNoTracking().Where(m => m.Name == Security.SystemMark.AuditDenseFrom)
            .Select(m => m.Value).FirstOrDefaultAsync(ct), out var d) ? d : long.MaxValue;
        var previous = Genesis;
        long lastId = 0, count = 0;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Id > lastId).OrderBy(e => e.Id).Take(5000).ToListAsync(ct);
            if (batch.Count == 0) return new(true, count, null, lastId, count == 0 ? null : previous);
            foreach (var e in batch)
            {
                if (e.Id >= denseFrom && e.Id != lastId + 1) return new(false, count, e.Id, Gap: true);
                if (e.PreviousHash != previous || HashOf(e, key) != e.Hash) return new(false, count, e.Id);
                visit?.Invoke(e);
                previous = e.Hash;
                lastId = e.Id;
                count++;
            }
        }
    }

    /// <summary>HMAC-SHA256 over the previous hash and every field (null written distinctly from empty).</summary>
    public static string HashOf(AuditEntry e, AuditKey key)
    {
        static string F(string? s) => s ?? "\u0000";
        var canonical = string.Join('\u001f',
            e.PreviousHash,
            e.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            F(e.UserId), F(e.UserName), F(e.StoreId?.ToString(CultureInfo.InvariantCulture)),
            e.Action, F(e.EntityType), F(e.EntityId), e.Summary, F(e.ClientAddress));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes(canonical)));
    }

    // Both databases keep at least milliseconds; hashing a finer value would not survive the round trip.
    private static DateTime Truncate(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}

/// <summary>The audit chain's HMAC key, derived from the application secret (kept outside the database).</summary>
public sealed class AuditKey(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes.Length >= 32 ? bytes : throw new InvalidOperationException("The audit key must have at least 32 bytes.");
    public static AuditKey From(Security.AppSecret secret) => new(secret.KeyFor("dcrc audit chain v1"));
}

/// <summary>Marks a static class of audit action names ("area.verb"); each needs a label "AuditAction.{name}".</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AuditActionSetAttribute : Attribute;

public static class AuditActionCatalog
{
    public static readonly IReadOnlyList<string> All = typeof(AuditActionCatalog).Assembly.GetTypes()
        .Where(t => t.GetCustomAttributes(typeof(AuditActionSetAttribute), false).Length > 0)
        .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal).ToList();
}

/// <summary>The audit actions the platform writes; features declare theirs in an [AuditActionSet] class.</summary>
[AuditActionSet]
public static class AuditActions
{
    public const string LoginSucceeded = "auth.login";
    public const string LoginFailed = "auth.login_failed";
    public const string LockedOut = "auth.locked_out";
    public const string Logout = "auth.logout";
    public const string PasswordChanged = "auth.password_changed";
    public const string UserCreated = "users.create";
    public const string UserUpdated = "users.update";
    public const string UserRolesChanged = "users.roles";
    public const string UserPasswordReset = "users.password_reset";
    public const string UserUnlocked = "users.unlock";
    public const string RolePermissionsChanged = "roles.permissions";
    public const string StoreSaved = "stores.save";
    public const string DepartmentSaved = "departments.save";
    public const string SettingChanged = "settings.change";
    public const string AuditVerified = "audit.verify";
    public const string AuditRead = "audit.read";
    public const string QueueStarted = "audit.queue_started";
    public const string QueueStopped = "audit.queue_stopped";
    public const string QueueUnclean = "audit.queue_unclean";
    public const string TriggersRestored = "audit.triggers_restored";
}
