namespace Dcrc.Features.Leads;

// Prospect follow-up settings (seed 000 潜在客户的管理, 004 §2.2) are not in the catalogue: nothing reads them until the
// prospects issue builds leads, which brings them back as a [SettingsGroup] here with these seed values:
//   leads.oemFeedbackHours            24 h   feedback on an OEM lead (range 1–240)
//   leads.dailyIntentFollowUps        3      intent customers each consultant follows up per day (0–100)
//   leads.unreachableAfterFailures    3      failed calls in different time slots before "unreachable" (1–20)
//   leads.deliveryFirstReminderHours  72 h   first reminder before delivery (1–720)
//   leads.deliverySecondReminderHours 24 h   second reminder before delivery (1–720)
