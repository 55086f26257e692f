using Dcrc.Kernel.Cases;
using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Calls;

public enum CallDirection { Inbound = 0, Outbound = 1 }

/// <summary>
/// One line of the incoming-call log (顾客来电记录表): when, which number (and the customer it belongs to, if
/// known), who called and why, what was said and done, who took it, and the call-back owed. A call the
/// telephony system reports is recorded as it rings (no purpose yet) or as missed; the agent's log fills it in.
/// </summary>
public class CallLog : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public DateTime At { get; set; }
    /// <summary>Normalised: a mobile as 11 digits, a landline as 020-38881234, anything else as its digits.</summary>
    [MaxLength(20)] public string Number { get; set; } = "";
    [MaxLength(50)] public string? CallerName { get; set; }
    /// <summary>The telephone line (extension) it came in on, when the telephony system said.</summary>
    [MaxLength(20)] public string? Line { get; set; }
    /// <summary>The telephony system's own id of the call: a retried or replayed push of it is recorded once (unique).</summary>
    [MaxLength(100)] public string? ProviderCallId { get; set; }
    public CallDirection Direction { get; set; }
    /// <summary>Nobody answered: a call-back task was made.</summary>
    public bool Missed { get; set; }
    /// <summary>Null until the call is logged (a ringing or missed call).</summary>
    public CallPurpose? Purpose { get; set; }
    /// <summary>A complaint call's category as the agent heard it; the complaint form opened from the call starts with it.</summary>
    public ComplaintCategory? ComplaintCategory { get; set; }
    [MaxLength(1000)] public string? Content { get; set; }
    [MaxLength(1000)] public string? Handling { get; set; }
    /// <summary>The agent who took (and logged) the call; for a ringing call, the agent on its line.</summary>
    [MaxLength(64)] public string? HandledBy { get; set; }
    [MaxLength(50)] public string? HandledByName { get; set; }
    public DateTime? LoggedAt { get; set; }
    /// <summary>A call-back is owed (an inquiry not answerable at once), at <see cref="PromisedCallbackAt"/> or within the setting's hours.</summary>
    public bool CallbackOwed { get; set; }
    public DateTime? PromisedCallbackAt { get; set; }
    /// <summary>The call-back task a promise or a missed call made.</summary>
    public long? CallbackTaskId { get; set; }
    public long? CustomerId { get; set; }
    public long? VehicleId { get; set; }
    /// <summary>The interaction (沟通记录) the logged call wrote into the customer's archive.</summary>
    public long? InteractionId { get; set; }
    /// <summary>The complaint case opened from this call (set by the complaint feature; see <c>/Complaints/New?callId=</c>).</summary>
    public long? ComplaintId { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public bool Logged => Purpose is not null;
}

/// <summary>Who sits on a telephone line: the telephony system's pushes for that line pop on that agent's call desk.</summary>
public class AgentLine : IStoreOwned
{
    public int Id { get; set; }
    public int StoreId { get; set; }
    /// <summary>The line as the telephony system names it (extension, trunk…), unique across the installation.</summary>
    [MaxLength(20)] public string Line { get; set; } = "";
    [MaxLength(64)] public string? UserId { get; set; }
    public DateTime UpdatedAt { get; set; }
    [MaxLength(64)] public string? UpdatedBy { get; set; }
}

public class CallLogConfiguration : IEntityTypeConfiguration<CallLog>
{
    public void Configure(EntityTypeBuilder<CallLog> e)
    {
        e.Ignore(x => x.Logged);
        e.HasIndex(x => new { x.StoreId, x.At });
        e.HasIndex(x => new { x.Number, x.At });
        e.HasIndex(x => x.CustomerId);
        e.HasIndex(x => x.ProviderCallId).IsUnique();
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

public class AgentLineConfiguration : IEntityTypeConfiguration<AgentLine>
{
    public void Configure(EntityTypeBuilder<AgentLine> e)
    {
        e.HasIndex(x => x.Line).IsUnique();
        e.HasIndex(x => x.UserId);
    }
}
