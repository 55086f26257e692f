using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Customers;

public class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> e)
    {
        e.HasIndex(x => x.ArchiveNumber).IsUnique();
        e.HasIndex(x => new { x.StoreId, x.Mobile });
        e.HasIndex(x => x.Mobile);
        e.HasIndex(x => x.MobileLast4);
        e.HasIndex(x => x.IdNumberHash);
        e.HasIndex(x => x.Landline);
        // With the store: a store's matches of a pinyin prefix come from the index alone, not ANDed with a store bitmap.
        e.HasIndex(x => new { x.NamePinyin, x.StoreId });
        e.HasIndex(x => new { x.NameInitials, x.StoreId });
        e.HasIndex(x => x.CreditCode);
        e.HasIndex(x => x.Name);
        e.HasIndex(x => new { x.StoreId, x.OwnerUserId });
        // Newest first (search results): lets a query with thousands of matches stop after one page.
        e.HasIndex(x => new { x.CreatedAt, x.Id }).IsDescending();
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.RegisteredCapital).HasPrecision(18, 2);
        e.HasIndex(x => new { x.StoreId, x.Class, x.LastCallAt });
        e.HasIndex(x => new { x.StoreId, x.Class, x.LastVisitAt });
        e.HasMany(x => x.Contacts).WithOne().HasForeignKey(k => k.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Vehicles).WithOne().HasForeignKey(v => v.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class VehicleConfiguration : IEntityTypeConfiguration<Vehicle>
{
    public void Configure(EntityTypeBuilder<Vehicle> e)
    {
        e.HasIndex(x => x.Vin).IsUnique();
        e.HasIndex(x => x.VinLast6);
        e.HasIndex(x => x.PlateNumber);
        e.HasIndex(x => x.CustomerId);
        e.HasIndex(x => x.DriverMobile);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

public class ArchiveChangeConfiguration : IEntityTypeConfiguration<ArchiveChange>
{
    public void Configure(EntityTypeBuilder<ArchiveChange> e) => e.HasIndex(x => new { x.CustomerId, x.ChangedAt });
}

public class ArchiveSequenceConfiguration : IEntityTypeConfiguration<ArchiveSequence>
{
    public void Configure(EntityTypeBuilder<ArchiveSequence> e) => e.HasKey(x => x.PeriodKey);
}
