using System.ComponentModel.DataAnnotations;

namespace Dcrc.Kernel.Audit;

/// <summary>
/// One line of the append-only audit log. <see cref="Hash"/> chains it to the previous entry, so an edit or
/// a deletion made behind the application's back is found by <see cref="AuditLog.VerifyAsync"/>.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    [MaxLength(64)] public string? UserId { get; set; }
    [MaxLength(64)] public string? UserName { get; set; }
    public int? StoreId { get; set; }
    [MaxLength(64)] public string Action { get; set; } = "";
    [MaxLength(64)] public string? EntityType { get; set; }
    [MaxLength(64)] public string? EntityId { get; set; }
    [MaxLength(1000)] public string Summary { get; set; } = "";
    [MaxLength(64)] public string? ClientAddress { get; set; }
    [MaxLength(64)] public string PreviousHash { get; set; } = "";
    [MaxLength(64)] public string Hash { get; set; } = "";
}
