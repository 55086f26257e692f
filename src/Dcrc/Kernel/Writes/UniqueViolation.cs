using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dcrc.Kernel.Writes;

/// <summary>Whether a failed save was refused by a unique index (SQLite's UNIQUE or PRIMARY KEY constraint, PostgreSQL's 23505).</summary>
public static class UniqueViolation
{
    private const int SqliteUnique = 2067, SqlitePrimaryKey = 1555;

    public static bool Is(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
