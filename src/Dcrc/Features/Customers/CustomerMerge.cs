using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers;

[AuditActionSet]
public static class MergeAuditActions
{
    public const string Merge = "customers.merge";
}

/// <summary>
/// Merges a duplicate archive into the one that stays (SPEC §1.2): the survivor keeps its fields and takes
/// the other's where its own are empty, every vehicle, interaction, transaction, document and change moves
/// over, and the other archive stays as "merged" (its number never reused) pointing at the survivor.
/// Every filled field and the merge itself are recorded in the survivor's history.
/// </summary>
public class CustomerMerge(DcrcDb db, CustomerArchive archive, ArchiveHistory history, UnitOfWork uow, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public enum Result { Merged, NotFound, Forbidden, Invalid }

    /// <summary>Columns that describe the archive itself, not the customer: never copied.</summary>
    private static readonly HashSet<string> NotCopied =
    [
        nameof(Customer.Id), nameof(Customer.StoreId), nameof(Customer.ArchiveNumber), nameof(Customer.Status), nameof(Customer.Version),
        nameof(Customer.CreatedAt), nameof(Customer.CreatedBy), nameof(Customer.ApprovedAt), nameof(Customer.ApprovedBy), nameof(Customer.MergedIntoId),
        nameof(Customer.OwnerUserId), nameof(Customer.OwnerDepartmentId), nameof(Customer.CardMovedAt), nameof(Customer.LastCallAt), nameof(Customer.LastVisitAt),
    ];

    /// <summary>Where a merged archive went, for links and bookmarks to it; only if the user may see the survivor.</summary>
    public async Task<long?> MergedIntoAsync(long id)
    {
        var into = await db.Customers.AsNoTracking().Where(c => c.Id == id && c.Status == ArchiveStatus.Merged).Select(c => c.MergedIntoId).FirstOrDefaultAsync();
        return into is { } s && await archive.Visible(await archive.ViewerAsync()).AnyAsync(c => c.Id == s) ? s : null;
    }

    /// <summary>Merges the archive given by id or archive number into <paramref name="survivorId"/>.</summary>
    public async Task<(Result Result, string? Error)> MergeAsync(long survivorId, string? other)
    {
        var viewer = await archive.ViewerAsync();
        var visible = db.Customers.VisibleTo(viewer);
        var survivor = await visible.FirstOrDefaultAsync(c => c.Id == survivorId);
        if (survivor is null) return (await archive.ExistsInScopeAsync(survivorId) ? Result.Forbidden : Result.NotFound, null);
        var key = other?.Trim() ?? "";
        // An archive number first (a rule may make them all digits), then an id.
        var merged = await visible.FirstOrDefaultAsync(c => c.ArchiveNumber == key)
            ?? (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var otherId) ? await visible.FirstOrDefaultAsync(c => c.Id == otherId) : null);
        if (key.Length == 0) return (Result.Invalid, l["Validation.Required", l["Customers.MergeFrom"]]);
        if (merged is null || merged.Id == survivor.Id || merged.StoreId != survivor.StoreId)
            return (Result.Invalid, l["Customers.MergeNotFound", key]);

        var now = clock.GetUtcNow().UtcDateTime;
        var survivorEntry = db.Entry(survivor);
        var mergedEntry = db.Entry(merged);
        foreach (var property in survivorEntry.Properties.Where(p => !NotCopied.Contains(p.Metadata.Name) && p.Metadata.IsNullable))
        {
            var theirs = mergedEntry.Property(property.Metadata.Name).CurrentValue;
            if (property.CurrentValue is not null || theirs is null) continue;
            property.CurrentValue = theirs;
            if (property.Metadata.Name is nameof(Customer.MobileLast4) or nameof(Customer.IdNumberHash) or nameof(Customer.NamePinyin) or nameof(Customer.NameInitials)) continue;
            // Numbers are recorded as present, never in clear (history is readable without unmasking).
            var shown = property.Metadata.Name is nameof(Customer.IdNumberEncrypted) or nameof(Customer.Mobile) or nameof(Customer.Landline) ? "***"
                : theirs is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(theirs, CultureInfo.InvariantCulture);
            history.Record(survivor.Id, HistoryName(property.Metadata.Name), null, shown);
        }
        // An ID number taken over brings the birth date and gender it says (as a typed one would, CustomerArchive.Apply).
        if (survivor.IdNumberHash == merged.IdNumberHash && merged.IdNumberHash != null && (survivor.Birthday != merged.Birthday || survivor.Gender != merged.Gender))
        {
            if (survivor.Birthday != merged.Birthday)
                history.Record(survivor.Id, "birthday", survivor.Birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    merged.Birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (survivor.Gender != merged.Gender)
                history.Record(survivor.Id, "gender", survivor.Gender.ToString(), merged.Gender.ToString());
            (survivor.Birthday, survivor.Gender) = (merged.Birthday, merged.Gender);
        }
        survivor.LastCallAt = Max(survivor.LastCallAt, merged.LastCallAt);
        survivor.LastVisitAt = Max(survivor.LastVisitAt, merged.LastVisitAt);
        void Flag(string field, bool before, bool after)
        {
            if (before != after) history.Record(survivor.Id, field, before.ToString(), after.ToString());
        }
        if (merged.Card == CustomerCard.C && survivor.Card == CustomerCard.A)
        {
            (survivor.Card, survivor.CardMovedAt) = (CustomerCard.C, merged.CardMovedAt ?? now);
            history.Record(survivor.Id, "card", "A", "C");
        }
        Flag("isMember", survivor.IsMember, survivor.IsMember | merged.IsMember);
        survivor.IsMember |= merged.IsMember;
        Flag("isVip", survivor.IsVip, survivor.IsVip | merged.IsVip);
        survivor.IsVip |= merged.IsVip;
        // Both rows are version-checked, so two opposite merges at once cannot both succeed.
        survivorEntry.State = EntityState.Modified;
        merged.Status = ArchiveStatus.Merged;
        merged.MergedIntoId = survivor.Id;
        history.Record(survivor.Id, "merge", merged.ArchiveNumber, survivor.ArchiveNumber);
        uow.Audit(new(MergeAuditActions.Merge, $"{merged.ArchiveNumber} → {survivor.ArchiveNumber}", "Customer", survivor.Id.ToString(CultureInfo.InvariantCulture), survivor.StoreId));
        long from = merged.Id, to = survivor.Id;
        var saved = await uow.SaveAsync(survivor, then: async () =>
        {
            await db.Vehicles.Where(x => x.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, to));
            await db.Interactions.Where(x => x.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, to));
            await db.Transactions.Where(x => x.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, to));
            await db.Documents.Where(x => x.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, to));
            await db.ArchiveChecks.Where(x => x.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, to));
            // The merged archive's history moves too, after the survivor's new lines were saved under the survivor.
            await db.ArchiveChanges.Where(x => x.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, to));
            // Archives merged into the merged one earlier now point at the survivor too: one step always reaches it.
            await db.Customers.IgnoreQueryFilters().Where(x => x.MergedIntoId == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.MergedIntoId, to));
            // A contact role the survivor already has stays with the merged archive.
            var roles = await db.CompanyContacts.Where(x => x.CustomerId == to).Select(x => x.Role).ToListAsync();
            await db.CompanyContacts.Where(x => x.CustomerId == from && !roles.Contains(x.Role)).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, to));
        });
        // A stale read of either archive (two opposite merges at once) is said on the form.
        return saved.Saved ? (Result.Merged, null) : (Result.Invalid, l["Validation.Concurrency"]);
    }

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static string HistoryName(string property) => property switch
    {
        nameof(Customer.IdNumberEncrypted) => "idNumber",
        nameof(Customer.Address) => "address",
        _ => char.ToLowerInvariant(property[0]) + property[1..],
    };
}
