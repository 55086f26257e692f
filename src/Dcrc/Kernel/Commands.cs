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
    private static string ProblemText(AuditIntegrity.Problem p) => p.Code switch
    {
        "Chain" => "an entry's link or content does not match its hash (changed or removed behind the application's back)",
        "Gap" => "entry ids are not consecutive here (entries removed)",
        "CheckpointMismatch" => "the signed checkpoint records another hash for this entry (the chain was rewritten)",
        "CutAtTail" => "a signed checkpoint names an entry beyond the chain's head (entries cut off the end, or the table emptied or rewound)",
        "CheckpointForged" => "this line of the checkpoint file does not carry a valid signature",
        "NoCheckpoints" => "no checkpoint file: the chain's head cannot be checked",
        "Triggers" => "the database triggers that refuse changes to audit entries are missing or disabled",
        _ => p.Code,
    };

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
                await using var app = builder.Build();
                using var scope = app.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
                var checkpoints = new AuditCheckpoints(app.Configuration, TimeProvider.System, app.Services.GetRequiredService<ILogger<AuditCheckpoints>>());
                var result = await AuditIntegrity.CheckAsync(db, AuditKey.From(Security.AppSecret.FromConfiguration(app.Configuration)), checkpoints);
                Console.WriteLine(result.Intact
                    ? $"Audit chain intact: {result.Checked} entries; head {result.LastId} {result.LastHash}"
                    : $"Audit chain BROKEN after {result.Checked} good entries.");
                foreach (var p in result.Problems) Console.WriteLine($"  {p.Code}{(p.Id is null ? "" : " " + p.Id)}{(p.Other is null ? "" : " / " + p.Other)}: {ProblemText(p)}");
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
