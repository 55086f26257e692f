using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Writes;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Admin.Stores;

[RequirePermission("stores.manage")]
public class EditModel(DcrcDb db, Kernel.Writes.UnitOfWork uow, Microsoft.Extensions.Caching.Memory.IMemoryCache cache, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(16, ErrorMessage = "Validation.StringLength")]
        [RegularExpression("^[A-Za-z0-9]+$", ErrorMessage = "Validation.CodeChars"), Display(Name = "Field.Code")]
        public string? Code { get; set; }
        [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Name")]
        public string? Name { get; set; }
        [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Province")]
        public string? Province { get; set; }
        [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.City")]
        public string? City { get; set; }
        [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Address")]
        public string? Address { get; set; }
        [StringLength(30, ErrorMessage = "Validation.StringLength"), RegularExpression(@"^[0-9+\- ]*$", ErrorMessage = "Validation.Phone"), Display(Name = "Field.Phone")]
        public string? Phone { get; set; }
        [Required(ErrorMessage = "Validation.Required"), StringLength(64, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.TimeZone")]
        public string TimeZone { get; set; } = StoreTime.DefaultZoneId;
        [Display(Name = "Field.IsActive")]
        public bool IsActive { get; set; } = true;
        public int Version { get; set; }
    }

    [FromRoute] public int? Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is null) return Page();
        var s = await db.Stores.FindAsync(Id);
        if (s is null) return NotFound();
        Input = new() { Code = s.Code, Name = s.Name, Province = s.Province, City = s.City, Address = s.Address, Phone = s.Phone, TimeZone = s.TimeZone, IsActive = s.IsActive, Version = s.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid && !StoreTime.IsValidZone(Input.TimeZone.Trim()))
            ModelState.AddModelError("Input.TimeZone", l["Validation.TimeZone"]);
        var code = Input.Code?.Trim().ToUpperInvariant();
        if (ModelState.IsValid && await db.Stores.AnyAsync(s => s.Code == code && s.Id != Id))
            ModelState.AddModelError("Input.Code", l["Validation.Duplicate", l["Field.Code"]]);
        if (!ModelState.IsValid) return Page();

        var store = Id is null ? new Store() : await db.Stores.FindAsync(Id);
        if (store is null) return NotFound();
        if (Id != null) db.Entry(store).Property(s => s.Version).OriginalValue = Input.Version;
        store.Code = code!; store.Name = Input.Name!.Trim(); store.Province = Input.Province?.Trim(); store.City = Input.City?.Trim();
        store.Address = Input.Address?.Trim(); store.Phone = Input.Phone?.Trim(); store.TimeZone = Input.TimeZone.Trim(); store.IsActive = Input.IsActive;
        if (Id is null) db.Stores.Add(store);
        uow.AuditOnSave(() => new(AuditActions.StoreSaved, $"{store.Code} {store.Name} active={store.IsActive}", "Store", store.Id.ToString(), store.Id));
        var saved = await uow.SaveAsync(store);
        if (saved.Saved) Kernel.Time.StoreClock.ZonesChanged(cache);
        if (!saved.Saved)
        {
            saved.AddTo(ModelState, "Input");
            return Page();
        }
        TempData["Flash"] = l["Common.Saved"].Value;
        return Redirect("/Admin/Stores");
    }
}
