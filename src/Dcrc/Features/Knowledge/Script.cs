using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Knowledge;

/// <summary>Where a phrase belongs in a call: the greeting, the opening, a situation met during the call, the closing.</summary>
public enum PhraseStage { Greeting = 0, Opening = 1, Situation = 2, Closing = 3 }

/// <summary>
/// The script (话术) of one call type: an inbound call's purpose (<c>call.inquiry</c>…), an outbound callback's kind
/// (<c>callback.salesSurvey</c>…), the phrases every call shares (<c>general</c>) or the ten phrases never said
/// (<c>forbidden</c>, 002 §四 五). Text may carry {store}, {me} and {customer}, filled in where it is shown.
/// </summary>
public class Script
{
    public int Id { get; set; }
    [MaxLength(40)] public string Topic { get; set; } = "";
    public List<ScriptPhrase> Phrases { get; set; } = [];
    public DateTime UpdatedAt { get; set; }
    [MaxLength(64)] public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>One step of a script: what to say, and what never to say or do (002 §二 "不可以说", "不可以…").</summary>
public class ScriptPhrase
{
    public int Id { get; set; }
    public int ScriptId { get; set; }
    public int Number { get; set; }
    public PhraseStage Stage { get; set; }
    /// <summary>The situation it answers (遇到客户挂错…); empty for a plain greeting, opening or closing.</summary>
    [MaxLength(200)] public string? Situation { get; set; }
    [MaxLength(1000)] public string? Say { get; set; }
    /// <summary>The words that must never be said instead (shown struck through, in red, labelled 不可以说).</summary>
    [MaxLength(500)] public string? NeverSay { get; set; }
    /// <summary>What must never be done (不可以直接挂机…).</summary>
    [MaxLength(200)] public string? NeverDo { get; set; }
}

/// <summary>An answer to a common inquiry (models, prices, warranty, maintenance intervals, rescue numbers…).</summary>
public class FaqEntry
{
    public int Id { get; set; }
    [MaxLength(200)] public string Question { get; set; } = "";
    [MaxLength(2000)] public string Answer { get; set; } = "";
    /// <summary>Comma-separated.</summary>
    [MaxLength(200)] public string? Tags { get; set; }
    public DateTime UpdatedAt { get; set; }
    [MaxLength(64)] public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}

public class ScriptConfiguration : IEntityTypeConfiguration<Script>
{
    public void Configure(EntityTypeBuilder<Script> e)
    {
        e.HasIndex(x => x.Topic).IsUnique();
        e.HasMany(x => x.Phrases).WithOne().HasForeignKey(p => p.ScriptId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

public class ScriptPhraseConfiguration : IEntityTypeConfiguration<ScriptPhrase>
{
    public void Configure(EntityTypeBuilder<ScriptPhrase> e) => e.HasIndex(x => new { x.ScriptId, x.Number }).IsUnique();
}

public class FaqEntryConfiguration : IEntityTypeConfiguration<FaqEntry>
{
    public void Configure(EntityTypeBuilder<FaqEntry> e) => e.Property(x => x.Version).IsConcurrencyToken();
}
