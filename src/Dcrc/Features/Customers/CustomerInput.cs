using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Identifiers;

namespace Dcrc.Features.Customers;

public sealed class AddressInput
{
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Province")] public string? Province { get; set; }
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.City")] public string? City { get; set; }
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.District")] public string? District { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.AddressDetail")] public string? Detail { get; set; }
}

/// <summary>A customer as the API and the forms send it. Identifiers are checked by Kernel/Identifiers.</summary>
public sealed class CustomerInput
{
    [Display(Name = "Field.CustomerType")] public CustomerType Type { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CustomerName")]
    public string? Name { get; set; }
    [Display(Name = "Field.Mobile")] public string? Mobile { get; set; }
    [Display(Name = "Field.Landline")] public string? Landline { get; set; }
    [Display(Name = "Field.IdNumber")] public string? IdNumber { get; set; }
    [Display(Name = "Field.CreditCode")] public string? CreditCode { get; set; }
    [Display(Name = "Field.Gender")] public Gender? Gender { get; set; }
    [Display(Name = "Field.Birthday")] public DateOnly? Birthday { get; set; }
    public AddressInput? Address { get; set; }
    [Display(Name = "Field.Postcode")] public string? Postcode { get; set; }
    [Display(Name = "Field.Email")] public string? Email { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.WeChat")] public string? WeChat { get; set; }
    [Display(Name = "Field.CustomerClass")] public CustomerClass? Class { get; set; }
    [Display(Name = "Field.CustomerKind")] public CustomerKind? Kind { get; set; }
    [Display(Name = "Field.Owner")] public string? OwnerUserId { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Notes")] public string? Notes { get; set; }
    // Individual (个人信息, 002 表9/表10)
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Ethnicity")] public string? Ethnicity { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.MailingAddress")] public string? MailingAddress { get; set; }
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.PreferredContact")] public string? PreferredContact { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ContactTimeSlot")] public string? ContactTimeSlot { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Industry")] public string? Industry { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Occupation")] public string? Occupation { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Position")] public string? Position { get; set; }
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.IncomeBand")] public string? IncomeBand { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Hobbies")] public string? Hobbies { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Personality")] public string? Personality { get; set; }
    [StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Clubs")] public string? Clubs { get; set; }
    [Display(Name = "Field.Married")] public bool? Married { get; set; }
    [Display(Name = "Field.WeddingAnniversary")] public DateOnly? WeddingAnniversary { get; set; }
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Religion")] public string? Religion { get; set; }
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Education")] public string? Education { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.School")] public string? School { get; set; }
    [StringLength(10, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.LicenceClass")] public string? LicenceClass { get; set; }
    [Display(Name = "Field.LicenceCheckDate")] public DateOnly? LicenceCheckDate { get; set; }
    [Range(0, 80, ErrorMessage = "Validation.Range"), Display(Name = "Field.YearsDriving")] public int? YearsDriving { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.InfoSource")] public string? InfoSource { get; set; }
    [Display(Name = "Field.Referred")] public bool Referred { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ReferredBy")] public string? ReferredBy { get; set; }

    // Company (企业信息, 001 客户档案表)
    [Display(Name = "Field.Fax")] public string? Fax { get; set; }
    [StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Website")] public string? Website { get; set; }
    [Display(Name = "Field.FoundedOn")] public DateOnly? FoundedOn { get; set; }
    [Range(0, 1_000_000_000, ErrorMessage = "Validation.Range"), Display(Name = "Field.RegisteredCapital")] public decimal? RegisteredCapital { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Shareholders")] public string? Shareholders { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Bank")] public string? Bank { get; set; }
    [StringLength(40, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.BankAccount")] public string? BankAccount { get; set; }
    [Range(0, 10_000_000, ErrorMessage = "Validation.Range"), Display(Name = "Field.StaffCount")] public int? StaffCount { get; set; }
    [Display(Name = "Field.Nature")] public CompanyNature? Nature { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.TradeStanding")] public string? TradeStanding { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.MainBusiness")] public string? MainBusiness { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.SideBusiness")] public string? SideBusiness { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.SalesLast3Years")] public string? SalesLast3Years { get; set; }
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CreditRating")] public string? CreditRating { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.OurAdvantages")] public string? OurAdvantages { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.OurWeaknesses")] public string? OurWeaknesses { get; set; }
    /// <summary>Legal representative, main leader, main contact: at most one of each.</summary>
    public List<ContactInput>? Contacts { get; set; }

    // Classification and membership
    /// <summary>Free tags, separated by commas or spaces (at most 10, 20 characters each).</summary>
    [Display(Name = "Field.Tags")] public string? Tags { get; set; }
    [Display(Name = "Field.IsMember")] public bool IsMember { get; set; }
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.MemberLevel")] public string? MemberLevel { get; set; }
    [Display(Name = "Field.IsVip")] public bool IsVip { get; set; }
    /// <summary>On update: the version read; a save over someone else's change is refused.</summary>
    public int? Version { get; set; }

    /// <summary>A copy to resolve masked numbers in, so a refused form never shows the stored ones.</summary>
    public CustomerInput Copy() => (CustomerInput)MemberwiseClone();

    /// <summary>The form's values for an archive: numbers masked (an untouched masked number means "unchanged").</summary>
    public static CustomerInput From(Customer c, string? maskedIdNumber) => new()
    {
        Type = c.Type, Name = c.Name, Mobile = Phone.Mask(c.Mobile), Landline = c.Landline is null ? null : Phone.Mask(c.Landline), CreditCode = c.CreditCode, IdNumber = maskedIdNumber,
        Gender = c.Gender == Kernel.Identifiers.Gender.Unknown ? null : c.Gender, Birthday = c.Birthday,
        Address = new() { Province = c.Province, City = c.City, District = c.District, Detail = c.Address },
        Postcode = c.Postcode, Email = c.Email, WeChat = c.WeChat, Class = c.Class, Kind = c.Kind, Notes = c.Notes, Version = c.Version,
        Ethnicity = c.Ethnicity, MailingAddress = c.MailingAddress, PreferredContact = c.PreferredContact, ContactTimeSlot = c.ContactTimeSlot,
        Industry = c.Industry, Occupation = c.Occupation, Position = c.Position, IncomeBand = c.IncomeBand, Hobbies = c.Hobbies, Personality = c.Personality,
        Clubs = c.Clubs, Married = c.Married, WeddingAnniversary = c.WeddingAnniversary, Religion = c.Religion, Education = c.Education, School = c.School,
        LicenceClass = c.LicenceClass, LicenceCheckDate = c.LicenceCheckDate, YearsDriving = c.YearsDriving, InfoSource = c.InfoSource, Referred = c.Referred,
        ReferredBy = c.ReferredBy, Fax = c.Fax, Website = c.Website, FoundedOn = c.FoundedOn, RegisteredCapital = c.RegisteredCapital, Shareholders = c.Shareholders,
        Bank = c.Bank, BankAccount = c.BankAccount, StaffCount = c.StaffCount, Nature = Enum.TryParse<CompanyNature>(c.Nature, out var n) ? n : null,
        TradeStanding = c.TradeStanding, MainBusiness = c.MainBusiness, SideBusiness = c.SideBusiness, SalesLast3Years = c.SalesLast3Years,
        CreditRating = c.CreditRating, OurAdvantages = c.OurAdvantages, OurWeaknesses = c.OurWeaknesses, Tags = c.Tags?.Replace(",", ", "),
        IsMember = c.IsMember, MemberLevel = c.MemberLevel, IsVip = c.IsVip,
        Contacts = Enum.GetValues<Records.ContactRole>().Select(r => c.Contacts.FirstOrDefault(k => k.Role == r) is { } k
            ? new ContactInput { Role = r, Name = k.Name, Position = k.Position, Education = k.Education, Birthday = k.Birthday, Hobbies = k.Hobbies, Family = k.Family }
            : new ContactInput { Role = r }).ToList(),
    };
}

/// <summary>公司性质 (001 客户档案表).</summary>
public enum CompanyNature { Listed, PrivateLimited, JointVenture, ForeignOwned, StateOwned, Other }

/// <summary>A company's legal representative, main leader or main contact (001 客户档案表).</summary>
public sealed class ContactInput
{
    [Display(Name = "Field.ContactRole")] public Records.ContactRole Role { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ContactName")] public string? Name { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Position")] public string? Position { get; set; }
    [StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Education")] public string? Education { get; set; }
    [Display(Name = "Field.Birthday")] public DateOnly? Birthday { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Hobbies")] public string? Hobbies { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Family")] public string? Family { get; set; }
}
