using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.Extensions.Localization;

namespace Dcrc.Kernel.Api;

/// <summary>
/// Control characters in input: NUL and the other C0/C1 controls, and the bidirectional controls that make
/// a text read otherwise than it is stored. Names and identifiers refuse them (with a message naming the
/// field); free text loses them (line breaks and tabs stay). A field is a name or identifier by its name
/// (…Name, …Mobile, …Phone, IdNumber, Vin, Plate, Code, Number…), free text otherwise. Applied to every API body (<see cref="ApiValidator"/>)
/// and every page form field (<see cref="HygieneStringBinderProvider"/>).
/// </summary>
public static class TextHygiene
{
    private static bool IsBidi(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static bool IsControl(char c, bool keepLineBreaks) =>
        (c < ' ' && !(keepLineBreaks && c is '\t' or '\n' or '\r')) || c is >= '\u007F' and <= '\u009F' || IsBidi(c);

    public static bool HasControl(string s, bool keepLineBreaks = false) => s.Any(c => IsControl(c, keepLineBreaks));

    public static string Strip(string s) => HasControl(s, true) ? new string(s.Where(c => !IsControl(c, true)).ToArray()) : s;

    private static readonly string[] IdentifierNames =
        ["Mobile", "Landline", "Phone", "IdNumber", "CreditCode", "Vin", "Plate", "PlateNumber", "Email", "Postcode", "ArchiveNumber", "Code", "Number"];

    /// <summary>A field that refuses control characters (rather than losing them).</summary>
    public static bool RefusesControls(string? propertyName) => propertyName is not null
        && (propertyName.EndsWith("Name", StringComparison.Ordinal) || propertyName.EndsWith("Mobile", StringComparison.Ordinal)
            || propertyName.EndsWith("Phone", StringComparison.Ordinal) || IdentifierNames.Contains(propertyName));
}

/// <summary>Page forms: every bound string goes through <see cref="TextHygiene"/>.</summary>
public sealed class HygieneStringBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(string)
            ? new HygieneStringBinder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
            : null;

    private sealed class HygieneStringBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            if (!context.Result.IsModelSet || context.Result.Model is not string s || !TextHygiene.HasControl(s)) return;
            if (TextHygiene.RefusesControls(context.ModelMetadata.PropertyName ?? context.ModelMetadata.ParameterName))
            {
                var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                context.ModelState.TryAddModelError(context.ModelName, l["Validation.ControlCharacters", context.ModelMetadata.GetDisplayName()]);
                context.Result = ModelBindingResult.Failed();
                return;
            }
            context.Result = ModelBindingResult.Success(TextHygiene.Strip(s));
        }
    }
}
