using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Excel;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Security;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers;

[AuditActionSet]
public static class ImportAuditActions
{
    public const string Imported = "customers.import";
}

/// <summary>
/// Bulk import of customers with their vehicles from .xlsx or .csv (a DMS or OEM export): one row per
/// customer, columns in Chinese (English headers accepted too). Every row is checked with the same rules as
/// the form, duplicates are looked for in the file and in the store; any error and nothing is imported.
/// </summary>
public class CustomerImport(DcrcDb db, CustomerArchive archive, CurrentUser me,
    SettingsStore settings, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int MaxRows = 10_000;

    /// <summary>The columns, in template order; labels are resources "Import.Column.{key}".</summary>
    public static readonly string[] Columns =
        ["type", "name", "mobile", "landline", "idNumber", "creditCode", "gender", "birthday", "province", "city", "district", "address",
         "postcode", "email", "class", "vin", "plateNumber", "model", "purchaseDate"];

    public sealed record RowError(int Row, string Column, string Message);
    public sealed record Result(int Imported, IReadOnlyList<RowError> Errors);

    public byte[] Template()
    {
        var zh = new CultureInfo("zh-CN");
        var headers = Columns.Select(c => Label(c, zh)).ToList();
        return Spreadsheet.Write(l["Import.TemplateSheet"], headers,
            [["个人", "张三", "13812345678", "", "11010519491231002X", "", "女", "1949-12-31", "广东省", "广州市", "天河区", "体育西路 1 号", "510000", "", "B", "LFV2A21K8A3000001", "粤A12345", "卡罗拉", "2025-06-01"]]);
    }

    private string Label(string column, CultureInfo culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try { return l["Import.Column." + column]; }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    public async Task<Result> ImportAsync(Stream file, string fileName, int? storeId)
    {
        List<string[]> rows;
        try
        {
            rows = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Spreadsheet.ReadCsv(file) : Spreadsheet.ReadXlsx(file);
        }
        catch (Spreadsheet.FormatException)
        {
            return new(0, [new(0, "", l["Import.NotAWorkbook"])]);
        }
        if (rows.Count < 2) return new(0, [new(0, "", l["Import.Empty"])]);
        if (rows.Count - 1 > MaxRows) return new(0, [new(0, "", l["Import.TooManyRows", MaxRows])]);

        var store = await TargetStoreAsync(storeId);
        if (store is null) return new(0, [new(0, "", l["Validation.Required", l["Field.Store"]])]);

        // Header → column key, in either language.
        var known = Columns.SelectMany(c => new[] { (Label(c, new CultureInfo("zh-CN")), c), (Label(c, new CultureInfo("en")), c) })
            .GroupBy(x => x.Item1.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().c, StringComparer.OrdinalIgnoreCase);
        var header = rows[0].Select(h => known.GetValueOrDefault(h.Trim())).ToArray();
        var errors = new List<RowError>();
        foreach (var missing in new[] { "name" }.Where(k => !header.Contains(k)))
            errors.Add(new(1, Label(missing, CultureInfo.CurrentUICulture), l["Import.MissingColumn"]));
        if (errors.Count > 0) return new(0, errors);

        var today = archive.Today(StoreTime.Zone(store.TimeZone));
        var parsed = new List<(int Row, Customer Customer, Vehicle? Vehicle)>();
        for (var i = 1; i < rows.Count; i++)
        {
            var rowNumber = i + 1;
            var cells = new Dictionary<string, string>();
            for (var c = 0; c < header.Length; c++) // a column given twice: the first one counts
                if (header[c] is { } key) cells.TryAdd(key, c < rows[i].Length ? rows[i][c].Trim() : "");
            if (cells.Values.All(string.IsNullOrEmpty)) continue;
            string Cell(string key) => cells.GetValueOrDefault(key) ?? "";
            void Error(string key, string message) => errors.Add(new(rowNumber, Label(key, CultureInfo.CurrentUICulture), message));

            var input = new CustomerInput
            {
                Type = Cell("type") is "企业" or "company" or "Company" ? CustomerType.Company : CustomerType.Individual,
                Name = Cell("name"), Mobile = Cell("mobile"), Landline = Cell("landline"), IdNumber = Cell("idNumber"), CreditCode = Cell("creditCode"),
                Gender = Cell("gender") switch { "男" or "male" or "Male" => Gender.Male, "女" or "female" or "Female" => Gender.Female, _ => null },
                Address = new() { Province = Cell("province"), City = Cell("city"), District = Cell("district"), Detail = Cell("address") },
                Postcode = Cell("postcode"), Email = Cell("email"),
            };
            if (Cell("name").Length is 0 or > 100) Error("name", l["Validation.Required", Label("name", CultureInfo.CurrentUICulture)]);
            if (Cell("birthday") is { Length: > 0 } b) { if (ParseDate(b) is { } d) input.Birthday = d; else Error("birthday", l["Validation.InvalidValue", Label("birthday", CultureInfo.CurrentUICulture)]); }
            if (Cell("class") is { Length: > 0 } cls)
            {
                if (Enum.TryParse<CustomerClass>(cls.Trim().TrimEnd('类').Trim(), true, out var k) && Enum.IsDefined(k)) input.Class = k;
                else Error("class", l["Validation.InvalidValue", Label("class", CultureInfo.CurrentUICulture)]);
            }
            if (input.Class == CustomerClass.A && !await me.CanAsync(CustomerPermissions.ClassA)) Error("class", l["Customers.ClassANotAllowed", Label("class", CultureInfo.CurrentUICulture)]);

            var customer = new Customer { StoreId = store.Id, Status = ArchiveStatus.Draft, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = me.UserName };
            if (input.Name is { Length: > 0 and <= 100 })
                foreach (var (field, messages) in archive.Apply(input, customer, today))
                    Error(field.Replace("address.", ""), messages[0]);

            Vehicle? vehicle = null;
            if (Cell("vin") is { Length: > 0 } vinText)
            {
                var vin = Vin.Check(vinText);
                if (!vin.Ok) Error("vin", l[vin.ErrorKey!, Label("vin", CultureInfo.CurrentUICulture)]);
                var plate = Cell("plateNumber") is { Length: > 0 } pt ? PlateNumber.Check(pt) : (Checked?)null;
                if (plate is { Ok: false } p) Error("plateNumber", l[p.ErrorKey!, Label("plateNumber", CultureInfo.CurrentUICulture)]);
                DateOnly? purchased = null;
                if (Cell("purchaseDate") is { Length: > 0 } pd) { purchased = ParseDate(pd); if (purchased is null) Error("purchaseDate", l["Validation.InvalidValue", Label("purchaseDate", CultureInfo.CurrentUICulture)]); }
                // A bad VIN is the row's error (above): no vehicle is made of it.
                if (vin.Ok)
                {
                    vehicle = new Vehicle
                    {
                        StoreId = store.Id, PlateNumber = plate?.Value, Model = Cell("model") is { Length: > 0 } m ? m : null,
                        PurchaseDate = purchased, CreatedAt = customer.CreatedAt,
                    };
                    vehicle.SetVin(vin.Value!);
                }
            }
            parsed.Add((rowNumber, customer, vehicle));
        }
        if (parsed.Count == 0 && errors.Count == 0) return new(0, [new(0, "", l["Import.Empty"])]);

        await DuplicatesAsync(parsed, store.Id, errors);
        if (errors.Count > 0) return new(0, errors.OrderBy(e => e.Row).ToList());

        await using var tx = await db.Database.BeginTransactionAsync();
        var rule = await settings.GetTextAsync(ArchiveSettings.NumberRule, store.Id);
        var last = await archive.ReserveSequenceAsync(ArchiveNumber.PeriodKey(rule, store.Code, today), parsed.Count);
        var next = last - parsed.Count + 1;
        foreach (var (_, customer, vehicle) in parsed)
        {
            customer.ArchiveNumber = ArchiveNumber.Format(rule, store.Code, today, next++);
            if (vehicle != null) customer.Vehicles.Add(vehicle);
        }
        db.Customers.AddRange(parsed.Select(p => p.Customer));
        await db.SaveChangesAsync();
        await audit.WriteAsync(ImportAuditActions.Imported, $"{fileName}: {parsed.Count} archives ({parsed[0].Customer.ArchiveNumber} … {parsed[^1].Customer.ArchiveNumber})", "Customer", null, store.Id);
        await tx.CommitAsync();
        db.ChangeTracker.Clear();
        return new(parsed.Count, []);
    }

    /// <summary>Duplicates inside the file and against the store's archives, looked up in batches (no query per row).</summary>
    private async Task DuplicatesAsync(List<(int Row, Customer Customer, Vehicle? Vehicle)> parsed, int storeId, List<RowError> errors)
    {
        void Within<T>(Func<(int Row, Customer Customer, Vehicle? Vehicle), T?> key, string column) where T : class
        {
            foreach (var g in parsed.Where(p => key(p) != null).GroupBy(p => key(p)!).Where(g => g.Count() > 1))
                foreach (var dup in g.Skip(1))
                    errors.Add(new(dup.Row, Label(column, CultureInfo.CurrentUICulture), l["Import.DuplicateInFile", g.First().Row]));
        }
        Within(p => p.Customer.Mobile, "mobile");
        Within(p => p.Customer.IdNumberHash, "idNumber");
        Within(p => p.Customer.CreditCode, "creditCode");
        Within(p => p.Vehicle?.Vin, "vin");

        // Merged archives count too: their numbers belong to the archive they were merged into (never a new one).
        var existing = db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => c.StoreId == storeId);
        foreach (var (column, values, lookup) in new (string, List<string>, Func<List<string>, Task<Dictionary<string, string>>>)[]
        {
            ("mobile", parsed.Select(p => p.Customer.Mobile).OfType<string>().ToList(),
                async chunk => await existing.Where(c => chunk.Contains(c.Mobile!)).GroupBy(c => c.Mobile!).ToDictionaryAsync(g => g.Key, g => g.Min(c => c.ArchiveNumber))),
            ("idNumber", parsed.Select(p => p.Customer.IdNumberHash).OfType<string>().ToList(),
                async chunk => await existing.Where(c => chunk.Contains(c.IdNumberHash!)).GroupBy(c => c.IdNumberHash!).ToDictionaryAsync(g => g.Key, g => g.Min(c => c.ArchiveNumber))),
            ("creditCode", parsed.Select(p => p.Customer.CreditCode).OfType<string>().ToList(),
                async chunk => await existing.Where(c => chunk.Contains(c.CreditCode!)).GroupBy(c => c.CreditCode!).ToDictionaryAsync(g => g.Key, g => g.Min(c => c.ArchiveNumber))),
            ("vin", parsed.Select(p => p.Vehicle?.Vin).OfType<string>().ToList(),
                async chunk => await db.Vehicles.IgnoreQueryFilters().AsNoTracking().Where(v => chunk.Contains(v.Vin)).ToDictionaryAsync(v => v.Vin, v => v.Vin)),
        })
        {
            var found = new Dictionary<string, string>();
            foreach (var chunk in values.Distinct().Chunk(1000)) foreach (var kv in await lookup([.. chunk])) found[kv.Key] = kv.Value;
            if (found.Count == 0) continue;
            foreach (var p in parsed)
            {
                var value = column switch { "mobile" => p.Customer.Mobile, "idNumber" => p.Customer.IdNumberHash, "creditCode" => p.Customer.CreditCode, _ => p.Vehicle?.Vin };
                if (value != null && found.TryGetValue(value, out var match))
                    errors.Add(new(p.Row, Label(column, CultureInfo.CurrentUICulture), column == "vin" ? l["Validation.Duplicate", l["Field.Vin"]] : l["Import.DuplicateArchive", match]));
            }
        }
    }

    private async Task<Dcrc.Kernel.Access.Store?> TargetStoreAsync(int? asked) =>
        archive.TargetStore(asked) is { } id ? await db.Stores.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id) : null;

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The error report: row, column, message — in the user's language.</summary>
    public byte[] Report(IReadOnlyList<RowError> errors) =>
        Spreadsheet.Write(l["Import.ReportSheet"], [l["Import.Report.Row"], l["Import.Report.Column"], l["Import.Report.Message"]],
            errors.Select(e => (IReadOnlyList<string?>)[e.Row == 0 ? "" : e.Row.ToString(CultureInfo.InvariantCulture), e.Column, e.Message]));
}
