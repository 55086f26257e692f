using Dcrc.Data;
using Dcrc.Kernel.Identifiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers;

/// <summary>A change of how a customer is reached; null leaves a field as it is. A masked mobile (with *) means "unchanged".</summary>
public sealed record ContactChange(string? Name = null, string? Mobile = null, string? MailingAddress = null, string? Postcode = null);

/// <summary>What a contact change came to: the errors (none when applied) and the fields it changed.</summary>
public sealed record ContactChanged(IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<string> Fields, string ArchiveNumber, string? OldMobile)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// "Change contact details": the one path by which another feature changes a customer's name, mobile, mailing address
/// or postcode (the owner confirming them in a callback, a wrong number corrected). Checks first — formats, and a mobile
/// another archive of the store already has — then applies the change with its field history to the archive; the
/// caller's unit of work saves it with the caller's own change, so a refusal of either stores neither.
/// </summary>
public sealed class ContactDetails(DcrcDb db, CustomerArchive archive, ArchiveHistory history, IStringLocalizer<SharedResource> l)
{
    /// <summary>For an archive the user may see (the archive's row rule); null when out of reach.</summary>
    public async Task<ContactChanged?> ChangeVisibleAsync(long customerId, ContactChange change, string prefix = "")
    {
        var customer = await db.Customers.VisibleTo(await archive.ViewerAsync()).FirstOrDefaultAsync(c => c.Id == customerId);
        return customer is null ? null : await ApplyAsync(customer, change, prefix);
    }

    /// <summary>For the customer of a record the user works on in <paramref name="storeId"/> (a callback task); see <see cref="MaskedCustomers.ForWorkAsync(int, long)"/>.</summary>
    public async Task<ContactChanged?> ChangeForWorkAsync(int storeId, long customerId, ContactChange change, string prefix = "")
    {
        var customer = await db.Customers.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == customerId && c.StoreId == storeId);
        return customer is null ? null : await ApplyAsync(customer, change, prefix);
    }

    /// <summary>
    /// The name and mobile the system reaches a customer by, for a record it fills in itself (an SMS survey's recipient, the
    /// contact of a case opened from a callback): not for showing — pages show <see cref="MaskedCustomer"/>.
    /// </summary>
    public async Task<(string Mobile, string Name)> ReachAsync(long customerId)
    {
        var c = await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == customerId).Select(x => new { x.Mobile, x.Name }).SingleAsync();
        return (c.Mobile ?? "", c.Name);
    }

    private async Task<ContactChanged> ApplyAsync(Customer c, ContactChange change, string prefix)
    {
        var errors = new Dictionary<string, string[]>();
        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var name = Blank(change.Name);
        if (change.Name is { Length: > 0 } && name is null) errors[prefix + "name"] = [l["Validation.Required", l["Field.Name"]]];
        else if (name is { Length: > 100 }) errors[prefix + "name"] = [l["Validation.StringLength", l["Field.Name"], 100, 1]];
        string? mobile = null;
        if (Blank(change.Mobile) is { } typed && !typed.Contains('*'))
        {
            var m = Phone.CheckMobile(typed);
            if (!m.Ok) errors[prefix + "mobile"] = [l[m.ErrorKey!, l["Field.Mobile"]]];
            else if (m.Value != c.Mobile && await db.Customers.IgnoreQueryFilters()
                         .AnyAsync(x => x.StoreId == c.StoreId && x.Id != c.Id && x.MergedIntoId == null && x.Mobile == m.Value))
                errors[prefix + "mobile"] = [l["Validation.Duplicate", l["Field.Mobile"]]];
            mobile = m.Value;
        }
        var address = Blank(change.MailingAddress);
        if (address is { Length: > 200 }) errors[prefix + "mailingAddress"] = [l["Validation.StringLength", l["Field.MailingAddress"], 200, 0]];
        string? postcode = null;
        if (Blank(change.Postcode) is { } p)
        {
            var checkedCode = Postcode.Check(p);
            if (!checkedCode.Ok) errors[prefix + "postcode"] = [l["Validation.InvalidValue", l["Field.Postcode"]]];
            postcode = checkedCode.Value;
        }
        var old = c.Mobile;
        if (errors.Count > 0) return new(errors, [], c.ArchiveNumber, old);

        var fields = new List<string>();
        void Change(string field, string? from, string? to, Action set)
        {
            if (to is null || to == from) return;
            history.Record(c.Id, field, field == "mobile" ? Phone.Mask(from) : from, field == "mobile" ? Phone.Mask(to) : to);
            set();
            fields.Add(field);
        }
        Change("name", c.Name, name, () => c.SetName(name!, c.Type == CustomerType.Individual));
        Change("mobile", c.Mobile, mobile, () => c.SetMobile(mobile));
        Change("mailingAddress", c.MailingAddress, address, () => c.MailingAddress = address);
        Change("postcode", c.Postcode, postcode, () => c.Postcode = postcode);
        return new(Kernel.Writes.Written.NoErrors, fields, c.ArchiveNumber, old);
    }
}
