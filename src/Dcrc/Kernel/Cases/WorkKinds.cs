namespace Dcrc.Kernel.Cases;

/// <summary>Why a customer is called (SPEC §5): the event and the rule that made the task.</summary>
public enum CallbackKind
{
    /// <summary>Day 1 after delivery: the consultant's thank-you.</summary>
    DeliveryThanks = 0,
    /// <summary>Day 3: new-owner information confirmation and care (SPEC §4).</summary>
    OwnerConfirmation = 1,
    /// <summary>Days 7–10: the sales satisfaction survey (002 表1).</summary>
    SalesSurvey = 2,
    /// <summary>Week 3: care and the first-maintenance reminder.</summary>
    FirstMaintenanceCare = 3,
    /// <summary>Days 3–7 after a repair order closed: the service satisfaction survey (002 表2).</summary>
    ServiceSurvey = 4,
    /// <summary>Not seen for N months (流失客户回访).</summary>
    LostCustomer = 5,
    /// <summary>A call-back promised on an incoming call (SourceId: the call-log entry); the caller may have no archive (CustomerId 0).</summary>
    PromisedCallback = 6,
    /// <summary>An incoming call nobody answered (SourceId: the call-log entry); the caller may have no archive (CustomerId 0).</summary>
    MissedCall = 7,
    /// <summary>Within a week of a complaint's closing: was the customer satisfied with how it was handled?</summary>
    ComplaintSatisfaction = 8,
    /// <summary>Within 48 hours of a showroom visit (来店登记; SourceId: the visit): the DCRC's thank-you and intent call; the visitor may have no archive (CustomerId 0).</summary>
    ShowroomVisit = 9,
}

public static class CallbackKinds
{
    /// <summary>The satisfaction surveys (002 表1/表2): they expire, and a fourth failed call sends the SMS survey.</summary>
    public static bool IsSurvey(this CallbackKind kind) => kind is CallbackKind.SalesSurvey or CallbackKind.ServiceSurvey;
}

/// <summary>Why the customer called (顾客来电记录表, seed 000 附件4; SPEC §7).</summary>
public enum CallPurpose { Inquiry = 0, Appointment = 1, Complaint = 2, Suggestion = 3, Rescue = 4, Other = 5 }
