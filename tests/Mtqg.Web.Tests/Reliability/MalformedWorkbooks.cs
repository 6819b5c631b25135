using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace Mtqg.Web.Tests.Reliability;

/// <summary>A named change to a file: <see cref="Kind"/> groups the answers in the histogram, <see cref="What"/> says exactly what was done.</summary>
public sealed record Mutation(string Kind, string What, Func<byte[], byte[]> Apply);

/// <summary>
/// A generator of malformed values workbooks (issue 18, item 9): each case starts from a workbook downloaded from the app
/// and damages it the way a broken disk, a foreign tool or a hostile sender would — at the byte level (truncated, flipped),
/// at the package level (a part dropped or duplicated, the sheet replaced by garbled XML) and at the cell level (huge
/// numbers, wrong cell types, NUL and control characters in shared and inline strings, dates in value cells,
/// negative and NaN-looking texts, the header row moved). Built from FsCheck generators so a seed gives the same cases.
/// </summary>
public static partial class MalformedWorkbooks
{
    /// <summary>The values sheet's part in a workbook the app builds (MiniExcel writes the first sheet there).</summary>
    public const string SheetPart = "xl/worksheets/sheet1.xml";
    public const string SharedStringsPart = "xl/sharedStrings.xml";

    /// <summary>One or two mutations, applied in turn.</summary>
    public static Gen<Mutation> Mutations => Gen.Frequency((4, One()), (1, One().Two().Select(p => Then(p.Item1, p.Item2))));

    private static Mutation Then(Mutation first, Mutation second) =>
        new($"{first.Kind} + {second.Kind}", $"{first.What}; {second.What}", b => second.Apply(first.Apply(b)));

    private static Gen<Mutation> One() =>
        Gen.OneOf(
            Truncated(),
            FlippedBytes(),
            DroppedPart(),
            DuplicatedPart(),
            GarbledSheet(),
            BadCell(),
            ControlCharactersInStrings(),
            HeaderMoved(),
            BadCommuneCode()
        );

    private static Gen<Mutation> Truncated() =>
        Gen.Choose(0, 99)
            .Select(percent => new Mutation("truncated", $"first {percent}% of the bytes", b => b[..(b.Length * percent / 100)]));

    private static Gen<Mutation> FlippedBytes() =>
        Gen.Choose(0, int.MaxValue - 1)
            .Zip(Gen.Choose(1, 255))
            .ListOf()
            .Resize(24)
            .Where(flips => flips.Count > 0)
            .Select(flips => new Mutation("bytes flipped", $"{flips.Count} bytes XOR-ed", b =>
            {
                var copy = b.ToArray();
                if (copy.Length == 0)
                    return copy;
                foreach (var (at, mask) in flips)
                    copy[at % copy.Length] ^= (byte)mask;
                return copy;
            }));

    private static Gen<Mutation> DroppedPart() =>
        Gen.Choose(0, 1000)
            .Select(i => new Mutation("part dropped", $"part #{i} (mod count) removed", b =>
            {
                var parts = PartsOrNone(b);
                if (parts.Count == 0)
                    return b;
                parts.RemoveAt(i % parts.Count);
                return Pack(parts);
            }));

    private static Gen<Mutation> DuplicatedPart() =>
        Gen.Choose(0, 1000)
            .Zip(Gen.Elements(true, false))
            .Select(p => new Mutation(
                "part duplicated",
                $"part #{p.Item1} (mod count) written twice{(p.Item2 ? ", the copy emptied" : "")}",
                b =>
                {
                    var parts = PartsOrNone(b);
                    if (parts.Count == 0)
                        return b;
                    var (name, data) = parts[p.Item1 % parts.Count];
                    parts.Insert(0, (name, p.Item2 ? [] : data));
                    return Pack(parts);
                }
            ));

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly string[] HostileSheets =
    [
        "",
        "<worksheet",
        "not xml at all",
        $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\"",
        $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"-5\"><c r=\"A-5\"><v>1</v></c></row></sheetData></worksheet>",
        $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"99999999999\"><c r=\"ZZZZZZ1\"><v>1</v></c></row></sheetData></worksheet>",
        $"<worksheet xmlns=\"{Main}\"><sheetData><row><c><v>1</v></c><c><v>2</v></c></row></sheetData></worksheet>",
        "<worksheet xmlns=\"urn:not-excel\"><sheetData/></worksheet>",
        "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
            + $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&d;&d;&d;&d;</t></is></c></row></sheetData></worksheet>",
        "<?xml version=\"1.0\"?><!DOCTYPE w SYSTEM \"file:///etc/passwd\"><worksheet/>",
        $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\u0000</t></is></c></row></sheetData></worksheet>",
        "\uFEFF\uFEFF<worksheet/>",
    ];

    private static Gen<Mutation> GarbledSheet() =>
        Gen.OneOf(
            Gen.Elements(Enumerable.Range(0, HostileSheets.Length).ToArray())
                .Select(i => new Mutation("sheet replaced", $"sheet XML #{i} of the hostile list", b =>
                    ReplacePart(b, SheetPart, Encoding.UTF8.GetBytes(HostileSheets[i]))
                )),
            Gen.Elements("<>/=\"' &;:?!abcrvtsx0123456789\n".ToCharArray())
                .ArrayOf()
                .Resize(400)
                .Select(chars => new string(chars))
                .Select(text => new Mutation("sheet replaced", $"sheet XML of {text.Length} random XML-ish characters", b =>
                    ReplacePart(b, SheetPart, Encoding.UTF8.GetBytes(text))
                ))
        );

    /// <summary>What goes into one indicator cell (given its reference): huge numbers, wrong types, dates, texts that look like numbers.</summary>
    private static readonly (string Name, Func<string, string> Cell)[] BadCells =
    [
        ("1E+308", r => $"<c r=\"{r}\"><v>1E+308</v></c>"),
        ("-1E+308", r => $"<c r=\"{r}\"><v>-1E+308</v></c>"),
        ("1E+400", r => $"<c r=\"{r}\"><v>1E+400</v></c>"),
        ("30 nines", r => $"<c r=\"{r}\"><v>{new string('9', 30)}</v></c>"),
        ("1E+14", r => $"<c r=\"{r}\"><v>100000000000000</v></c>"),
        ("1E-30", r => $"<c r=\"{r}\"><v>1E-30</v></c>"),
        ("NaN number", r => $"<c r=\"{r}\"><v>NaN</v></c>"),
        ("empty number", r => $"<c r=\"{r}\"><v></v></c>"),
        ("text NaN", r => Inline(r, "NaN")),
        ("text -Infinity", r => Inline(r, "-Infinity")),
        ("text ∞", r => Inline(r, "∞")),
        ("text −5 (minus sign)", r => Inline(r, "−5")),
        ("text -5", r => Inline(r, "-5")),
        ("text -0", r => Inline(r, "-0")),
        ("text 1.2.3", r => Inline(r, "1.2.3")),
        ("text 45,5,6", r => Inline(r, "45,5,6")),
        ("text 1e999", r => Inline(r, "1e999")),
        ("text Đạt?", r => Inline(r, "Đạt?")),
        ("text of 40,000 letters", r => Inline(r, new string('x', 40_000))),
        ("boolean 7", r => $"<c r=\"{r}\" t=\"b\"><v>7</v></c>"),
        ("boolean TRUE", r => $"<c r=\"{r}\" t=\"b\"><v>1</v></c>"),
        ("error #DIV/0!", r => $"<c r=\"{r}\" t=\"e\"><v>#DIV/0!</v></c>"),
        ("shared string 99999", r => $"<c r=\"{r}\" t=\"s\"><v>99999</v></c>"),
        ("shared string -1", r => $"<c r=\"{r}\" t=\"s\"><v>-1</v></c>"),
        ("shared string x", r => $"<c r=\"{r}\" t=\"s\"><v>x</v></c>"),
        ("date 2026-01-15 (t=d)", r => $"<c r=\"{r}\" t=\"d\"><v>2026-01-15T00:00:00</v></c>"),
        ("date 2026-02-30 (t=d)", r => $"<c r=\"{r}\" t=\"d\"><v>2026-02-30</v></c>"),
        ("date serial, style 9999", r => $"<c r=\"{r}\" s=\"9999\"><v>46037</v></c>"),
        ("text 15/01/2026", r => Inline(r, "15/01/2026")),
        ("text 2026-01-15", r => Inline(r, "2026-01-15")),
        ("formula", r => $"<c r=\"{r}\"><f>1/0</f></c>"),
        ("inline _x0000_", r => Inline(r, "_x0000_")),
        ("inline 5_x0001_", r => Inline(r, "5_x0001_")),
        ("inline &#x1;", r => $"<c r=\"{r}\" t=\"inlineStr\"><is><t>&#x1;</t></is></c>"),
        ("inline raw U+0001", r => Inline(r, "\u0001")),
        ("inline U+202E", r => Inline(r, "\u202E5")),
        ("cell reference 'A0'", _ => "<c r=\"A0\"><v>1</v></c>"),
        ("cell reference 'XFD…'", r => $"<c r=\"XFD{Row(r)}\"><v>1</v></c>"),
        ("cell reference missing", _ => "<c><v>1</v></c>"),
    ];

    private static string Inline(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>";

    private static string Row(string reference) => CellReference().Match(reference).Groups[2].Value;

    private static Gen<Mutation> BadCell() =>
        Gen.Choose(0, 100_000)
            .Zip(Gen.Elements(Enumerable.Range(0, BadCells.Length).ToArray()))
            .Select(p => new Mutation("bad cell", $"data cell #{p.Item1} (mod count) becomes {BadCells[p.Item2].Name}", b =>
                EditPart(b, SheetPart, xml =>
                {
                    // Any cell of a data row outside the first three columns: an indicator cell, filled or empty.
                    var cells = Cells()
                        .Matches(xml)
                        .Where(m => Row(m.Groups["r"].Value) != "1" && !Regex.IsMatch(m.Groups["r"].Value, "^[ABC][0-9]"))
                        .ToList();
                    if (cells.Count == 0)
                        return xml;
                    var cell = cells[p.Item1 % cells.Count];
                    var bad = Prefixed(BadCells[p.Item2].Cell(cell.Groups["r"].Value), cell.Groups["p"].Value);
                    return xml[..cell.Index] + bad + xml[(cell.Index + cell.Length)..];
                })
            ));

    private static readonly string[] ControlTexts = ["_x0000_", "a_x001F_b", "&#0;", "\u0001", "\u001B[31m", "\uFFFE", "\u0000"];

    /// <summary>
    /// NUL and control characters in the sheet's strings: written into a string cell (a commune name, a header or a code),
    /// or put in the shared strings part and referenced from a cell (a commune code or an indicator cell).
    /// </summary>
    private static Gen<Mutation> ControlCharactersInStrings() =>
        Gen.Choose(0, 100_000)
            .Zip(Gen.Elements(Enumerable.Range(0, ControlTexts.Length).ToArray()))
            .Zip(Gen.Elements(true, false))
            .Select(p =>
            {
                var ((at, which), shared) = p;
                var control = ControlTexts[which];
                return shared
                    ? new Mutation(
                        "control characters in shared strings",
                        $"cell #{at} (mod count) refers to a shared string '5{Uri.EscapeDataString(control)}'",
                        b =>
                            EditPart(
                                EditPart(b, SharedStringsPart, _ =>
                                    $"<sst xmlns=\"{Main}\" count=\"1\" uniqueCount=\"1\"><si><t>5{control}</t></si></sst>"
                                ),
                                SheetPart,
                                xml =>
                                {
                                    var cells = Cells().Matches(xml).Where(m => Row(m.Groups["r"].Value) != "1").ToList();
                                    if (cells.Count == 0)
                                        return xml;
                                    var cell = cells[at % cells.Count];
                                    var reference = cell.Groups["r"].Value;
                                    return xml[..cell.Index]
                                        + Prefixed($"<c r=\"{reference}\" t=\"s\"><v>0</v></c>", cell.Groups["p"].Value)
                                        + xml[(cell.Index + cell.Length)..];
                                }
                            )
                    )
                    : new Mutation(
                        "control characters in strings",
                        $"string cell #{at} (mod count) gets {Uri.EscapeDataString(control)}",
                        b => EditPart(b, SheetPart, xml =>
                            {
                                var texts = StringCellTexts().Matches(xml);
                                if (texts.Count == 0)
                                    return xml;
                                var t = texts[at % texts.Count].Groups["text"];
                                var into = t.Length == 0 ? 0 : at % (t.Length + 1);
                                return xml[..(t.Index + into)] + control + xml[(t.Index + into)..];
                            })
                    );
            });

    /// <summary>The header row moved: every row shifted down by 1–14 (past the ten rows searched from 10 on), or swapped with a data row.</summary>
    private static Gen<Mutation> HeaderMoved() =>
        Gen.OneOf(
            Gen.Choose(1, 14)
                .Select(k => new Mutation("header moved", $"every row shifted down by {k}", b =>
                    EditPart(b, SheetPart, xml => Renumber(xml, row => row + k))
                )),
            Gen.Choose(2, 90)
                .Select(j => new Mutation("header moved", $"header row swapped with row {j}", b =>
                    EditPart(b, SheetPart, xml => Renumber(xml, row => row == 1 ? j
                            : row == j ? 1
                            : row))
                ))
        );

    private static readonly string[] BadCodes =
    [
        "",
        "99999",
        "_x0000_02989",
        "\u202E02989",
        "02989 02989",
        "-2989",
        "1E+5",
        new string('0', 5000),
    ];

    private static Gen<Mutation> BadCommuneCode() =>
        Gen.Choose(2, 90)
            .Zip(Gen.Elements(Enumerable.Range(0, BadCodes.Length).ToArray()))
            .Select(p => new Mutation(
                "bad commune code",
                $"commune code in row {p.Item1} becomes '{Uri.EscapeDataString(BadCodes[p.Item2])[..Math.Min(40, Uri.EscapeDataString(BadCodes[p.Item2]).Length)]}'",
                b => EditPart(b, SheetPart, xml =>
                    {
                        var cell = Cells().Matches(xml).FirstOrDefault(m => m.Groups["r"].Value == $"A{p.Item1}");
                        return cell is null
                            ? xml
                            : xml[..cell.Index]
                                + Prefixed(Inline($"A{p.Item1}", BadCodes[p.Item2]), cell.Groups["p"].Value)
                                + xml[(cell.Index + cell.Length)..];
                    })
            ));

    private static string Renumber(string xml, Func<int, int> move) =>
        Dimension()
            .Replace(
                RowOrCellReference()
                    .Replace(xml, m =>
                        $"<{m.Groups["p"].Value}{m.Groups["tag"].Value} r=\"{m.Groups["col"].Value}{move(int.Parse(m.Groups["n"].Value))}\""
                    ),
                ""
            );

    /// <summary>A cell written without a namespace prefix, given the prefix the sheet uses for its elements (MiniExcel writes <c>x:</c>).</summary>
    private static string Prefixed(string cell, string prefix) =>
        prefix.Length == 0 ? cell : ElementName().Replace(cell, m => $"<{m.Groups[1].Value}{prefix}{m.Groups[2].Value}");

    /// <summary>The parts of a package, in order, with their bytes.</summary>
    public static List<(string Name, byte[] Data)> Parts(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        return zip
            .Entries.Select(e =>
            {
                using var stream = e.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return (e.FullName, copy.ToArray());
            })
            .ToList();
    }

    /// <summary>The parts, or none when an earlier mutation left something that is no longer a zip package.</summary>
    private static List<(string Name, byte[] Data)> PartsOrNone(byte[] xlsx)
    {
        try
        {
            return Parts(xlsx);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return [];
        }
    }

    public static byte[] Pack(IEnumerable<(string Name, byte[] Data)> parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, data) in parts)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(data);
            }
        return stream.ToArray();
    }

    /// <summary>The package with one part's text changed; a package that cannot be opened (an earlier mutation broke it) is left as it is.</summary>
    public static byte[] EditPart(byte[] xlsx, string name, Func<string, string> edit)
    {
        var parts = PartsOrNone(xlsx);
        var i = parts.FindIndex(p => p.Name == name);
        if (i < 0)
            return xlsx;
        parts[i] = (name, Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(parts[i].Data))));
        return Pack(parts);
    }

    private static byte[] ReplacePart(byte[] xlsx, string name, byte[] data) => EditPart(xlsx, name, _ => Encoding.UTF8.GetString(data));

    [GeneratedRegex("^([A-Z]+)([0-9]+)$")]
    private static partial Regex CellReference();

    [GeneratedRegex("<(?<p>[A-Za-z]+:)?c r=\"(?<r>[A-Z]+[0-9]+)\"(?:[^>]*/>|[^>]*>.*?</(?:[A-Za-z]+:)?c>)", RegexOptions.Singleline)]
    private static partial Regex Cells();

    [GeneratedRegex("t=\"str\"[^>]*><(?:[A-Za-z]+:)?v>(?<text>[^<]*)</")]
    private static partial Regex StringCellTexts();

    [GeneratedRegex("<(?<p>[A-Za-z]+:)?(?<tag>row|c) r=\"(?<col>[A-Z]*)(?<n>[0-9]+)\"")]
    private static partial Regex RowOrCellReference();

    [GeneratedRegex("<(?:[A-Za-z]+:)?dimension [^>]*/>")]
    private static partial Regex Dimension();

    [GeneratedRegex("<(/?)(c|v|f|is|t)(?=[ >/])")]
    private static partial Regex ElementName();
}
