using System.Text;
using Dcrc.Kernel.Excel;

namespace Dcrc.Tests.Kernel;

public class SpreadsheetTests
{
    [Fact]
    public void A_written_workbook_reads_back_with_headers_rows_and_footer()
    {
        var bytes = Spreadsheet.Write("客户", ["客户名称", "手机号"], [["张三", "13812345678"], ["李四, \"小李\"", null]], ["导出人：th.crm"]);
        var rows = Spreadsheet.ReadXlsx(new MemoryStream(bytes));
        rows[0].ShouldBe(["客户名称", "手机号"]);
        rows[1].ShouldBe(["张三", "13812345678"]);
        rows[2].ShouldBe(["李四, \"小李\"", ""]);
        rows[4].ShouldBe(["导出人：th.crm"]);
    }

    [Fact]
    public void Csv_handles_quotes_commas_and_line_breaks_in_utf8_with_bom()
    {
        var csv = "\uFEFF客户名称,备注\r\n\"王五, 先生\",\"说 \"\"你好\"\"\r\n第二行\"\r\n赵六,\r\n";
        var rows = Spreadsheet.ReadCsv(new MemoryStream(Encoding.UTF8.GetBytes(csv)));
        rows.Count.ShouldBe(3);
        rows[0].ShouldBe(["客户名称", "备注"]);
        rows[1].ShouldBe(["王五, 先生", "说 \"你好\"\n第二行"]);
        rows[2].ShouldBe(["赵六", ""]);
    }

    [Fact]
    public void Csv_with_tabs_stray_quotes_no_bom_and_blank_lines_is_read_with_csvhelper()
    {
        var tabbed = "客户名称\t备注\n\n王五\t他说\"好\"的\n\"赵, 六\"\t\"两\n行\"\n";
        var rows = Spreadsheet.ReadCsv(new MemoryStream(new UTF8Encoding(false).GetBytes(tabbed)));
        rows.Count.ShouldBe(3);
        rows[1].ShouldBe(["王五", "他说\"好\"的"]);
        rows[2].ShouldBe(["赵, 六", "两\n行"]);
        var commas = Spreadsheet.ReadCsv(new MemoryStream(Encoding.UTF8.GetBytes("a,b\tc\n1,2\n")));
        commas[0].ShouldBe(["a", "b\tc"]);
    }

    [Fact]
    public void Csv_exported_in_GB18030_is_read_correctly()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("客户名称,手机号\n欧阳娜娜,13912345678\n");
        Spreadsheet.ReadCsv(new MemoryStream(bytes))[1].ShouldBe(["欧阳娜娜", "13912345678"]);
    }

    [Fact]
    public void Something_that_is_not_a_workbook_is_a_format_error() =>
        Should.Throw<Spreadsheet.FormatException>(() => Spreadsheet.ReadXlsx(new MemoryStream(Encoding.UTF8.GetBytes("not a zip"))));

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    public void Column_names_follow_Excel(int index, string name) => Spreadsheet.ColumnName(index).ShouldBe(name);
}
