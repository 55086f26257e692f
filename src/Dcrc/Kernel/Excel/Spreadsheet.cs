using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Dcrc.Kernel.Excel;

/// <summary>
/// Reading and writing plain tables in .xlsx (Open XML SDK) and reading .csv (CsvHelper): the first sheet,
/// one row per record, every cell as text (dates as yyyy-MM-dd).
/// </summary>
public static class Spreadsheet
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed class FormatException(string message) : Exception(message);

    /// <summary>Rows of the first worksheet; row 0 is the header. Empty trailing rows are dropped.</summary>
    public static List<string[]> ReadXlsx(Stream stream)
    {
        SpreadsheetDocument doc;
        try { doc = SpreadsheetDocument.Open(stream, false); }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or System.FormatException) { throw new FormatException(e.Message); }
        using (doc)
        {
            var workbook = doc.WorkbookPart ?? throw new FormatException("no workbook");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new FormatException("no sheet");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var dateStyles = DateStyles(workbook);
            var rows = new List<string[]>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var index = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1)) - 1;
                while (rows.Count < index) rows.Add([]);
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column) cells.Add("");
                    cells.Add(Text(cell, shared, dateStyles));
                }
                rows.Add([.. cells]);
            }
            while (rows.Count > 0 && rows[^1].All(string.IsNullOrWhiteSpace)) rows.RemoveAt(rows.Count - 1);
            return rows;
        }
    }

    /// <summary>
    /// CSV read with CsvHelper: quoted fields (a quote inside an unquoted field is kept as text), doubled
    /// quotes, line breaks inside quotes (read as \n), comma or tab as the delimiter (whichever the first line
    /// uses), UTF-8 with or without BOM, or GB18030/GBK as Chinese DMS and Excel exports often are. Fields are
    /// trimmed; blank lines are skipped.
    /// </summary>
    public static List<string[]> ReadCsv(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var text = Decode(buffer.ToArray());
        var newline = text.IndexOf('\n');
        var firstLine = newline >= 0 ? text.AsSpan(0, newline) : text.AsSpan();
        var options = new CsvHelper.CsvReaderOptions
        {
            HasHeader = false,
            Separator = firstLine.Count('\t') > firstLine.Count(',') ? '\t' : ',',
            MalformedData = CsvHelper.CsvMalformedDataHandling.Recover, // a stray quote stays in the field as text
            TrimWhitespace = true,
            SkipEmptyLines = true,
        };
        using var csv = CsvHelper.CsvReader.FromText(text, options);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Current.ToArray().Select(f => (f ?? "").Replace("\r\n", "\n")).ToArray());
        while (rows.Count > 0 && rows[^1].All(string.IsNullOrWhiteSpace)) rows.RemoveAt(rows.Count - 1);
        return rows;
    }

    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    /// <summary>A one-sheet workbook: header row (bold), data rows, then footer lines after an empty row.</summary>
    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, IReadOnlyList<string>? footer = null)
    {
        using var memory = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 1;
            data.Append(RowOf(r++, headers, bold: true));
            foreach (var row in rows) data.Append(RowOf(r++, row, bold: false));
            if (footer is { Count: > 0 })
            {
                r++;
                foreach (var line in footer) data.Append(RowOf(r++, [line], bold: false));
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName.Length > 31 ? sheetName[..31] : sheetName }));
            workbook.Workbook.Save();
        }
        return memory.ToArray();
    }

    private static Row RowOf(uint index, IReadOnlyList<string?> values, bool bold)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Count; i++)
            row.Append(new Cell
            {
                CellReference = ColumnName(i) + index, DataType = CellValues.InlineString, StyleIndex = bold ? 1U : 0U,
                InlineString = new InlineString(new Text(values[i] ?? "") { Space = SpaceProcessingModeValues.Preserve }),
            });
        return row;
    }

    public static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter)) n = n * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        return n - 1;
    }

    private static string Text(Cell cell, string[] shared, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? cell.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString) return int.TryParse(raw, out var i) && i < shared.Length ? shared[i].Trim() : "";
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText.Trim() ?? "";
        if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style) && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var oa))
            return DateTime.FromOADate(oa).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return raw.Trim();
    }

    /// <summary>Cell styles whose number format is a date (built-in 14–22, or a custom format with y/m/d and no 0/#).</summary>
    private static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var result = new HashSet<uint>();
        var sheet = workbook.WorkbookStylesPart?.Stylesheet;
        if (sheet?.CellFormats is null) return result;
        var custom = sheet.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        uint i = 0;
        foreach (var format in sheet.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 || (custom.TryGetValue(id, out var code) && code.Any(c => c is 'y' or 'd') && !code.Contains('0') && !code.Contains('#'))) result.Add(i);
            i++;
        }
        return result;
    }
}
