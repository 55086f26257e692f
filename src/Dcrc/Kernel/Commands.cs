using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Kernel;

/// <summary>
/// Maintenance commands: <c>dotnet run --project src/Dcrc -- verify-audit</c> checks the audit chain (exit 1
/// if broken); <c>-- schema-script sqlite|postgres</c> prints the schema EF Core's model implies, the
/// starting point for the next migration script.
/// </summary>
public static class Commands
{
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0) return false;
        switch (args[0])
        {
            case "verify-audit":
            {
                var builder = WebApplication.CreateBuilder(args[1..]);
                builder.Logging.AddDcrcLogging(builder.Configuration);
                builder.Services.AddDcrcDatabase(builder.Configuration);
                builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
                await using var app = builder.Build();
                Localization.Cultures.UseDefaultWhenUnset();
                var l = app.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
                using var scope = app.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
                var checkpoints = new AuditCheckpoints(app.Configuration, TimeProvider.System, app.Services.GetRequiredService<ILogger<AuditCheckpoints>>());
                var result = await AuditIntegrity.CheckAsync(db, AuditKey.From(Security.AppSecret.FromConfiguration(app.Configuration)), checkpoints);
                Console.WriteLine(result.Intact
                    ? $"Audit chain intact: {result.Checked} entries; head {result.LastId} {result.LastHash}"
                    : $"Audit chain BROKEN after {result.Checked} good entries.");
                foreach (var p in result.Problems) Console.WriteLine($"  {p.Code}{(p.Id is null ? "" : " " + p.Id)}{(p.Other is null ? "" : " / " + p.Other)}: {l["Audit.Problem." + p.Code, p.Id ?? 0, p.Other ?? 0]}");
                if (result.LatestCheckpoint is { } c) Console.WriteLine($"Latest checkpoint ({checkpoints.FilePath}): entry {c.Id} {c.Hash} at {c.At:O} by {c.Instance}");
                Environment.ExitCode = result.Intact ? 0 : 1;
                return true;
            }
            case "schema-script":
            {
                var sqlite = args.Length < 2 || args[1] != "postgres";
                var options = new DbContextOptionsBuilder<DcrcDb>();
                if (sqlite) options.UseSqlite("Data Source=:memory:");
                else options.UseNpgsql("Host=localhost");
                await using var db = new DcrcDb(options.Options, StoreScope.Everything());
                Console.WriteLine(db.Database.GenerateCreateScript());
                return true;
            }
            default:
                return false;
        }
    }
}
