using Dcrc.Data;
using Dcrc.Kernel.Access;

namespace Dcrc.Features.Customers;

/// <summary>
/// The field history of archives and vehicles (可追溯性): who changed which field when, old and new value. The one
/// place its rows are made; they join the context and are saved with the change by the unit of work. Values are
/// given as shown (numbers masked by the caller) and cut to the column.
/// </summary>
public sealed class ArchiveHistory(DcrcDb db, CurrentUser me, TimeProvider clock)
{
    public void Record(long customerId, string field, string? oldValue, string? newValue, long? vehicleId = null) =>
        db.ArchiveChanges.Add(new ArchiveChange
        {
            CustomerId = customerId, VehicleId = vehicleId, Field = field, OldValue = ArchiveChange.Clip(oldValue), NewValue = ArchiveChange.Clip(newValue),
            ChangedBy = me.UserName, ChangedAt = clock.GetUtcNow().UtcDateTime,
        });

    /// <summary>Records every field whose shown value differs between the two snapshots; returns their names.</summary>
    public List<string> RecordChanges(long customerId, IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after, long? vehicleId = null)
    {
        var changed = after.Where(kv => before.GetValueOrDefault(kv.Key) != kv.Value).Select(kv => kv.Key).ToList();
        foreach (var f in changed) Record(customerId, f, before.GetValueOrDefault(f), after[f], vehicleId);
        return changed;
    }
}
