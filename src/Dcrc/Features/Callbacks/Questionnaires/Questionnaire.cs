using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Callbacks.Questionnaires;

/// <summary>After a delivery (表1 销售回访问卷) or after a repair or maintenance (表2 售后回访问卷).</summary>
/// <summary>表1 sales, 表2 service, and the intent survey of a showroom visitor (seed 004 §3.3.1: 离店 48 小时内的电话回访).</summary>
public enum SurveyKind { Sales = 0, Service = 1, Intent = 2 }

/// <summary>Score 1–10, yes/no, one of a few choices (e.g. 详细说明/部分说明/未说明), or free text.</summary>
public enum AnswerType { Score = 0, YesNo = 1, Choice = 2, Text = 3 }

/// <summary>
/// One version of a questionnaire. Versions are never changed once saved: an edit saves the next version,
/// so answers given to an older one keep their meaning. The highest version of a kind is the one in use.
/// </summary>
public class Questionnaire
{
    public int Id { get; set; }
    public SurveyKind Kind { get; set; }
    public int Version { get; set; }
    [MaxLength(100)] public string Title { get; set; } = "";
    /// <summary>The greeting the specialist reads first (002 §三 script).</summary>
    [MaxLength(1000)] public string Opening { get; set; } = "";
    [MaxLength(1000)] public string Closing { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    [MaxLength(64)] public string? CreatedBy { get; set; }
    public List<Question> Questions { get; set; } = [];
}

public class Question
{
    public int Id { get; set; }
    public int QuestionnaireId { get; set; }
    /// <summary>1 for Q1 …</summary>
    public int Number { get; set; }
    [MaxLength(300)] public string Text { get; set; } = "";
    public AnswerType Type { get; set; }
    /// <summary>For a choice: the options, separated by "|".</summary>
    [MaxLength(200)] public string? Options { get; set; }

    public IReadOnlyList<string> OptionList => (Options ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public class QuestionnaireConfiguration : IEntityTypeConfiguration<Questionnaire>
{
    public void Configure(EntityTypeBuilder<Questionnaire> e)
    {
        e.HasIndex(x => new { x.Kind, x.Version }).IsUnique();
        e.HasMany(x => x.Questions).WithOne().HasForeignKey(q => q.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> e) => e.HasIndex(x => new { x.QuestionnaireId, x.Number }).IsUnique();
}
