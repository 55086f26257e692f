using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Security;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers;

/// <summary>The customer archive's input rules: every identifier checked and normalised into the archive, nothing saved here.</summary>
public partial class CustomerArchive
{
    /// <summary>Checks every identifier and normalises it into <paramref name="c"/>; nothing is saved here.</summary>
    public Dictionary<string, string[]> Apply(CustomerInput input, Customer c, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(string field, string labelKey, string? value, Func<string, Checked> check, Action<string?> set)
        {
            if (string.IsNullOrWhiteSpace(value)) { set(null); return; }
            var r = check(value);
            if (r.Ok) set(r.Value);
            else errors[field] = [l[r.ErrorKey!, l[labelKey]]];
        }

        c.Type = input.Type;
        c.SetName(input.Name!.Trim(), person: input.Type == CustomerType.Individual);
        Check("mobile", "Field.Mobile", input.Mobile, Phone.CheckMobile, c.SetMobile);
        Check("landline", "Field.Landline", input.Landline, Phone.CheckLandline, v => c.Landline = v);
        Check("postcode", "Field.Postcode", input.Postcode, Postcode.Check, v => c.Postcode = v);
        Check("email", "Field.Email", input.Email, Email.Check, v => c.Email = v);
        Check("creditCode", "Field.CreditCode", input.CreditCode, CreditCode.Check, v => c.CreditCode = v);
        c.Gender = input.Gender ?? Gender.Unknown;
        c.Birthday = input.Birthday;
        if (!string.IsNullOrWhiteSpace(input.IdNumber))
        {
            var r = IdNumber.Parse(input.IdNumber, today, out var info);
            if (!r.Ok) errors["idNumber"] = [l[r.ErrorKey!, l["Field.IdNumber"]]];
            else
            {
                // What was typed must agree with what the number says.
                if (input.Birthday is { } b && b != info!.BirthDate) errors["birthday"] = [l["Validation.IdNumberBirthday", l["Field.Birthday"]]];
                if (input.Gender is { } g && g != Gender.Unknown && g != info!.Gender) errors["gender"] = [l["Validation.IdNumberGender", l["Field.Gender"]]];
                c.Birthday = info!.BirthDate;
                c.Gender = info.Gender;
                c.IdNumberEncrypted = personal.Protect(info.Number);
                c.IdNumberHash = personal.LookupHash(info.Number);
            }
        }
        else { c.IdNumberEncrypted = null; c.IdNumberHash = null; }
        if (c.Type == CustomerType.Individual && c.Mobile is null && c.Landline is null && !errors.ContainsKey("mobile") && !errors.ContainsKey("landline"))
            errors["mobile"] = [l["Validation.Required", l["Field.Mobile"]]];
        if (input.Birthday is { } bd && (bd > today || bd.Year < 1900)) errors["birthday"] = [l["Validation.InvalidValue", l["Field.Birthday"]]];
        c.Province = input.Address?.Province?.Trim();
        c.City = input.Address?.City?.Trim();
        c.District = input.Address?.District?.Trim();
        c.Address = input.Address?.Detail?.Trim();
        c.WeChat = input.WeChat?.Trim();
        c.Class = input.Class ?? CustomerClass.C;
        c.Kind = input.Kind ?? (input.Type == CustomerType.Company ? CustomerKind.Company : CustomerKind.Individual);
        c.Notes = input.Notes?.Trim();
        ApplyDetails(input, c, today, errors, Check);
        return errors;
    }

    private delegate void Checker(string field, string labelKey, string? value, Func<string, Checked> check, Action<string?> set);

    /// <summary>The remaining fields of SPEC §1.1: personal (表9/表10), company (001 客户档案表) with its contacts, tags and membership.</summary>
    private void ApplyDetails(CustomerInput input, Customer c, DateOnly today, Dictionary<string, string[]> errors, Checker check)
    {
        static string? T(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        void Past(string field, string label, DateOnly? d)
        {
            if (d is { } v && (v > today || v.Year < 1900)) errors[field] = [l["Validation.InvalidValue", l[label]]];
        }
        c.Ethnicity = T(input.Ethnicity); c.MailingAddress = T(input.MailingAddress); c.PreferredContact = T(input.PreferredContact);
        c.ContactTimeSlot = T(input.ContactTimeSlot); c.Industry = T(input.Industry); c.Occupation = T(input.Occupation); c.Position = T(input.Position);
        c.IncomeBand = T(input.IncomeBand); c.Hobbies = T(input.Hobbies); c.Personality = T(input.Personality); c.Clubs = T(input.Clubs);
        c.Married = input.Married; c.WeddingAnniversary = input.WeddingAnniversary; c.Religion = T(input.Religion); c.Education = T(input.Education);
        c.School = T(input.School); c.LicenceClass = T(input.LicenceClass); c.LicenceCheckDate = input.LicenceCheckDate; c.YearsDriving = input.YearsDriving;
        c.InfoSource = T(input.InfoSource); c.Referred = input.Referred; c.ReferredBy = T(input.ReferredBy);
        Past("weddingAnniversary", "Field.WeddingAnniversary", input.WeddingAnniversary);
        check("fax", "Field.Fax", input.Fax, Phone.CheckLandline, v => c.Fax = v);
        c.Website = T(input.Website); c.FoundedOn = input.FoundedOn; c.RegisteredCapital = input.RegisteredCapital; c.Shareholders = T(input.Shareholders);
        c.Bank = T(input.Bank); c.BankAccount = T(input.BankAccount); c.StaffCount = input.StaffCount; c.Nature = input.Nature?.ToString();
        c.TradeStanding = T(input.TradeStanding); c.MainBusiness = T(input.MainBusiness); c.SideBusiness = T(input.SideBusiness);
        c.SalesLast3Years = T(input.SalesLast3Years); c.CreditRating = T(input.CreditRating); c.OurAdvantages = T(input.OurAdvantages); c.OurWeaknesses = T(input.OurWeaknesses);
        Past("foundedOn", "Field.FoundedOn", input.FoundedOn);
        var (tags, tagError) = Tags.Normalise(input.Tags);
        if (tagError != null) errors["tags"] = [l[tagError, l["Field.Tags"], Tags.MaxTags, Tags.MaxLength]];
        c.Tags = tags;
        c.IsMember = input.IsMember; c.MemberLevel = input.IsMember ? T(input.MemberLevel) : null; c.IsVip = input.IsVip;

        var contacts = (input.Contacts ?? []).Where(k => !string.IsNullOrWhiteSpace(k.Name)).ToList();
        if (contacts.GroupBy(k => k.Role).Any(g => g.Count() > 1)) errors["contacts"] = [l["Validation.InvalidValue", l["Customers.Contacts"]]];
        for (var i = 0; i < (input.Contacts?.Count ?? 0); i++) Past($"contacts[{i}].birthday", "Field.Birthday", input.Contacts![i].Birthday);
        foreach (var role in Enum.GetValues<Records.ContactRole>())
        {
            var given = contacts.FirstOrDefault(k => k.Role == role);
            var existing = c.Contacts.FirstOrDefault(k => k.Role == role);
            if (given is null)
            {
                if (existing == null) continue;
                // Deleted first: a contact merely taken out of the collection would be an orphan EF refuses.
                if (existing.Id != 0) db.CompanyContacts.Remove(existing);
                c.Contacts.Remove(existing);
                continue;
            }
            if (existing is null) c.Contacts.Add(existing = new Records.CompanyContact { Role = role });
            existing.Name = given.Name!.Trim(); existing.Position = T(given.Position); existing.Education = T(given.Education);
            existing.Birthday = given.Birthday; existing.Hobbies = T(given.Hobbies); existing.Family = T(given.Family);
        }
    }
}
