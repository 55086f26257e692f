using Dcrc.Data;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Kernel.Audit;

/// <summary>
/// The database triggers that refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit entries: which are
/// missing or disabled, and putting them back. At start-up a missing trigger stops the app in Production and
/// is re-created elsewhere (with an error in the log and an audit entry); verification reports it too.
/// </summary>
public static class AuditGuard
{
    private static readonly string[] SqliteTriggers = ["AuditEntries_no_update", "AuditEntries_no_delete"];
    private static readonly string[] PostgresTriggers = ["AuditEntries_no_update_delete", "AuditEntries_no_truncate"];

    public static async Task<IReadOnlyList<string>> MissingTriggersAsync(DcrcDb db, CancellationToken ct = default)
    {
        var expected = db.IsSqlite ? SqliteTriggers : PostgresTriggers;
        var present = db.IsSqlite
            ? await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEntries'").ToListAsync(ct)
            : await db.Database.SqlQueryRaw<string>(
                "SELECT t.tgname::text AS \"Value\" FROM pg_trigger t WHERE t.tgrelid = '\"AuditEntries\"'::regclass AND NOT t.tgisinternal AND t.tgenabled <> 'D' " +
                "AND EXISTS (SELECT 1 FROM pg_proc p WHERE p.oid = t.tgfoid AND p.proname = 'dcrc_audit_append_only')").ToListAsync(ct);
        return expected.Except(present).ToList();
    }

    /// <summary>Re-creates the missing triggers as schema version 2 made them.</summary>
    public static async Task RestoreAsync(DcrcDb db, IReadOnlyList<string> missing, CancellationToken ct = default)
    {
        foreach (var name in missing)
        {
            var sql = name switch
            {
                "AuditEntries_no_update" => "CREATE TRIGGER \"AuditEntries_no_update\" BEFORE UPDATE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
                "AuditEntries_no_delete" => "CREATE TRIGGER \"AuditEntries_no_delete\" BEFORE DELETE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
                "AuditEntries_no_update_delete" => "CREATE OR REPLACE FUNCTION dcrc_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$; " +
                    "DROP TRIGGER IF EXISTS \"AuditEntries_no_update_delete\" ON \"AuditEntries\"; " +
                    "CREATE TRIGGER \"AuditEntries_no_update_delete\" BEFORE UPDATE OR DELETE ON \"AuditEntries\" FOR EACH ROW EXECUTE FUNCTION dcrc_audit_append_only();",
                _ => "CREATE OR REPLACE FUNCTION dcrc_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$; " +
                    "DROP TRIGGER IF EXISTS \"AuditEntries_no_truncate\" ON \"AuditEntries\"; " +
                    "CREATE TRIGGER \"AuditEntries_no_truncate\" BEFORE TRUNCATE ON \"AuditEntries\" FOR EACH STATEMENT EXECUTE FUNCTION dcrc_audit_append_only();",
            };
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
    }

    /// <summary>At start-up: Production refuses to run without the triggers; elsewhere they are put back, loudly.</summary>
    public static async Task EnsureAtStartAsync(DcrcDb db, AuditLog audit, IHostEnvironment env, ILogger log)
    {
        var missing = await MissingTriggersAsync(db);
        if (missing.Count == 0) return;
        if (env.IsProduction())
            throw new InvalidOperationException(
                $"DCRC refuses to start: the audit log's protective triggers are missing or disabled ({string.Join(", ", missing)}). " +
                "Someone with database rights removed them; verify the audit chain (-- verify-audit), investigate, and re-apply them from schema script 0002.");
        log.LogError("The audit log's protective triggers were missing or disabled ({Triggers}); re-created them", string.Join(", ", missing));
        await RestoreAsync(db, missing);
        await audit.WriteAsync(AuditActions.TriggersRestored, "missing: " + string.Join(", ", missing));
    }
}
