using Dcrc.Kernel.Cases;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Notifications;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Complaints;

[PermissionSet]
public static class ComplaintPermissions
{
    /// <summary>Reading cases: DCRC, the GM, and the sales/service people (their department's cases).</summary>
    public static readonly Permission Read = new("complaints.read", Roles.GroupManager, Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist,
        Roles.ReceptionSpecialist, Roles.SalesManager, Roles.ServiceManager, Roles.SalesConsultant, Roles.ServiceAdvisor);
    /// <summary>DCRC's steps: intake, judging, dispatching, the customer's acceptance, closing, follow-up, reopening.</summary>
    public static readonly Permission Handle = new("complaints.handle", Roles.CrManager, Roles.CallbackSpecialist, Roles.ReceptionSpecialist);
    /// <summary>The department's steps on cases dispatched to it: solution and result.</summary>
    public static readonly Permission Department = new("complaints.department", Roles.SalesManager, Roles.ServiceManager, Roles.SalesConsultant, Roles.ServiceAdvisor);
    /// <summary>The department manager's approval of the result.</summary>
    public static readonly Permission ApproveDepartment = new("complaints.approve_department", Roles.SalesManager, Roles.ServiceManager);
    /// <summary>The GM's approval above the compensation threshold.</summary>
    public static readonly Permission ApproveGm = new("complaints.approve_gm", Roles.GeneralManager);
    /// <summary>Acting on cases the department is late with: urging, re-dispatching, taking over (the CR manager and the GM).</summary>
    public static readonly Permission Manage = new("complaints.manage", Roles.CrManager, Roles.GeneralManager);
}

[AuditActionSet]
public static class ComplaintAuditActions
{
    public const string Received = "complaints.received";
    public const string Step = "complaints.step";
    public const string Read = "complaints.read";
}

public sealed class ComplaintInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Customer")] public long? CustomerId { get; set; }
    [Display(Name = "Field.Vehicle")] public long? VehicleId { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.ComplaintChannel")] public ComplaintChannel? Channel { get; set; }
    [Display(Name = "Field.ReceivedAt")] public DateTimeOffset? ReceivedAt { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ContactName")] public string? ContactName { get; set; }
    [Display(Name = "Field.ContactPhone")] public string? ContactPhone { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.ComplaintCategory")] public ComplaintCategory? Category { get; set; }
    [Display(Name = "Field.Severity")] public ComplaintSeverity Severity { get; set; } = ComplaintSeverity.Normal;
    [Display(Name = "Field.Emergency")] public bool Emergency { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ComplaintDescription")]
    public string? Description { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ComplaintRequest")] public string? Request { get; set; }
    public long? CallId { get; set; }
    public long? CallbackTaskId { get; set; }
}

/// <summary>What a step records; each action names the fields it needs.</summary>
public sealed class StepInput
{
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Note")] public string? Note { get; set; }
    [Display(Name = "Field.Department")] public int? DepartmentId { get; set; }
    [Display(Name = "Field.Responsible")] public string? ResponsibleUserId { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ComplaintCause")] public string? Cause { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ComplaintSolution")] public string? Solution { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ComplaintMeasures")] public string? Measures { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ComplaintResult")] public string? Result { get; set; }
    [Display(Name = "Field.CompensationType")] public CompensationType? Compensation { get; set; }
    [Range(0, 10_000_000, ErrorMessage = "Validation.Range"), Display(Name = "Field.CompensationAmount")] public decimal? CompensationAmount { get; set; }
    [Display(Name = "Field.OemEscalatedOn")] public DateOnly? OemEscalatedOn { get; set; }
    [Display(Name = "Field.EngineerAppraisalOn")] public DateOnly? EngineerAppraisalOn { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CustomerOpinion")] public string? CustomerOpinion { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ClosingSummary")] public string? ClosingSummary { get; set; }
    public int? Version { get; set; }
}

/// <summary>An urge (催办) or a take-over (接管) by a manager: an optional note for the timeline, and the case's version as read.</summary>
public sealed class ManageInput
{
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Note")] public string? Note { get; set; }
    public int? Version { get; set; }
}

/// <summary>A re-dispatch (改派) by a manager: the person responsible (of the department), the department (the case's when left out), a note, the version read.</summary>
public sealed class RedispatchInput
{
    [Display(Name = "Field.Department")] public int? DepartmentId { get; set; }
    [Display(Name = "Field.Responsible")] public string? ResponsibleUserId { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Note")] public string? Note { get; set; }
    public int? Version { get; set; }
}
