using Dcrc.Kernel.Cases;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Records;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Calls;

/// <summary>An open case of a caller shown on the card: a grievance (表5), and once it exists, a complaint case.</summary>
/// <param name="KindKey">Resource key of the case's kind (e.g. <c>Calls.Case.Complaint</c>).</param>
public sealed record CallerCase(long CustomerId, string KindKey, string Number, string Summary, DateTime? DueAt, string Url);

/// <summary>
/// Extension point of the caller's card: each source lists the open cases of the callers. The card shows every
/// registered source's cases; the complaint case feature registers its own (open complaints) beside the grievances.
/// </summary>
public interface ICallerCaseSource
{
    Task<IReadOnlyList<CallerCase>> OpenCasesAsync(IReadOnlyCollection<long> customerIds);
}

/// <summary>
/// The caller's card (来电弹屏) for a number: the customers it belongs to (masked, through the archive's audited screen
/// pop), their vehicles, open callback tasks, open cases and last interactions — or "new caller" when unknown.
/// </summary>
public class CallerCards(DcrcDb db, CustomerArchive archive, IEnumerable<ICallerCaseSource> caseSources)
{
    public sealed record OpenTask(long Id, long CustomerId, CallbackKind Kind, CallbackStatus Status, DateOnly DueOn, DateOnly DueBy, DateTime? RescheduledTo);
    public sealed record LastInteraction(long CustomerId, DateTime At, InteractionChannel Channel, string Summary, string? ByName);

    public sealed record Card(string Number, string MaskedNumber, IReadOnlyList<LookupApi.PopCustomer> Customers, IReadOnlyList<OpenTask> Tasks,
        IReadOnlyList<CallerCase> Cases, IReadOnlyList<LastInteraction> Interactions, long? CallId)
    {
        public bool Known => Customers.Count > 0;
    }

    /// <summary>Enough digits to be a whole number worth looking up (a landline without its area code has 7).</summary>
    public static bool IsComplete(string? number) => Kernel.Identifiers.Phone.Digits(number).Length >= 7;

    public async Task<Card> ForNumberAsync(string number, long? callId = null)
    {
        var pop = await archive.ScreenPopAsync(number);
        var ids = pop.Customers.Select(c => c.Id).ToList();
        if (ids.Count == 0) return new(number, pop.Number, [], [], [], [], callId);
        var tasks = await db.CallbackTasks.AsNoTracking()
            .Where(t => ids.Contains(t.CustomerId) && (t.Status == CallbackStatus.Open || t.Status == CallbackStatus.SmsSent))
            .OrderBy(t => t.DueOn).ThenBy(t => t.Id).Take(20)
            .Select(t => new OpenTask(t.Id, t.CustomerId, t.Kind, t.Status, t.DueOn, t.DueBy, t.RescheduledTo)).ToListAsync();
        var cases = new List<CallerCase>();
        foreach (var source in caseSources) cases.AddRange(await source.OpenCasesAsync(ids));
        var interactions = await db.Interactions.AsNoTracking().Where(i => ids.Contains(i.CustomerId))
            .OrderByDescending(i => i.At).ThenByDescending(i => i.Id).Take(5)
            .Select(i => new LastInteraction(i.CustomerId, i.At, i.Channel, i.Summary, i.ByName)).ToListAsync();
        return new(number, pop.Number, pop.Customers, tasks, cases, interactions, callId);
    }
}
