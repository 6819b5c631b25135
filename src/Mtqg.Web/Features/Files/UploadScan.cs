using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Mtqg.Web.Features.Files;

/// <summary>
/// The structure of an uploaded workbook or CSV measured against <see cref="UploadOptions"/> before any parser sees it, in
/// one streaming pass linear in the bytes: for an .xlsx the zip's parts, the bytes they decompress to (counted while
/// reading, never taken from the zip's headers), and in the XML the rows, the highest column, the cells and the length of
/// each text (shared and inline strings); for a CSV the lines, the fields per line and each field's length. The first
/// bound passed is the refusal, naming the bound, its value and its setting. The stream is left at its start.
/// </summary>
public static class UploadScan
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static UploadRefusal? Xlsx(Stream file, UploadOptions bounds, CancellationToken ct)
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > bounds.MaxParts)
                return Refuse(
                    nameof(bounds.MaxParts),
                    $"Tệp .xlsx có {zip.Entries.Count.ToString("N0", Vi)} phần bên trong; tối đa cho phép là {bounds.MaxParts.ToString("N0", Vi)} phần"
                );
            var maxBytes = (long)(bounds.MaxUncompressedMegabytes * 1024 * 1024);
            var tooBig = Refuse(
                nameof(bounds.MaxUncompressedMegabytes),
                $"Tệp .xlsx khi giải nén lớn hơn {UploadGate.InMegabytes(maxBytes)}; tối đa cho phép là {UploadGate.InMegabytes(maxBytes)}"
            );
            long used = 0;
            var cells = 0;
            foreach (var entry in zip.Entries)
            {
                ct.ThrowIfCancellationRequested();
                using var raw = entry.Open();
                var counted = new BoundedStream(raw, maxBytes - used, tooBig);
                var name = entry.FullName;
                var refusal =
                    name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
                        ? Xml(counted, name, bounds, ref cells, ct)
                        : Drain(counted);
                if (refusal is not null)
                    return refusal;
                used += counted.Position;
            }
            return null;
        }
        catch (UploadRefusedException e)
        {
            return e.Refusal;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or NotSupportedException or IOException)
        {
            return new UploadRefusal(
                StatusCodes.Status400BadRequest,
                "format",
                "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng. Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx."
            );
        }
        finally
        {
            file.Position = 0;
        }
    }

    private static UploadRefusal? Drain(Stream stream)
    {
        var buffer = new byte[81920];
        while (stream.Read(buffer, 0, buffer.Length) > 0) { }
        return null;
    }

    /// <summary>One XML part: rows, columns and cells of a worksheet, the length of each cell's and each shared string's text.</summary>
    private static UploadRefusal? Xml(Stream stream, string part, UploadOptions bounds, ref int cells, CancellationToken ct)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        using var xml = XmlReader.Create(stream, settings);
        // The reader's names are atomised in its name table: compared by reference, not character by character.
        var names = xml.NameTable;
        var (main, dimension, rowName, cellName, sharedString) = (
            names.Add(Main),
            names.Add("dimension"),
            names.Add("row"),
            names.Add("c"),
            names.Add("si")
        );
        var chunk = new char[4096];
        int row = 0,
            column = 0,
            strings = 0,
            itemDepth = -1;
        long text = 0;
        // The cell (its reference as written, or its column and row) or the shared string whose text is being counted;
        // named only in a refusal.
        (string? Reference, int Column, int Row, int String) item = default;
        long nodes = 0;
        while (xml.Read())
        {
            if (++nodes % 4096 == 0)
                ct.ThrowIfCancellationRequested();
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when ReferenceEquals(xml.NamespaceURI, main):
                    var name = xml.LocalName;
                    if (ReferenceEquals(name, cellName))
                    {
                        if (++cells > bounds.MaxCells)
                            return Refuse(
                                nameof(bounds.MaxCells),
                                $"Tệp có hơn {bounds.MaxCells.ToString("N0", Vi)} ô có dữ liệu; tối đa cho phép là {bounds.MaxCells.ToString("N0", Vi)} ô"
                            );
                        var reference = xml.GetAttribute("r");
                        if (reference is null)
                            column++;
                        else
                        {
                            // A reference without letters names no column (0): only its text is counted.
                            (var letters, column, var referenceRow) = Cell(reference);
                            if (letters > 0 && CellBounds(reference, column, referenceRow, bounds, "ô") is { } outside)
                                return outside;
                        }
                        if (column > bounds.MaxColumns)
                            return Columns(column, bounds);
                        (item, text, itemDepth) = ((reference, column, row, 0), 0, xml.IsEmptyElement ? -1 : xml.Depth);
                    }
                    else if (ReferenceEquals(name, rowName))
                    {
                        row = xml.GetAttribute("r") is { } r ? Number(r) : row + 1;
                        column = 0;
                        if (row > bounds.MaxRows)
                            return Rows(row, bounds);
                    }
                    else if (ReferenceEquals(name, sharedString))
                    {
                        strings++;
                        (item, text, itemDepth) = ((null, 0, 0, strings), 0, xml.IsEmptyElement ? -1 : xml.Depth);
                    }
                    else if (ReferenceEquals(name, dimension) && xml.GetAttribute("ref") is { } range)
                    {
                        var last = range[(range.LastIndexOf(':') + 1)..];
                        var (declaredLetters, declaredColumn, declaredRow) = Cell(last);
                        if (
                            declaredLetters > 0
                            && CellBounds(last, declaredColumn, declaredRow, bounds, "vùng dữ liệu khai báo đến ô") is { } declared
                        )
                            return declared;
                    }
                    break;
                case XmlNodeType.EndElement when xml.Depth == itemDepth:
                    itemDepth = -1;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    // In chunks: a text is never held whole, however long it is.
                    int read;
                    while ((read = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        text += read;
                        if (itemDepth >= 0 && text > bounds.MaxTextLength)
                            return Refuse(
                                nameof(bounds.MaxTextLength),
                                $"Tệp có nội dung dài hơn {bounds.MaxTextLength.ToString("N0", Vi)} ký tự ({Item(item)}, trong {part}); tối đa cho phép là {bounds.MaxTextLength.ToString("N0", Vi)} ký tự một ô"
                            );
                    }
                    break;
            }
        }
        return null;
    }

    /// <summary>A cell or a shared string as a refusal names it: "ô D7", "chuỗi dùng chung thứ 12".</summary>
    private static string Item((string? Reference, int Column, int Row, int String) item) =>
        item.String > 0
            ? $"chuỗi dùng chung thứ {item.String.ToString("N0", Vi)}"
            : $"ô {item.Reference ?? $"{ColumnLetters(item.Column)}{item.Row}"}";

    /// <summary>
    /// A cell reference read in one pass, without copying it: how many letters it starts with, the column they name (A = 1;
    /// past Excel's last column, int.MaxValue) and the row number after them (0 when none; past int, int.MaxValue).
    /// </summary>
    private static (int Letters, int Column, int Row) Cell(ReadOnlySpan<char> reference)
    {
        var letters = 0;
        long column = 0;
        for (; letters < reference.Length && char.IsAsciiLetter(reference[letters]); letters++)
            if (column <= int.MaxValue / 26)
                column = column * 26 + (char.ToUpperInvariant(reference[letters]) - 'A' + 1);
        return (letters, column > int.MaxValue / 26 ? int.MaxValue : (int)column, Number(reference[letters..]));
    }

    /// <summary>A cell reference (A1, XFD20), read by <see cref="Cell"/>, against the highest column and row; <paramref name="what"/> says where it was found.</summary>
    private static UploadRefusal? CellBounds(string reference, int column, int row, UploadOptions bounds, string what)
    {
        if (column > bounds.MaxColumns)
            return Columns(column, bounds, $"{what} {reference.ToUpperInvariant()}, ");
        return row > bounds.MaxRows ? Rows(row, bounds, $"{what} {reference.ToUpperInvariant()}") : null;
    }

    private static UploadRefusal Columns(int column, UploadOptions bounds, string where = "") =>
        Refuse(
            nameof(bounds.MaxColumns),
            $"Tệp có ô ở cột {ColumnLetters(column)} ({where}cột {column}); tối đa cho phép là cột {ColumnLetters(bounds.MaxColumns)} (cột {bounds.MaxColumns})"
        );

    private static UploadRefusal Rows(int row, UploadOptions bounds, string? where = null) =>
        Refuse(
            nameof(bounds.MaxRows),
            $"Tệp có dữ liệu ở dòng {row.ToString("N0", Vi)}{(where is null ? "" : $" ({where})")}; tối đa cho phép là dòng {bounds.MaxRows.ToString("N0", Vi)}"
        );

    public static string ColumnLetters(int column)
    {
        if (column is < 1 or > 16_384)
            return "(ngoài XFD)";
        var letters = "";
        for (; column > 0; column = (column - 1) / 26)
            letters = (char)('A' + (column - 1) % 26) + letters;
        return letters;
    }

    /// <summary>A row number as written (1–1,048,576 in a valid file); none, 0; past int or not a number, int.MaxValue.</summary>
    private static int Number(ReadOnlySpan<char> text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : text.Length == 0 ? 0
        : int.MaxValue;

    private static UploadRefusal Refuse(string setting, string message) =>
        new(StatusCodes.Status400BadRequest, $"{UploadOptions.Section}:{setting}", $"{message} ({UploadOptions.Section}:{setting}).");

    /// <summary>
    /// A CSV's lines, fields per line (by the separator its header line uses) and field lengths, in one pass over the text.
    /// Quoted fields may hold separators and line breaks; a record may span at most <c>MaxLinesPerRecord</c> lines, so an
    /// unclosed quote cannot make a reader join the rest of the file line by line.
    /// </summary>
    public static UploadRefusal? Csv(Stream file, UploadOptions bounds, CancellationToken ct)
    {
        var separator = CsvSeparator(file);
        try
        {
            using var reader = new StreamReader(file, new UTF8Encoding(false), true, 65536, leaveOpen: true);
            var buffer = new char[65536];
            int line = 1,
                recordStart = 1,
                fields = 1,
                field = 0;
            var quoted = false;
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < read; i++)
                {
                    var c = buffer[i];
                    if (c == '\n')
                    {
                        line++;
                        if (line > bounds.MaxRows + 1)
                            return Refuse(
                                nameof(bounds.MaxRows),
                                $"Tệp CSV có hơn {bounds.MaxRows.ToString("N0", Vi)} dòng; tối đa cho phép là {bounds.MaxRows.ToString("N0", Vi)} dòng"
                            );
                        if (!quoted)
                            (recordStart, fields, field) = (line, 1, 0);
                        else if (line - recordStart >= bounds.MaxLinesPerRecord)
                            return Refuse(
                                nameof(bounds.MaxLinesPerRecord),
                                $"Ô trong dấu ngoặc kép bắt đầu ở dòng {recordStart.ToString("N0", Vi)} của tệp CSV kéo dài hơn {bounds.MaxLinesPerRecord} dòng (có thể thiếu dấu ngoặc kép đóng); tối đa cho phép là {bounds.MaxLinesPerRecord} dòng một ô"
                            );
                        continue;
                    }
                    if (c == '"')
                        quoted = !quoted; // "" inside a quoted field toggles twice: the text stays quoted
                    else if (c == separator && !quoted)
                    {
                        field = 0;
                        if (++fields > bounds.MaxColumns)
                            return Refuse(
                                nameof(bounds.MaxColumns),
                                $"Dòng {recordStart.ToString("N0", Vi)} của tệp CSV có hơn {bounds.MaxColumns} cột; tối đa cho phép là {bounds.MaxColumns} cột (cột {ColumnLetters(bounds.MaxColumns)})"
                            );
                    }
                    else if (c != '\r' && ++field > bounds.MaxTextLength)
                        return Refuse(
                            nameof(bounds.MaxTextLength),
                            $"Dòng {recordStart.ToString("N0", Vi)} của tệp CSV có ô dài hơn {bounds.MaxTextLength.ToString("N0", Vi)} ký tự; tối đa cho phép là {bounds.MaxTextLength.ToString("N0", Vi)} ký tự một ô"
                        );
                }
            }
            return null;
        }
        finally
        {
            file.Position = 0;
        }
    }

    /// <summary>
    /// Excel saves CSV with commas or semicolons depending on the machine's list separator, so the header line decides
    /// (tabs too). The stream is left at its start.
    /// </summary>
    public static char CsvSeparator(Stream stream)
    {
        var buffer = new byte[4096];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        var end = text.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? text : text[..end];
        int commas = 0,
            semicolons = 0,
            tabs = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
                quoted = !quoted;
            else if (!quoted)
            {
                if (c == ',')
                    commas++;
                else if (c == ';')
                    semicolons++;
                else if (c == '\t')
                    tabs++;
            }
        }
        return semicolons > commas && semicolons >= tabs ? ';'
            : tabs > commas ? '\t'
            : ',';
    }
}
