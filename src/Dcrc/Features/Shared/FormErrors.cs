using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Dcrc.Features.Shared;

/// <summary>
/// Puts a service's errors, keyed by camelCase path as the API reports them (idNumber, address.city), on the
/// form fields of a page (Input.IdNumber, Input.Address.City). Keys with no field of their own go to the summary.
/// </summary>
public static class FormErrors
{
    public static void Add(ModelStateDictionary state, string prefix, Dictionary<string, string[]> errors, params string[] summaryKeys)
    {
        foreach (var (key, messages) in errors)
        {
            var field = key.Length == 0 || summaryKeys.Contains(key) ? ""
                : prefix + "." + string.Join('.', key.Split('.').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
            foreach (var m in messages) state.AddModelError(field, m);
        }
    }
}
