using System.ComponentModel.DataAnnotations;

namespace Dcrc.Kernel.Security;

/// <summary>
/// A named fact about the installation itself, kept in the database: the check value of the application
/// secret the data was written with (<see cref="SecretCheck"/>), the first audit entry id from which ids
/// are dense (<see cref="Audit.AuditLog.VerifyAsync"/>).
/// </summary>
public class SystemMark
{
    public const string SecretCheck = "secret.check";
    public const string AuditDenseFrom = "audit.dense_from";

    [Key, MaxLength(64)] public string Name { get; set; } = "";
    [MaxLength(200)] public string Value { get; set; } = "";
}
