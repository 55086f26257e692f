using Dcrc.Kernel.Cases;
using Dcrc.Kernel.Writes;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel;
using Dcrc.Kernel.Localization;
using Dcrc.Features.Callbacks.Questionnaires;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Records;
using Dcrc.Features.Knowledge;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks;

/// <summary>
/// The callback screen (SPEC §5): who is called and about what, the script (greeting, opening, closing, and what
/// never to say), the questionnaire or the owner confirmation, and one button per outcome.
/// </summary>
[RequirePermission("callbacks.work")]
public class TaskModel(CallbackDesk desk, DcrcDb db, QuestionnaireBook questionnaires, KnowledgeBase knowledge, AuditLog audit, CurrentUser me,
    MaskedCustomers cards, ISourceCalls calls, ISourceVisits visits, CustomerArchive archive, Kernel.Settings.SettingsStore settings, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The store lets this user see the number in full to dial by hand (open task they record; <see cref="CallbackSettings.HandDialShowsNumber"/>).</summary>
    public bool HandDial { get; private set; }
    public CallbackTask Task { get; private set; } = null!;
    /// <summary>Null for a call-back to a caller who has no archive (<see cref="Call"/> has the number).</summary>
    public MaskedCustomer? Customer { get; private set; }
    /// <summary>The call-log entry of a promised call-back or a missed call.</summary>
    public SourceCall? Call { get; private set; }
    /// <summary>The showroom visit a visit callback was opened for.</summary>
    public SourceVisit? Visit { get; private set; }
    public ScriptView Script { get; private set; } = null!;
    public VehicleLine? Vehicle { get; private set; }
    public CustomerTransaction? Event { get; private set; }
    public Questionnaire? Questionnaire { get; private set; }
    public List<CallbackAttempt> Attempts { get; private set; } = [];
    public Dictionary<int, CallbackAnswer> Answers { get; private set; } = [];
    public string StoreName { get; private set; } = "";
    /// <summary>The script's and the questionnaire's placeholders for this task.</summary>
    public ScriptTokens Tokens { get; private set; } = new("", "", "", "");
    public TimeZoneInfo Zone { get; private set; } = StoreTime.GroupZone;
    public string? HolderName { get; private set; }
    public bool MayRecord { get; private set; }
    public bool Open => Task.Status is CallbackStatus.Open or CallbackStatus.SmsSent;

    [BindProperty] public OutcomeInput Input { get; set; } = new();
    /// <summary>The reschedule time as the specialist types it, in the store's time.</summary>
    [BindProperty] public DateTime? RescheduleLocal { get; set; }

    public string MaskedMobile => Customer?.Mobile ?? Call?.MaskedNumber ?? Visit?.MaskedMobile ?? "";
    /// <summary>The specialist's name as the greeting gives it.</summary>
    public string Me => me.DisplayName;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new OutcomeInput
        {
            Version = Task.Version,
            Confirmation = new OwnerConfirmationInput { Name = Customer?.Name, Mobile = MaskedMobile, MailingAddress = Customer?.MailingAddress, Postcode = Customer?.Postcode },
        };
        await audit.WriteReadAsync(CallbackAuditActions.Read, $"#{Task.Id} {Customer?.ArchiveNumber ?? Call?.MaskedNumber}", "CallbackTask", Task.Id.ToString(CultureInfo.InvariantCulture), Task.StoreId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (RescheduleLocal is { } local)
        {
            var zone = await ZoneAsync(id);
            Input.RescheduleTo = new DateTimeOffset(StoreTime.ToUtc(local, zone), TimeSpan.Zero);
        }
        // The page's own checks of the answers are the desk's: the model state only carries binding errors.
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.Answers", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        if (ModelState.IsValid)
        {
            var r = await desk.RecordAsync(id, Input);
            if (r.OutOfReach() is { } away) return away;
            if (r.Saved)
            {
                // Save and next: the next task to call opens at once; the queue when the day's work is done.
                var (outcome, status) = (l["CallbackOutcome." + Input.Outcome].Value, l["CallbackStatus." + r.Value!.Status].Value);
                var next = await desk.NextAsync(after: id);
                TempData["Flash"] = next is null ? l["Callbacks.Recorded", outcome, status] + " " + l["Callbacks.AllDone"] : l["Callbacks.RecordedNext", outcome, status].Value;
                return LocalRedirect(next is { } n ? $"/Callbacks/{n}" : "/Callbacks");
            }
            r.AddTo(ModelState, "Input");
        }
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    /// <summary>The number in full, to dial by hand, where the store allows it (htmx; audited in the archive's log).</summary>
    public async Task<IActionResult> OnPostNumberAsync(long id)
    {
        if (!await LoadAsync(id) || !HandDial) return NotFound();
        var number = await archive.NumberForCallAsync(Task.StoreId, Task.CustomerId, l["Dial.ShownToDial", $"#{id}"]);
        return number is null ? NotFound() : Content(number, "text/plain; charset=utf-8");
    }

    private async Task<TimeZoneInfo> ZoneAsync(long id) =>
        StoreTime.Zone(await db.Stores.Where(s => db.CallbackTasks.Any(t => t.Id == id && t.StoreId == s.Id)).Select(s => s.TimeZone).FirstOrDefaultAsync());

    private async Task<bool> LoadAsync(long id)
    {
        var task = await desk.FindAsync(id);
        if (task is null) return false;
        Task = task;
        // The task is the user's: its customer is shown as a work record's is (class-A rule, numbers masked).
        Customer = await cards.ForWorkAsync(task.StoreId, task.CustomerId);
        Call = task.Kind is CallbackKind.PromisedCallback or CallbackKind.MissedCall ? await calls.FindAsync(task.SourceId) : null;
        Visit = task.Kind == CallbackKind.ShowroomVisit ? await visits.FindAsync(task.SourceId) : null;
        Vehicle = task.VehicleId is { } vid ? await cards.VehicleForWorkAsync(task.StoreId, vid) : null;
        Event = task.TransactionId is { } tid ? await cards.TransactionForWorkAsync(task.StoreId, tid) : null;
        Attempts = await db.CallbackAttempts.AsNoTracking().Where(a => a.TaskId == id).OrderBy(a => a.At).ToListAsync();
        Answers = await db.CallbackAnswers.AsNoTracking().Where(a => a.TaskId == id).ToDictionaryAsync(a => a.QuestionId);
        if (CallbackSchedule.QuestionnaireOf(task.Kind) is { } surveyKind)
            Questionnaire = task.QuestionnaireId is { } q ? await questionnaires.VersionAsync(q) : await questionnaires.CurrentAsync(surveyKind);
        var store = await db.Stores.AsNoTracking().Where(s => s.Id == task.StoreId).Select(s => new { s.Name, s.TimeZone }).SingleAsync();
        StoreName = store.Name;
        Zone = StoreTime.Zone(store.TimeZone);
        HolderName = task.AssignedTo is null ? null : await db.Users.Where(u => u.Id == task.AssignedTo).Select(u => u.DisplayName).FirstOrDefaultAsync();
        MayRecord = task.AssignedTo is null || task.AssignedTo == me.Id || await desk.MayAssignAsync();
        HandDial = Open && MayRecord && Customer is { HasMobile: true } && await settings.GetAsync(CallbackSettings.HandDialShowsNumber, task.StoreId) == 1;
        // The script of the task's kind from the knowledge base; a survey keeps its questionnaire's opening and closing.
        Tokens = new ScriptTokens(StoreName, Me, Addressed, Vehicle?.Model ?? Cultures.InChinese(l, "Scripts.AnyModel"));
        Script = await knowledge.ViewAsync(ScriptTopics.For(task.Kind), Tokens,
            Questionnaire is { } survey ? new SurveyWords(survey.Opening, survey.Closing) : null);
        return true;
    }

    /// <summary>The customer as the script addresses them (令狐先生, 欧阳女士, a company by name); a caller without an archive by the name they gave.</summary>
    public string Addressed => Customer is { Addressed: var (key, arg) } ? Cultures.InChinese(l, key, arg)
        : (Call?.CallerName ?? Visit?.VisitorName) is { Length: > 0 } caller ? Cultures.InChinese(l, Salutation.Key(Salutation.Kind.Name), caller)
        : Cultures.InChinese(l, Salutation.Key(Salutation.Kind.Neutral));
}
