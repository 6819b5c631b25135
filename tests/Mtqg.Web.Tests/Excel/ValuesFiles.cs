using System.Net.Http.Headers;
using MiniExcelLibs;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Tests.Excel;

/// <summary>The values workbook as a user handles it: its "Số liệu" sheet read as rows keyed by header, saved again, sent as a form.</summary>
internal static class ValuesFiles
{
    public static List<Dictionary<string, object?>> Rows(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return MiniExcel
            .Query(stream, useHeaderRow: true, sheetName: ValuesWorkbook.ValuesSheet)
            .Cast<IDictionary<string, object?>>()
            .Select(r => new Dictionary<string, object?>(r))
            .ToList();
    }

    public static byte[] Save(List<Dictionary<string, object?>> rows)
    {
        using var output = new MemoryStream();
        MiniExcel.SaveAs(output, rows, sheetName: ValuesWorkbook.ValuesSheet);
        return output.ToArray();
    }

    /// <summary>The multipart form of an upload: the file in field <c>file</c>, typed by its name (.csv or .xlsx).</summary>
    public static MultipartFormDataContent Form(byte[] file, string name = "so-lieu.xlsx")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(
            name.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : ValuesWorkbook.ContentType
        );
        return new MultipartFormDataContent { { content, "file", name } };
    }
}
