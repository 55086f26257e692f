using System.Net;
using Dcrc.Tests.Infrastructure;
using Npgsql;

namespace Dcrc.Tests.Features;

public class HealthTests
{
    [Fact]
    public async Task Health_answers_503_when_the_database_is_gone()
    {
        var app = new PostgresApp();
        await app.InitializeAsync();
        try
        {
            var client = app.Api();
            (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
            await using (var conn = new NpgsqlConnection(Postgres.ConnectionString("postgres")))
            {
                await conn.OpenAsync();
                var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
                NpgsqlConnection.ClearAllPools();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
