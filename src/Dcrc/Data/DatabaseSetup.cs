using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Data;

/// <summary>Which database, and how to reach it: PostgreSQL from ConnectionStrings:Dcrc, or SQLite in the data directory.</summary>
public sealed class DatabaseConnection
{
    public bool Postgres { get; }
    public string ConnectionString { get; }

    public DatabaseConnection(IConfiguration config)
    {
        Postgres = DatabaseSetup.IsPostgres(config);
        var configured = config.GetConnectionString("Dcrc");
        if (Postgres)
        {
            ConnectionString = string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException("Dcrc__Database__Provider=postgres needs ConnectionStrings__Dcrc (an Npgsql connection string).")
                : configured;
            return;
        }
        if (!string.IsNullOrWhiteSpace(configured)) { ConnectionString = configured; return; }
        var dir = DatabaseSetup.DataDirectory(config);
        Directory.CreateDirectory(dir);
        ConnectionString = $"Data Source={Path.Combine(dir, "dcrc.db")};Default Timeout=30";
    }
}

public static class DatabaseSetup
{
    public static bool IsPostgres(IConfiguration config) =>
        string.Equals(config["Dcrc:Database:Provider"], "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The data directory: setting <c>Dcrc:DataDirectory</c>, default <c>./data</c> under the working directory.</summary>
    public static string DataDirectory(IConfiguration config) =>
        Path.GetFullPath(config["Dcrc:DataDirectory"] is { Length: > 0 } d ? d : "data");

    public static IServiceCollection AddDcrcDatabase(this IServiceCollection services, IConfiguration _)
    {
        services.AddScoped<StoreScope>();
        // Configuration is read when the first context is made, after the host (or a test host) has settled it.
        services.AddSingleton<DatabaseConnection>();
        services.AddDbContext<DcrcDb>((sp, o) =>
        {
            var db = sp.GetRequiredService<DatabaseConnection>();
            if (db.Postgres) o.UseNpgsql(db.ConnectionString);
            else o.UseSqlite(db.ConnectionString);
            // A page taken without a stable order repeats or skips rows between pages: outside Production it is an error.
            var env = sp.GetRequiredService<IHostEnvironment>();
            if (env.IsDevelopment() || env.IsEnvironment("Testing"))
                o.ConfigureWarnings(w => w.Throw(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning));
        });
        return services;
    }

    /// <summary>Schema, the roles every installation needs, and the demo dealership or first administrators.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<StoreScope>().AllowAll(null);
        var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Dcrc.Database");
        var secret = scope.ServiceProvider.GetRequiredService<Kernel.Security.AppSecret>();
        var env = scope.ServiceProvider.GetRequiredService<IHostEnvironment>();
        Kernel.Security.SecretGuard.CheckPlacement(secret, env, scope.ServiceProvider.GetRequiredService<IConfiguration>());
        await SchemaMigrator.UnderStartupLockAsync(db, async () =>
        {
            var version = await SchemaMigrator.MigrateAsync(db);
            log.LogInformation("Database schema at version {Version} ({Provider})", version, db.IsSqlite ? "sqlite" : "postgres");
            await Kernel.Security.SecretGuard.CheckMatchesAsync(db, secret);
            await Kernel.Audit.AuditGuard.EnsureAtStartAsync(db, scope.ServiceProvider.GetRequiredService<Kernel.Audit.AuditLog>(), env, log);
            await BaseData.EnsureAsync(scope.ServiceProvider);
            await Features.Customers.CustomerBackfill.RunAsync(db, log);
            await Features.Callbacks.Questionnaires.QuestionnaireDefaults.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            await Features.Knowledge.KnowledgeDefaults.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            var config = scope.ServiceProvider.GetRequiredService<IConfiguration>();
            if (DemoDealership.ShouldSeed(config, db.IsSqlite) && !await db.Stores.AnyAsync())
                services.GetRequiredService<Kernel.StartupWork>().Run("Demo dealership", ct => DemoDealership.SeedOnceAsync(services, ct));
            else
                await BaseData.EnsureFirstAdministratorsAsync(scope.ServiceProvider);
        });
    }
}
