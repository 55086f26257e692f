using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Dcrc.Kernel.Api;

/// <summary>
/// Validates an API request body with its data annotations, in the caller's language, and answers RFC 7807
/// problem details whose errors are keyed by the camelCase JSON name of the field. Control characters are
/// refused in names and identifiers and stripped from free text (<see cref="TextHygiene"/>).
/// </summary>
public class ApiValidator(IStringLocalizer<SharedResource> l)
{
    public Dictionary<string, string[]> Validate<T>(T model)
    {
        var errors = new Dictionary<string, string[]>();
        if (model is null)
        {
            errors[""] = [l["Validation.Body"]];
            return errors;
        }
        Validate(model, "", errors);
        return errors;
    }

    /// <summary>Checks every annotated property, and nested objects and lists of the app's own input types (<c>address.city</c>, <c>contacts[0].name</c>).</summary>
    private void Validate(object model, string prefix, Dictionary<string, string[]> errors)
    {
        foreach (var prop in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = prop.GetValue(model);
            var name = prefix + FieldName(prop.Name);
            if (value is string text && TextHygiene.HasControl(text))
            {
                if (TextHygiene.RefusesControls(prop.Name))
                {
                    errors[name] = [l["Validation.ControlCharacters", Label(prop)]];
                    continue;
                }
                if (prop.CanWrite) prop.SetValue(model, value = TextHygiene.Strip(text));
            }
            foreach (var attr in prop.GetCustomAttributes<ValidationAttribute>())
            {
                if (attr.IsValid(value)) continue;
                errors[name] = [Message(attr, Label(prop))];
                break;
            }
            // JSON accepts any number for an enum; only the named values mean anything.
            if (value is Enum e && !Enum.IsDefined(e.GetType(), e) && !errors.ContainsKey(name)) errors[name] = [l["Validation.InvalidValue", Label(prop)]];
            if (value is System.Collections.IEnumerable items and not string)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item != null && IsInput(item.GetType())) Validate(item, $"{name}[{i}].", errors);
                    i++;
                }
            }
            else if (value != null && IsInput(value.GetType())) Validate(value, name + ".", errors);
        }
    }

    private static bool IsInput(Type t) => t.IsClass && t.Namespace?.StartsWith("Dcrc.", StringComparison.Ordinal) == true;

    public static string FieldName(string propertyName) => JsonNamingPolicy.CamelCase.ConvertName(propertyName);

    private string Label(PropertyInfo prop) =>
        prop.GetCustomAttribute<DisplayAttribute>()?.Name is { } key ? l[key] : prop.Name;

    /// <summary>Same keys and argument order as the page forms (MVC's data-annotation adapters).</summary>
    public string Message(ValidationAttribute attr, string label) => attr switch
    {
        StringLengthAttribute s => l[attr.ErrorMessage ?? "Validation.StringLength", label, s.MaximumLength, s.MinimumLength],
        MaxLengthAttribute m => l[attr.ErrorMessage ?? "Validation.MaxLength", label, m.Length],
        RangeAttribute r => l[attr.ErrorMessage ?? "Validation.Range", label, r.Minimum, r.Maximum],
        RequiredAttribute => l[attr.ErrorMessage ?? "Validation.Required", label],
        EmailAddressAttribute => l[attr.ErrorMessage ?? "Validation.Email", label],
        _ => l[attr.ErrorMessage ?? "Validation.Invalid", label],
    };

    public ValidationProblem Problem(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: l["Problem.Validation"]);

    public ValidationProblem Problem(string field, string message) => Problem(new() { [field] = [message] });
}
