using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Kernel.Writes;

/// <summary>
/// The one write path. A use case loads, applies its input and checks it; then it either
/// <see cref="Refuse{T}"/>s — every change made in the context since the last save is dropped, so a later save in the
/// same request cannot store half of the refused edit — or it <see cref="SaveAsync{T}"/>s: the changes, the field
/// history the feature added to the context and the audit entries noted with <see cref="Audit"/> are stored in one
/// transaction. A save based on an older version is refused here, with one localised message (409, field
/// <c>version</c>). Joins a transaction the caller already has open (it then commits with the caller's).
/// </summary>
public sealed class UnitOfWork(DcrcDb db, AuditLog audit, IStringLocalizer<SharedResource> l)
{
    private readonly List<Func<AuditLog.Line>> pending = [];

    /// <summary>Notes an audit entry for the next save; built at save time, so it may name ids the save gives.</summary>
    public void AuditOnSave(Func<AuditLog.Line> line) => pending.Add(line);

    public void Audit(AuditLog.Line line) => pending.Add(() => line);

    /// <summary>Refuses the change: drops what is pending and answers the errors (one per field).</summary>
    public Written<T> Refuse<T>(WriteStatus status, IReadOnlyDictionary<string, string[]> errors, object? detail = null)
    {
        if (status == WriteStatus.Saved) throw new ArgumentException("A refusal cannot be a save.", nameof(status));
        Discard();
        return new(status, default, errors, detail);
    }

    public Written<T> Refuse<T>(string field, string message) => Refuse<T>(WriteStatus.Invalid, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The refusal of a stale version: the record changed since it was read.</summary>
    public Written<T> Conflict<T>() => Refuse<T>(WriteStatus.Conflict, new Dictionary<string, string[]> { ["version"] = [l["Validation.Concurrency"]] });

    /// <summary>A refusal with its reason for the whole form (403 held by someone else, 409 taken a moment ago).</summary>
    public Written<T> Refuse<T>(WriteStatus status, string reason) => Refuse<T>(status, new Dictionary<string, string[]> { [""] = [reason] });

    /// <summary>
    /// Saves what is pending with its audit entries in one transaction; a concurrency failure (a version that no
    /// longer matches) is answered as <see cref="WriteStatus.Conflict"/> with nothing saved. <paramref name="then"/>
    /// runs after the save inside the same transaction (set-based statements that need the saved ids);
    /// <paramref name="first"/> runs inside it before the save (a number drawn from a sequence that must not be lost).
    /// <paramref name="taken"/> answers a save that a unique index refused (the same number or date entered a moment
    /// ago by someone else); without it that is an error like any other.
    /// </summary>
    public async Task<Written<T>> SaveAsync<T>(T value, Func<Task>? then = null, Func<Task>? first = null, CancellationToken ct = default,
        Func<Written<T>>? taken = null)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (first != null) await first();
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Conflict<T>(); // a caller's own transaction is the caller's to roll back
            }
            catch (DbUpdateException e) when (taken != null && UniqueViolation.Is(e))
            {
                return taken();
            }
            if (then != null) await then();
            var lines = pending.Select(p => p()).ToList();
            pending.Clear();
            await audit.WriteManyAsync(lines, ct: ct);
            if (own != null) await own.CommitAsync(ct);
            return new(WriteStatus.Saved, value, Written.NoErrors);
        }
        catch
        {
            Discard();
            throw;
        }
        finally
        {
            if (own != null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// Several saves as one: <paramref name="work"/> (which saves through this unit of work, one step after another)
    /// runs in one transaction, committed when it answers saved and rolled back — with whatever its earlier steps
    /// stored — when it refuses. For a use case built of others' (a visit that records a lead, a conversion that makes
    /// an archive).
    /// </summary>
    public async Task<Written<T>> AllOrNothingAsync<T>(Func<Task<Written<T>>> work, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null) return await work();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        if (result.Saved) await tx.CommitAsync(ct);
        else Discard();
        return result;
    }

    /// <summary>
    /// Forgets every added, changed or deleted entity of the context, and the audit entries noted for them: for a change
    /// refused by something that answers in its own terms (Identity's checks, a drawing another instance made first).
    /// </summary>
    public void Discard()
    {
        pending.Clear();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList())
            entry.State = EntityState.Detached;
    }
}
