using Dcrc.Data;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Customers;

/// <summary>
/// Values a migration cannot compute in SQL: the pinyin columns of archives created before schema version 5.
/// Runs at start-up, in batches, and finds nothing to do once done.
/// </summary>
public static class CustomerBackfill
{
    public static async Task RunAsync(DcrcDb db, ILogger log)
    {
        var total = 0;
        while (true)
        {
            var batch = await db.Customers.IgnoreQueryFilters().Where(c => c.NamePinyin == null).OrderBy(c => c.Id).Take(2000).ToListAsync();
            if (batch.Count == 0) break;
            foreach (var c in batch) c.SetName(c.Name, person: c.Type == CustomerType.Individual);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            total += batch.Count;
        }
        if (total > 0) log.LogInformation("Pinyin columns filled for {Count} existing archives", total);
    }
}
