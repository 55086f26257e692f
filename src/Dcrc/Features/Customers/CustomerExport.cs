using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Security;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers;

/// <summary>
/// The searched list as an .xlsx (SPEC §13): masked as on screen, the exporting user and time in the file,
/// the export audited. With <c>unmasked</c> — only for a user holding both the export and the unmask
/// permission — the full mobile and ID number are in the file, and the audit entry says so with the row count.
/// </summary>
public class CustomerExport(DcrcDb db, CustomerArchive archive, CurrentUser me, AuditLog audit, PersonalData personal, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public const int ExportLimit = 50_000;

    public Task<bool> MayExportUnmaskedAsync() => AllAsync(CustomerPermissions.Export, CustomerPermissions.Unmask);

    private async Task<bool> AllAsync(params Permission[] permissions)
    {
        foreach (var p in permissions) if (!await me.CanAsync(p)) return false;
        return true;
    }

    /// <summary>The file, or null when an unmasked export was asked for without the right to it.</summary>
    public async Task<(byte[] File, int Rows)?> ExportAsync(string? q, bool unmasked = false)
    {
        if (unmasked && !await MayExportUnmaskedAsync()) return null;
        var (rows, total, capped) = await archive.SearchAsync(q, 1, ExportLimit);
        var stores = await db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        var full = new Dictionary<long, (string? Mobile, string? IdNumber)>();
        if (unmasked)
            foreach (var chunk in rows.Select(r => r.Id).Chunk(1000))
                foreach (var c in await db.Customers.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.Mobile, c.IdNumberEncrypted }).ToListAsync())
                    full[c.Id] = (c.Mobile, personal.Unprotect(c.IdNumberEncrypted));
        var at = StoreTime.FormatSeconds(clock.GetUtcNow().UtcDateTime, StoreTime.GroupZone);
        string[] columns = [l["Field.ArchiveNumber"], l["Field.CustomerName"], l["Field.Mobile"], l["Field.CustomerClass"], l["Field.Status"], l["Field.Store"]];
        var file = Kernel.Excel.Spreadsheet.Write(l["Customers.Title"],
            unmasked ? [.. columns, l["Field.IdNumber"]] : columns,
            rows.Select(r => unmasked
                ? (IReadOnlyList<string?>)[r.ArchiveNumber, r.Name, full.GetValueOrDefault(r.Id).Mobile, l["CustomerClass." + r.Class], l["ArchiveStatus." + r.Status], stores.GetValueOrDefault(r.StoreId), full.GetValueOrDefault(r.Id).IdNumber]
                : [r.ArchiveNumber, r.Name, r.Mobile, l["CustomerClass." + r.Class], l["ArchiveStatus." + r.Status], stores.GetValueOrDefault(r.StoreId)]),
            [l["Export.By", me.DisplayName, me.UserName ?? "", at], l["Export.Query", string.IsNullOrWhiteSpace(q) ? "-" : Kernel.Logging.Redact(q), capped ? $"{total}+" : total.ToString(CultureInfo.InvariantCulture)],
             unmasked ? l["Export.ConfidentialUnmasked"] : l["Export.Confidential"]]);
        await audit.WriteAsync(unmasked ? CustomerAuditActions.ExportUnmasked : CustomerAuditActions.Export,
            $"\"{Kernel.Logging.Redact(q ?? "")}\": {rows.Count} rows" + (unmasked ? ", full mobile and ID numbers" : ""));
        return (file, rows.Count);
    }
}
