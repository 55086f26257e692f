using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Calls;

/// <summary>How a dialled call ended, as the telephony system reports it; <see cref="Requested"/> until it does.</summary>
public enum DialStatus { Requested = 0, Answered = 1, Busy = 2, NoAnswer = 3, Unreachable = 4, Failed = 5 }

/// <summary>
/// One click-to-dial: who asked (on which line) to call which customer, for which callback task, and how the call
/// ended as the telephony system reported it. The number itself is not kept here: it went to the telephony system
/// (audited in the archive's log) and stays in the archive.
/// </summary>
public class DialAttempt : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    [MaxLength(64)] public string UserId { get; set; } = "";
    [MaxLength(20)] public string Line { get; set; } = "";
    public long CustomerId { get; set; }
    public long? CallbackTaskId { get; set; }
    /// <summary>Ours, sent with the request: the telephony system reports the call's end by it (unique).</summary>
    [MaxLength(32)] public string RequestId { get; set; } = "";
    /// <summary>The telephony system's id of the call, when it gave one.</summary>
    [MaxLength(100)] public string? ProviderCallId { get; set; }
    /// <summary>The number as shown (138****1312).</summary>
    [MaxLength(20)] public string MaskedNumber { get; set; } = "";
    public DialStatus Status { get; set; }
    /// <summary>Why the telephony system did not take the request (its answer, clipped), when it did not.</summary>
    [MaxLength(300)] public string? Error { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public int Version { get; set; }

    public bool Ended => Status != DialStatus.Requested;
}

public class DialAttemptConfiguration : IEntityTypeConfiguration<DialAttempt>
{
    public void Configure(EntityTypeBuilder<DialAttempt> e)
    {
        e.Ignore(x => x.Ended);
        e.HasIndex(x => x.RequestId).IsUnique();
        e.HasIndex(x => x.ProviderCallId);
        e.HasIndex(x => new { x.UserId, x.RequestedAt });
        e.HasIndex(x => x.CallbackTaskId);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
