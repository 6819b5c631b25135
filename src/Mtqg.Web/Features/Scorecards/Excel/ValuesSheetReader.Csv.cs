using System.Text;
using MiniExcelLibs.Csv;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Scorecards.Excel;

/// <summary>CSV as Excel saves it: the separator the header line uses, blank lines kept so row numbers match.</summary>
public static partial class ValuesSheetReader
{
    /// <summary>
    /// Excel saves CSV with commas or semicolons depending on the machine's list separator, so the
    /// header line decides. Blank lines are kept (as empty rows) and short rows padded, so row
    /// numbers stay those Excel shows.
    /// </summary>
    private static CsvConfiguration CsvConfiguration(Stream stream)
    {
        var separator = UploadScan.CsvSeparator(stream);
        var width = 0;
        return new CsvConfiguration
        {
            Seperator = separator,
            StreamReaderFunc = s => new BlankLineKeepingReader(s, separator),
            SplitFn = line =>
            {
                var fields = Split(line, separator);
                width = Math.Max(width, fields.Count);
                while (fields.Count < width)
                    fields.Add("");
                return fields.ToArray();
            },
        };
    }

    /// <summary>RFC 4180 fields of one record (MiniExcel has already joined a record's lines).</summary>
    private static List<string> Split(string line, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>MiniExcel skips blank lines; Excel shows them as rows, so they are read as one empty field.</summary>
    private sealed class BlankLineKeepingReader(Stream stream, char separator)
        : StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true)
    {
        public override string? ReadLine()
        {
            var line = base.ReadLine();
            return line is not null && string.IsNullOrWhiteSpace(line) ? separator.ToString() : line;
        }
    }
}
