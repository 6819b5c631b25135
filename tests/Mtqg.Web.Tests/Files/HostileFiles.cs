using System.IO.Compression;
using System.Text;

namespace Mtqg.Web.Tests.Files;

/// <summary>
/// The files a security test used against the upload (issue 18), built here by hand: a zip package and its XML written
/// directly, so nothing in the file is what a spreadsheet library would have written.
/// </summary>
public static class HostileFiles
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>20 rows, each with a cell in the last column Excel has (XFD = 16384): 2 KB that cost 102 s of CPU before the gate.</summary>
    public static byte[] CellsInColumnXfd() =>
        Xlsx(sheet =>
        {
            sheet.Write($"<worksheet xmlns=\"{Main}\"><sheetData>");
            sheet.Write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Mã xã</t></is></c></row>");
            for (var row = 2; row <= 21; row++)
                sheet.Write(
                    $"<row r=\"{row}\"><c r=\"A{row}\" t=\"inlineStr\"><is><t>02989</t></is></c><c r=\"XFD{row}\"><v>1</v></c></row>"
                );
            sheet.Write("</sheetData></worksheet>");
        });

    /// <summary>One shared string of 500 MB of the same letter, streamed into the entry: under 1 MB compressed.</summary>
    public static byte[] SharedStringOf500Megabytes() =>
        Xlsx(
            sheet =>
                sheet.Write(
                    $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>"
                ),
            zip =>
            {
                using var strings = new StreamWriter(
                    zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Optimal).Open(),
                    new UTF8Encoding(false)
                );
                strings.Write($"<sst xmlns=\"{Main}\" count=\"1\" uniqueCount=\"1\"><si><t>");
                var block = new string('A', 1024 * 1024);
                for (var i = 0; i < 500; i++)
                    strings.Write(block);
                strings.Write("</t></si></sst>");
            }
        );

    /// <summary>A package whose parts decompress to 150 MB (zeros in an image part), 150 KB compressed.</summary>
    public static byte[] DecompressingTo150Megabytes() =>
        Xlsx(
            sheet => sheet.Write($"<worksheet xmlns=\"{Main}\"><sheetData/></worksheet>"),
            zip =>
            {
                using var image = zip.CreateEntry("xl/media/image1.png", CompressionLevel.Optimal).Open();
                var block = new byte[1024 * 1024];
                for (var i = 0; i < 150; i++)
                    image.Write(block);
            }
        );

    /// <summary>A sheet with one cell at row 1,048,576 (Excel's last row): a reader that fills the gap yields a million rows.</summary>
    public static byte[] CellInTheLastRow() =>
        Xlsx(sheet =>
            sheet.Write(
                $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Mã xã</t></is></c></row><row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row></sheetData></worksheet>"
            )
        );

    /// <summary>A text of 40,000 characters in the third cell of row 5, the cells written without their references (as some programs save them).</summary>
    public static byte[] LongTextInAnUnnamedCell() =>
        Xlsx(sheet =>
            sheet.Write(
                $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"5\"><c><v>1</v></c><c/><c t=\"inlineStr\"><is><t>{new string('x', 40_000)}</t></is></c></row></sheetData></worksheet>"
            )
        );

    /// <summary>A sheet that declares its data to reach cell zzz10 (column 18,278, past Excel's last) and holds one cell.</summary>
    public static byte[] DimensionPastTheLastColumn() =>
        Xlsx(sheet =>
            sheet.Write(
                $"<worksheet xmlns=\"{Main}\"><dimension ref=\"A1:zzz10\"/><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>"
            )
        );

    /// <summary>A package with 300 parts.</summary>
    public static byte[] ThreeHundredParts() =>
        Xlsx(
            sheet => sheet.Write($"<worksheet xmlns=\"{Main}\"><sheetData/></worksheet>"),
            zip =>
            {
                for (var i = 0; i < 300; i++)
                    zip.CreateEntry($"xl/media/image{i}.png");
            }
        );

    /// <summary>20 lines of 4,000 fields: 3.2 s of CPU before the gate.</summary>
    public static byte[] CsvWith4000Columns()
    {
        var text = new StringBuilder("Mã xã," + string.Join(',', Enumerable.Range(1, 3999).Select(i => $"c{i}")) + "\r\n");
        for (var row = 0; row < 20; row++)
            text.Append("02989," + string.Join(',', Enumerable.Repeat("1", 3999)) + "\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A header and <paramref name="rows"/> data lines.</summary>
    public static byte[] CsvWithRows(int rows)
    {
        var text = new StringBuilder("Mã xã,1.2\r\n");
        for (var row = 0; row < rows; row++)
            text.Append("02989,50\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A minimal package (content types, relationships, a workbook, one sheet "Số liệu") plus what <paramref name="more"/> adds.</summary>
    private static byte[] Xlsx(Action<StreamWriter> writeSheet, Action<ZipArchive>? more = null)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(
                zip,
                "[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"
            );
            Part(
                zip,
                "_rels/.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            );
            Part(
                zip,
                "xl/workbook.xml",
                $"<workbook xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Số liệu\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            );
            Part(
                zip,
                "xl/_rels/workbook.xml.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
            );
            using (var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open(), new UTF8Encoding(false)))
                writeSheet(sheet);
            more?.Invoke(zip);
        }
        return stream.ToArray();
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(xml);
    }
}
