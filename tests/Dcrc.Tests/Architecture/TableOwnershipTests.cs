using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Tests.Architecture;

/// <summary>
/// A feature owns its tables: the owner of an entity is the feature whose namespace its type is in
/// (Dcrc.Features.&lt;Feature&gt;…). Entities of Dcrc.Kernel.* and Dcrc.Data — settings, audit, SMS, notifications,
/// jobs, calendar, users, roles, stores, departments — are Kernel's: written by Kernel and by the Admin and Account
/// features only. Code of feature F may not write an entity of feature G≠F; G offers the change (CallbackOpenings,
/// ContactDetails, ContactLog). Dcrc.Data (the context, demo seeding) and the composition root (FeatureMap,
/// Dcrc.Features.Shared, Program) are exempt.
/// <para>
/// Found in the compiled IL: DbSet&lt;T&gt; Add/AddRange/AddAsync/AddRangeAsync/Remove/RemoveRange/Update/UpdateRange/
/// Attach/AttachRange, the generic DbContext Add/AddAsync/Attach/Update/Remove&lt;T&gt;, ExecuteUpdate(Async)/
/// ExecuteDelete(Async) on IQueryable&lt;T&gt;, string literals with INSERT INTO / UPDATE / DELETE FROM on a table of the
/// EF model, and property setters (set_X, init included) or field stores (stfld) on an entity type — an entity is an
/// EF entity CLR type, so DTOs and view models set in object initializers do not count.
/// </para>
/// <para>
/// Limits (not seen): a write through a method of the entity itself (task.Close() called from another feature), through
/// an interface or base class the entity implements (IStoreOwned), through a navigation collection
/// (customer.Vehicles.Add), through the non-generic DbContext.Add(object)/AddRange(object[]), Entry(x).State or
/// Entry(x).Property(…).CurrentValue, reflection, or SQL whose table name is built at run time.
/// </para>
/// </summary>
public partial class TableOwnershipTests
{
    /// <summary>Today's writes across feature lines, each with why; a new one fails, a listed one no longer found fails.</summary>
    private static readonly Dictionary<string, string> Allowed = new();

    private static readonly HashSet<string> KernelWriters = [AppUnits.Kernel, "Admin", "Account"];
    private static readonly HashSet<string> SetOperations = ["Add", "AddRange", "AddAsync", "AddRangeAsync", "Remove", "RemoveRange", "Update", "UpdateRange", "Attach", "AttachRange"];
    private static readonly HashSet<string> ContextOperations = ["Add", "AddAsync", "Attach", "Update", "Remove"];
    private static readonly HashSet<string> BulkOperations = ["ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync"];

    private sealed record Entity(Type Type, string Table, string Owner);

    /// <summary>The EF model's entities (a context on SQLite, as the tests build it; the model needs no connection).</summary>
    private static readonly Lazy<(Dictionary<Type, Entity> ByType, Dictionary<string, Entity> ByTable)> Model = new(() =>
    {
        var options = new DbContextOptionsBuilder<DcrcDb>().UseSqlite("Data Source=:memory:").Options;
        using var db = new DcrcDb(options, StoreScope.Everything());
        var entities = db.Model.GetEntityTypes().Where(e => !e.HasSharedClrType && e.GetTableName() != null)
            .Select(e => new Entity(e.ClrType, e.GetTableName()!, AppUnits.FeatureOf(e.ClrType) ?? AppUnits.Kernel)).ToList();
        return (entities.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.First()),
                entities.GroupBy(e => e.Table, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase));
    });

    [Fact]
    public void No_feature_writes_another_features_tables()
    {
        var writes = Writes().Where(w => MayNotWrite(AppUnits.Of(w.At.Site), w.Entity.Owner)).ToList();
        // The setters one method calls on one entity type make one entry: "sets Answer, Id, Question".
        var setters = writes.Where(w => w.Property != null).GroupBy(w => (w.At.Where, w.Entity))
            .SelectMany(g => g.Select(w => (Key: $"{g.Key.Where} → {g.Key.Entity.Table} of {g.Key.Entity.Owner}: sets "
                + string.Join(", ", g.Select(x => x.Property).Distinct().Order(StringComparer.Ordinal)), Seen: $"{w.At.OpCode.Name} {w.Operand}")));
        var others = writes.Where(w => w.Property == null)
            .Select(w => (Key: $"{w.At.Where} → {w.Entity.Table} of {w.Entity.Owner}: {w.How}", Seen: $"{w.At.OpCode.Name} {w.Operand}"));
        AllowList.ShouldMatch(setters.Concat(others), Allowed, "Writes to another feature's tables");
    }

    /// <summary>Each kind of write is seen, in a feature's writes of its own tables (examples of today's code).</summary>
    [Fact]
    public void The_write_detector_sees_each_kind_of_write()
    {
        var seen = Writes().Select(w => $"{w.At.Where} → {w.Entity.Table}: {w.How}").ToHashSet();
        seen.ShouldContain("Dcrc.Features.Customers.Records.ContactLog.RecordAsync → Interactions: DbSet.Add");
        seen.ShouldContain("Dcrc.Features.Admin.Calendar.CalendarDays.RemoveAsync → CalendarDays: DbSet.Remove");
        seen.ShouldContain("Dcrc.Features.Customers.CustomerMerge.MergeAsync → Vehicles: ExecuteUpdateAsync");
        seen.ShouldContain("Dcrc.Features.Admin.Permissions.RolePermissions.SaveAsync → AspNetRoleClaims: ExecuteDeleteAsync");
        seen.ShouldContain("Dcrc.Features.Callbacks.CallbackGeneration.FromTransactionsAsync → CallbackTasks: SQL INSERT INTO");
        seen.ShouldContain("Dcrc.Features.Callbacks.CallbackDesk.ClaimAsync → CallbackTasks: sets AssignedTo");
    }

    [Fact]
    public void The_model_gives_every_entity_a_table_and_an_owner()
    {
        var (byType, _) = Model.Value;
        byType.Count.ShouldBeGreaterThan(30);
        byType[typeof(Dcrc.Features.Callbacks.CallbackTask)].ShouldBe(new Entity(typeof(Dcrc.Features.Callbacks.CallbackTask), "CallbackTasks", "Callbacks"));
        byType[typeof(Dcrc.Features.Customers.Records.Interaction)].Owner.ShouldBe("Customers");
        byType[typeof(Dcrc.Kernel.Sms.SmsMessage)].Owner.ShouldBe(AppUnits.Kernel);
        byType[typeof(AppUser)].Owner.ShouldBe(AppUnits.Kernel);
    }

    private static bool MayNotWrite(string? writer, string owner) => writer switch
    {
        null or AppUnits.Data or AppUnits.CompositionRoot => false,
        _ when writer == owner => false,
        _ => owner != AppUnits.Kernel || !KernelWriters.Contains(writer),
    };

    private sealed record Write(Instruction At, Entity Entity, string How, object? Operand)
    {
        /// <summary>The property of a setter call, else null.</summary>
        public string? Property => How.StartsWith("sets ", StringComparison.Ordinal) ? How[5..] : null;
    }

    private static IEnumerable<Write> Writes()
    {
        var (byType, byTable) = Model.Value;
        foreach (var i in IlReferences.Instructions)
        {
            if (i.OpCode == OpCodes.Ldstr && i.Operand is string sql)
            {
                foreach (Match m in SqlWrite().Matches(sql))
                    if (byTable.TryGetValue(m.Groups["table"].Value, out var e))
                        yield return new Write(i, e, "SQL " + Regex.Replace(m.Groups["verb"].Value.ToUpperInvariant(), @"\s+", " "), Shorten(sql));
                continue;
            }
            var (type, how) = i.Operand switch
            {
                MethodInfo m when (i.OpCode == OpCodes.Call || i.OpCode == OpCodes.Callvirt) => Called(m, byType),
                FieldInfo f when i.OpCode == OpCodes.Stfld || i.OpCode == OpCodes.Stsfld => (f.DeclaringType, "stores field " + f.Name),
                _ => (null, ""),
            };
            if (type != null && byType.TryGetValue(type, out var entity)) yield return new Write(i, entity, how, i.Operand);
        }
    }

    /// <summary>The entity type a called method writes, if it is a write.</summary>
    private static (Type?, string) Called(MethodInfo m, Dictionary<Type, Entity> entities)
    {
        var declaring = m.DeclaringType;
        if (declaring is { IsGenericType: true } && declaring.GetGenericTypeDefinition() == typeof(DbSet<>) && SetOperations.Contains(m.Name))
            return (declaring.GetGenericArguments()[0], "DbSet." + m.Name);
        if (m.IsGenericMethod && declaring != null && typeof(DbContext).IsAssignableFrom(declaring) && ContextOperations.Contains(m.Name))
            return (m.GetGenericArguments()[0], "DbContext." + m.Name);
        if (m.IsGenericMethod && BulkOperations.Contains(m.Name) && declaring?.Namespace?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true)
            return (m.GetGenericArguments()[0], m.Name);
        if (m.IsSpecialName && m.Name.StartsWith("set_", StringComparison.Ordinal) && declaring != null && entities.ContainsKey(declaring))
            return (declaring, "sets " + m.Name[4..]);
        return (null, "");
    }

    private static string Shorten(string sql) => sql.Length > 120 ? sql[..120] + "…" : sql;

    [GeneratedRegex(@"\b(?<verb>INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[""`\[]?(?<table>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex SqlWrite();
}
