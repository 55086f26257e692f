using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Data;

public class DatabaseOptions
{
    public const string Section = "Dcrc:Database";
    /// <summary><c>sqlite</c> (default, embedded) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";
}

public static class DatabaseSetup
{
    public static bool IsPostgres(IConfiguration config) =>
        string.Equals(config["Dcrc:Database:Provider"], "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The data directory: setting <c>Dcrc:DataDirectory</c>, default <c>./data</c> under the working directory.</summary>
    public static string DataDirectory(IConfiguration config) =>
        Path.GetFullPath(config["Dcrc:DataDirectory"] is { Length: > 0 } d ? d : "data");

    public static IServiceCollection AddDcrcDatabase(this IServiceCollection services, IConfiguration config)
    {
        var postgres = IsPostgres(config);
        var connectionString = config.GetConnectionString("Dcrc");
        if (postgres && string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Dcrc__Database__Provider=postgres needs ConnectionStrings__Dcrc (an Npgsql connection string).");
        if (!postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            var dir = DataDirectory(config);
            Directory.CreateDirectory(dir);
            connectionString = $"Data Source={Path.Combine(dir, "dcrc.db")};Default Timeout=30";
        }

        services.AddScoped<StoreScope>();
        services.AddDbContext<DcrcDb>(o =>
        {
            if (postgres) o.UseNpgsql(connectionString);
            else o.UseSqlite(connectionString);
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
        var version = await SchemaMigrator.MigrateAsync(db);
        log.LogInformation("Database schema at version {Version} ({Provider})", version, db.IsSqlite ? "sqlite" : "postgres");
        await BaseData.EnsureAsync(scope.ServiceProvider);
        var config = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        if (DemoDealership.ShouldSeed(config, db.IsSqlite) && !await db.Stores.AnyAsync())
            await scope.ServiceProvider.GetRequiredService<DemoDealership>().SeedAsync();
        else
            await BaseData.EnsureFirstAdministratorsAsync(scope.ServiceProvider);
    }
}
