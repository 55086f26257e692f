using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Kernel.Sms;

/// <summary>What a message is for; consent is kept per purpose (SPEC §13: opt-outs per channel and contact type).</summary>
public enum SmsPurpose { Service = 0, Survey = 1, Marketing = 2 }

/// <summary>
/// Queued → Sent (the provider accepted it) → Delivered (the provider's delivery report); Failed when the
/// provider refused it, the retries ran out or delivery failed; Blocked when consent or the number refused it.
/// </summary>
/// <summary><see cref="Sending"/>: claimed by an outbox run, which holds it until its <c>NextAttemptAt</c> (the lease); past it, taken again.</summary>
public enum SmsStatus { Queued = 0, Sent = 1, Delivered = 2, Failed = 3, Blocked = 4, Sending = 5 }

public enum SmsBlockedReason { OptedOut = 1, NoConsent = 2, InvalidMobile = 3 }

public enum SmsPreferenceSource { Reply = 0, Staff = 1, Import = 2 }

/// <summary>
/// One text message to a customer: the outbox row a feature adds in its own transaction and the send log
/// (短信发送记录表, 002 表13: customer, reason, time sent, status, the customer's reply).
/// </summary>
public class SmsMessage : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public long? CustomerId { get; set; }
    /// <summary>The customer's name when the message was queued, for the log (表13 客户姓名).</summary>
    [MaxLength(50)] public string? CustomerName { get; set; }
    /// <summary>11 digits; what was given when the number is invalid (then the message is blocked).</summary>
    [MaxLength(20)] public string Mobile { get; set; } = "";
    public SmsPurpose Purpose { get; set; }
    /// <summary>The caller's code (e.g. <c>callbacks.salesSurvey</c>); the log shows resource <c>SmsReason.{Reason}</c> (表13 原因类型).</summary>
    [MaxLength(64)] public string Reason { get; set; } = "";
    /// <summary>The caller's record (e.g. a callback task).</summary>
    public long? RelatedId { get; set; }
    [MaxLength(SmsRequest.MaxBodyLength)] public string Body { get; set; } = "";
    /// <summary>Unique per store: the same key twice is the same message.</summary>
    [MaxLength(100)] public string IdempotencyKey { get; set; } = "";
    public SmsStatus Status { get; set; }
    public SmsBlockedReason? BlockedReason { get; set; }
    public int Attempts { get; set; }
    /// <summary>When the outbox job takes it next (while queued).</summary>
    public DateTime? NextAttemptAt { get; set; }
    [MaxLength(500)] public string? LastError { get; set; }
    [MaxLength(100)] public string? ProviderMessageId { get; set; }
    public DateTime CreatedAt { get; set; }
    [MaxLength(64)] public string? CreatedBy { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    /// <summary>The customer's latest reply to it (表13 客户回复内容).</summary>
    [MaxLength(500)] public string? Reply { get; set; }
    public DateTime? RepliedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A consent (<see cref="Allowed"/>) or opt-out recorded for a mobile and a purpose. Rows are only ever
/// added: the latest one for the mobile and purpose decides, the older ones are its history. A row of a
/// store applies to that store's messages; a row without a store (an opt-out replied to no message we can
/// match) applies to every store.
/// </summary>
public class SmsPreference
{
    public long Id { get; set; }
    public int? StoreId { get; set; }
    [MaxLength(20)] public string Mobile { get; set; } = "";
    public SmsPurpose Purpose { get; set; }
    public bool Allowed { get; set; }
    public DateTime At { get; set; }
    public SmsPreferenceSource Source { get; set; }
    [MaxLength(200)] public string? Reason { get; set; }
    [MaxLength(64)] public string? By { get; set; }
}

/// <summary>Every inbound message, matched to the message it answers or not, so unmatched replies are seen too.</summary>
public class SmsReply
{
    public long Id { get; set; }
    public long? MessageId { get; set; }
    /// <summary>The matched message's store; null when unmatched.</summary>
    public int? StoreId { get; set; }
    [MaxLength(20)] public string From { get; set; } = "";
    [MaxLength(500)] public string Text { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    public DateTime RecordedAt { get; set; }
    [MaxLength(100)] public string? ProviderReplyId { get; set; }
    /// <summary>The provider's id of the reply, or a hash of sender, text and time: a provider's retry is recorded once.</summary>
    [MaxLength(100)] public string DedupeKey { get; set; } = "";
    /// <summary>The reply was an opt-out (TD/退订).</summary>
    public bool OptOut { get; set; }
}

public class SmsMessageConfiguration : IEntityTypeConfiguration<SmsMessage>
{
    public void Configure(EntityTypeBuilder<SmsMessage> e)
    {
        e.HasIndex(x => new { x.StoreId, x.IdempotencyKey }).IsUnique();
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.HasIndex(x => new { x.StoreId, x.CreatedAt });
        e.HasIndex(x => new { x.Mobile, x.SentAt });
        e.HasIndex(x => x.ProviderMessageId);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

public class SmsPreferenceConfiguration : IEntityTypeConfiguration<SmsPreference>
{
    public void Configure(EntityTypeBuilder<SmsPreference> e) => e.HasIndex(x => new { x.Mobile, x.Purpose, x.At });
}

public class SmsReplyConfiguration : IEntityTypeConfiguration<SmsReply>
{
    public void Configure(EntityTypeBuilder<SmsReply> e)
    {
        e.HasIndex(x => x.DedupeKey).IsUnique();
        e.HasIndex(x => x.ReceivedAt);
        e.HasIndex(x => x.MessageId);
    }
}
