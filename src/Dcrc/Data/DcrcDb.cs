using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Settings;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dcrc.Data;

public class DcrcDb(DbContextOptions<DcrcDb> options, StoreScope scope) : IdentityDbContext<AppUser, AppRole, string>(options)
{
    // Read by the global query filters below; EF Core re-reads them for every query of this context.
    private readonly StoreScope _scope = scope;

    public DbSet<Store> Stores => Set<Store>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<StoreMembership> StoreMemberships => Set<StoreMembership>();
    public DbSet<PermissionDefaultApplied> PermissionDefaultsApplied => Set<PermissionDefaultApplied>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SettingValue> SettingValues => Set<SettingValue>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Kernel.Security.SystemMark> SystemMarks => Set<Kernel.Security.SystemMark>();
    public DbSet<Features.Customers.Customer> Customers => Set<Features.Customers.Customer>();
    public DbSet<Features.Customers.Vehicle> Vehicles => Set<Features.Customers.Vehicle>();
    public DbSet<Features.Customers.ArchiveChange> ArchiveChanges => Set<Features.Customers.ArchiveChange>();
    public DbSet<Features.Customers.ArchiveSequence> ArchiveSequences => Set<Features.Customers.ArchiveSequence>();
    public DbSet<Features.Customers.Records.Interaction> Interactions => Set<Features.Customers.Records.Interaction>();
    public DbSet<Features.Customers.Records.CustomerTransaction> Transactions => Set<Features.Customers.Records.CustomerTransaction>();
    public DbSet<Features.Customers.Records.ArchiveDocument> Documents => Set<Features.Customers.Records.ArchiveDocument>();
    public DbSet<Features.Customers.Records.CompanyContact> CompanyContacts => Set<Features.Customers.Records.CompanyContact>();
    public DbSet<Features.Customers.Filing.ArchiveCheck> ArchiveChecks => Set<Features.Customers.Filing.ArchiveCheck>();
    public DbSet<Kernel.Deadlines.CalendarDay> CalendarDays => Set<Kernel.Deadlines.CalendarDay>();
    public DbSet<Kernel.Jobs.JobRun> JobRuns => Set<Kernel.Jobs.JobRun>();
    public DbSet<Kernel.Sms.SmsMessage> SmsMessages => Set<Kernel.Sms.SmsMessage>();
    public DbSet<Kernel.Sms.SmsPreference> SmsPreferences => Set<Kernel.Sms.SmsPreference>();
    public DbSet<Kernel.Sms.SmsReply> SmsReplies => Set<Kernel.Sms.SmsReply>();
    public DbSet<Features.Callbacks.Questionnaires.Questionnaire> Questionnaires => Set<Features.Callbacks.Questionnaires.Questionnaire>();
    public DbSet<Features.Callbacks.Questionnaires.Question> Questions => Set<Features.Callbacks.Questionnaires.Question>();
    public DbSet<Features.Callbacks.CallbackTask> CallbackTasks => Set<Features.Callbacks.CallbackTask>();
    public DbSet<Features.Callbacks.CallbackAttempt> CallbackAttempts => Set<Features.Callbacks.CallbackAttempt>();
    public DbSet<Features.Callbacks.CallbackAnswer> CallbackAnswers => Set<Features.Callbacks.CallbackAnswer>();
    public DbSet<Features.Callbacks.Reports.CallbackCorrection> CallbackCorrections => Set<Features.Callbacks.Reports.CallbackCorrection>();
    public DbSet<Features.Complaints.Complaint> Complaints => Set<Features.Complaints.Complaint>();
    public DbSet<Features.Complaints.ComplaintEvent> ComplaintEvents => Set<Features.Complaints.ComplaintEvent>();
    public DbSet<Features.Complaints.ComplaintLimitEvent> ComplaintLimitEvents => Set<Features.Complaints.ComplaintLimitEvent>();
    public DbSet<Kernel.Notifications.Notification> Notifications => Set<Kernel.Notifications.Notification>();
    public DbSet<Features.Calls.CallLog> CallLogs => Set<Features.Calls.CallLog>();
    public DbSet<Features.Calls.AgentLine> AgentLines => Set<Features.Calls.AgentLine>();
    public DbSet<Features.Calls.DialAttempt> DialAttempts => Set<Features.Calls.DialAttempt>();
    public DbSet<Features.Knowledge.Script> Scripts => Set<Features.Knowledge.Script>();
    public DbSet<Features.Knowledge.ScriptPhrase> ScriptPhrases => Set<Features.Knowledge.ScriptPhrase>();
    public DbSet<Features.Knowledge.FaqEntry> FaqEntries => Set<Features.Knowledge.FaqEntry>();
    public DbSet<Features.Leads.Lead> Leads => Set<Features.Leads.Lead>();
    public DbSet<Features.Leads.LeadAttempt> LeadAttempts => Set<Features.Leads.LeadAttempt>();
    public DbSet<Features.Leads.LeadEvent> LeadEvents => Set<Features.Leads.LeadEvent>();
    public DbSet<Features.Leads.LeadLimitEvent> LeadLimitEvents => Set<Features.Leads.LeadLimitEvent>();
    public DbSet<Features.Leads.LeadBatch> LeadBatches => Set<Features.Leads.LeadBatch>();
    public DbSet<Features.Leads.LeadVisit> LeadVisits => Set<Features.Leads.LeadVisit>();
    public DbSet<Features.Service.MaintenancePlan> MaintenancePlans => Set<Features.Service.MaintenancePlan>();
    public DbSet<Features.Service.VehicleForecast> VehicleForecasts => Set<Features.Service.VehicleForecast>();
    public DbSet<Features.Service.MaintenanceFollowUp> MaintenanceFollowUps => Set<Features.Service.MaintenanceFollowUp>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<Store>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Department>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<AppUser>(e =>
        {
            e.HasMany(x => x.Stores).WithOne().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<StoreMembership>(e =>
        {
            e.HasKey(x => new { x.UserId, x.StoreId });
            e.HasOne(x => x.Store).WithMany().HasForeignKey(x => x.StoreId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.StoreId);
        });
        b.Entity<PermissionDefaultApplied>().HasKey(x => x.Permission);
        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.UserName, x.At });
            e.HasIndex(x => new { x.Action, x.At });
            e.HasIndex(x => new { x.EntityType, x.EntityId });
        });
        b.Entity<SettingValue>(e =>
        {
            e.HasIndex(x => new { x.StoreId, x.Key }).IsUnique();
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        // Each feature configures its own entities (Features/*/…Model.cs).
        b.ApplyConfigurationsFromAssembly(typeof(DcrcDb).Assembly);
        ApplyStoreFilters(b);
    }

    /// <summary>Every <see cref="IStoreOwned"/> entity is filtered to the stores the current user may see.</summary>
    private void ApplyStoreFilters(ModelBuilder b)
    {
        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(IStoreOwned).IsAssignableFrom(t.ClrType)))
        {
            var method = typeof(DcrcDb).GetMethod(nameof(StoreFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type.ClrType);
            method.Invoke(this, [b]);
        }
    }

    private void StoreFilter<T>(ModelBuilder b) where T : class, IStoreOwned =>
        b.Entity<T>().HasQueryFilter(e => _scope.AllStores || _scope.StoreIds.Contains(e.StoreId));

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        // SQLite hands DateTime back without a kind; everything stored is UTC.
        c.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        c.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    /// <summary>Optimistic concurrency: a modified row's Version goes up by one, and the update only matches the version that was read.</summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
        {
            var version = entry.Metadata.FindProperty("Version");
            if (version is { IsConcurrencyToken: true } && version.ClrType == typeof(int))
            {
                var p = entry.Property("Version");
                p.CurrentValue = (int)p.OriginalValue! + 1;
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

public class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}
