using System.ComponentModel.DataAnnotations;

namespace Dcrc.Kernel.Settings;

/// <summary>A stored override of a setting: for one store, or for the whole group when <see cref="StoreId"/> is null.</summary>
public class SettingValue
{
    public int Id { get; set; }
    public int? StoreId { get; set; }
    [MaxLength(100)] public string Key { get; set; } = "";
    [MaxLength(500)] public string Value { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    [MaxLength(64)] public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}
