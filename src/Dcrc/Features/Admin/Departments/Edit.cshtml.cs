using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Writes;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Admin.Departments;

[RequirePermission("departments.manage")]
public class EditModel(DcrcDb db, Kernel.Writes.UnitOfWork uow, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(32, ErrorMessage = "Validation.StringLength")]
        [RegularExpression("^[A-Za-z0-9_]+$", ErrorMessage = "Validation.CodeChars"), Display(Name = "Field.Code")]
        public string? Code { get; set; }
        [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Name")]
        public string? Name { get; set; }
        [Display(Name = "Field.IsActive")]
        public bool IsActive { get; set; } = true;
        public int Version { get; set; }
    }

    [FromRoute] public int? Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is null) return Page();
        var d = await db.Departments.FindAsync(Id);
        if (d is null) return NotFound();
        Input = new() { Code = d.Code, Name = d.Name, IsActive = d.IsActive, Version = d.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var code = Input.Code?.Trim().ToUpperInvariant();
        if (ModelState.IsValid && await db.Departments.AnyAsync(d => d.Code == code && d.Id != Id))
            ModelState.AddModelError("Input.Code", l["Validation.Duplicate", l["Field.Code"]]);
        if (!ModelState.IsValid) return Page();
        var dept = Id is null ? new Department() : await db.Departments.FindAsync(Id);
        if (dept is null) return NotFound();
        if (Id != null) db.Entry(dept).Property(d => d.Version).OriginalValue = Input.Version;
        dept.Code = code!; dept.Name = Input.Name!.Trim(); dept.IsActive = Input.IsActive;
        if (Id is null) db.Departments.Add(dept);
        uow.AuditOnSave(() => new(AuditActions.DepartmentSaved, $"{dept.Code} {dept.Name} active={dept.IsActive}", "Department", dept.Id.ToString()));
        var saved = await uow.SaveAsync(dept);
        if (!saved.Saved)
        {
            saved.AddTo(ModelState, "Input");
            return Page();
        }
        TempData["Flash"] = l["Common.Saved"].Value;
        return Redirect("/Admin/Departments");
    }
}
