using Dcrc.Data;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary>The lead card's reads: its attempts, its timeline in words, its clocks as they stand now.</summary>
public sealed class LeadCards(DcrcDb db, SettingsStore settings, StoreCalendars calendars, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task<LeadsApi.DetailDto> DetailAsync(Lead lead)
    {
        var attempts = await db.LeadAttempts.AsNoTracking().Where(a => a.LeadId == lead.Id).OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new LeadsApi.AttemptDto(a.Id, a.At, a.Slot, a.Result, a.Remark, a.ConsultantName, a.NextFollowUpOn)).ToListAsync();
        var events = (await db.LeadEvents.AsNoTracking().Where(e => e.LeadId == lead.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync())
            .Select(e => new LeadsApi.EventDto(e.At, e.Kind, e.ByName, e.Note, Text(e))).ToList();
        return new(LeadsApi.ToDto(lead), attempts, events, await ClocksAsync(lead));
    }

    public async Task<List<LeadsApi.ClockDto>> ClocksAsync(Lead lead) =>
        (await LeadLimits.EvaluateAsync(db, settings, calendars, [(lead.Id, lead.StoreId, lead.NextFollowUpOn)], clock.GetUtcNow().UtcDateTime))[lead.Id]
            .OrderBy(c => c.Limit).Select(c => new LeadsApi.ClockDto(c.Limit, c.State.Status, c.State.DueAt, c.State.WarnAt, c.State.Breached, c.State.BreachedAt, c.State.Level)).ToList();

    /// <summary>A timeline line in words: a clock's warning, breach or escalation is recorded as "Limit|level".</summary>
    public string Text(LeadEvent e)
    {
        var kind = l[$"LeadEventKind.{e.Kind}"].Value;
        if (e.Kind is LeadEventKind.LimitWarned or LeadEventKind.LimitBreached or LeadEventKind.LimitEscalated
            && e.Note?.Split('|') is [var name, var level] && Enum.TryParse<LeadLimit>(name, out var limit))
            return $"{kind}: {l[$"LeadLimit.{limit}"]}" + (level != "0" ? " · " + l["Leads.EscalationLevel", level] : "");
        return e.Note is { Length: > 0 } note ? $"{kind}: {note}" : kind;
    }
}
