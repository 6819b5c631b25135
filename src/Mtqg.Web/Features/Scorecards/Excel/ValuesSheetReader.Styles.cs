using System.IO.Compression;
using System.Xml;

namespace Mtqg.Web.Features.Scorecards.Excel;

/// <summary>
/// Which cells of a sheet are formatted as a percentage (Excel shows 97 %, stores 0.97): MiniExcel gives values, not
/// styles, so the styles part and the sheet are read once more with a streaming XML reader — linear in the cells present,
/// within the bounds the upload gate has already measured (decision 0018).
/// </summary>
public static partial class ValuesSheetReader
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        Relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>The references (D7) of the numeric cells of <paramref name="sheetName"/> whose number format is a percentage.</summary>
    internal static HashSet<string> PercentCells(Stream stream, string sheetName, CancellationToken ct)
    {
        var cells = new HashSet<string>(StringComparer.Ordinal);
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var percentStyles = PercentStyles(zip.GetEntry("xl/styles.xml"));
        if (percentStyles.Count == 0 || SheetPath(zip, sheetName) is not { } path || zip.GetEntry(path) is not { } entry)
            return cells;
        using var reader = Xml(entry);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "c" || reader.NamespaceURI != Main)
                continue;
            ct.ThrowIfCancellationRequested();
            // A number is a cell without a type or of type "n"; a text or a boolean is read as it is.
            if (
                reader.GetAttribute("s") is { } s
                && int.TryParse(s, out var style)
                && percentStyles.Contains(style)
                && reader.GetAttribute("t") is null or "n"
                && reader.GetAttribute("r") is { } reference
            )
                cells.Add(reference);
        }
        return cells;
    }

    /// <summary>The cell formats (indexes of cellXfs) whose number format is 9 (0%), 10 (0.00%) or a custom one with a %.</summary>
    private static HashSet<int> PercentStyles(ZipArchiveEntry? styles)
    {
        var result = new HashSet<int>();
        if (styles is null)
            return result;
        var percentFormats = new HashSet<int> { 9, 10 };
        using var reader = Xml(styles);
        var (inCellXfs, index) = (false, 0);
        while (reader.Read())
        {
            if (reader.NamespaceURI != Main)
                continue;
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
                break;
            if (reader.NodeType != XmlNodeType.Element)
                continue;
            switch (reader.LocalName)
            {
                case "numFmt"
                    when int.TryParse(reader.GetAttribute("numFmtId"), out var id) && IsPercentFormat(reader.GetAttribute("formatCode")):
                    percentFormats.Add(id);
                    break;
                case "cellXfs":
                    inCellXfs = true;
                    break;
                case "xf" when inCellXfs:
                    if (int.TryParse(reader.GetAttribute("numFmtId"), out var format) && percentFormats.Contains(format))
                        result.Add(index);
                    index++;
                    break;
            }
        }
        return result;
    }

    /// <summary>A % outside quoted text and not escaped with a backslash: "0.0%" is a percentage, "0\%" and "0 \"%\"" are not.</summary>
    internal static bool IsPercentFormat(string? code)
    {
        if (code is null)
            return false;
        var quoted = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && c == '\\')
                i++;
            else if (!quoted && c == '%')
                return true;
        }
        return false;
    }

    /// <summary>The part of the named sheet: workbook.xml gives its relationship id, the workbook's relationships its target.</summary>
    private static string? SheetPath(ZipArchive zip, string sheetName)
    {
        string? id = null;
        if (zip.GetEntry("xl/workbook.xml") is not { } workbook)
            return null;
        using (var reader = Xml(workbook))
            while (reader.Read())
                if (
                    reader.NodeType == XmlNodeType.Element
                    && reader.LocalName == "sheet"
                    && reader.NamespaceURI == Main
                    && reader.GetAttribute("name") == sheetName
                )
                {
                    id = reader.GetAttribute("id", Relations);
                    break;
                }
        if (id is null || zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } rels)
            return null;
        using (var reader = Xml(rels))
            while (reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("Id") == id)
                {
                    var target = reader.GetAttribute("Target");
                    return target is null ? null
                        : target.StartsWith('/') ? target[1..]
                        : "xl/" + target;
                }
        return null;
    }

    private static XmlReader Xml(ZipArchiveEntry entry) =>
        XmlReader.Create(
            entry.Open(),
            new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreWhitespace = true,
                CloseInput = true,
            }
        );
}
