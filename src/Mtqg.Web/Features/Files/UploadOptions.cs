using Microsoft.Extensions.Options;

namespace Mtqg.Web.Features.Files;

/// <summary>
/// The bounds of the upload gate, <c>Mtqg:Uploads:*</c> (decision 0018). The defaults come from the real use: a province's
/// values sheet has ~100–200 communes × up to ~60 indicator columns; the whole country 3,321 communes (10,035 before the
/// 2025 reform). Each bound leaves wide headroom over that and still keeps one upload's cost small and linear.
/// </summary>
public sealed class UploadOptions
{
    public const string Section = "Mtqg:Uploads";

    /// <summary>Bytes of a values workbook or CSV: a national sheet (10,035 × 60 cells) is a few MB zipped; 20 MB was the limit before.</summary>
    public double WorkbookMegabytes { get; set; } = 20;

    /// <summary>Bytes of a criteria set in the interchange format: the national sets are under 200 KB.</summary>
    public double CriteriaSetMegabytes { get; set; } = 5;

    /// <summary>
    /// Bytes of a province's commune boundaries (GeoJSON, decision 0029): ~100 communes drawn at survey detail, a few
    /// thousand positions each at ~40 bytes, are 10–30 MB; the parse keeps one copy and the positions (16 bytes each).
    /// </summary>
    public double BoundariesMegabytes { get; set; } = 50;

    /// <summary>Features (communes) in a boundaries file: the largest province has ~170 communes after the 2025 reform.</summary>
    public int MaxBoundaryFeatures { get; set; } = 2_000;

    /// <summary>Positions in a boundaries file, all rings together: what the drawing simplifies, linear in them.</summary>
    public int MaxBoundaryPositions { get; set; } = 2_000_000;

    /// <summary>Parts (files) inside an .xlsx: Excel writes about 10 for two sheets; 200 leaves room for images and charts.</summary>
    public int MaxParts { get; set; } = 200;

    /// <summary>
    /// Bytes of all the parts once decompressed, counted while reading (the sizes a zip announces are not trusted): a
    /// national sheet is about 20 MB of XML; a zip compresses XML up to ~1,000×, so without this 20 MB could become 20 GB.
    /// </summary>
    public double MaxUncompressedMegabytes { get; set; } = 100;

    /// <summary>The highest row of a sheet (and lines of a CSV): 10,035 communes before the reform, twice that.</summary>
    public int MaxRows { get; set; } = 20_000;

    /// <summary>The highest column (200 = GR): three fixed columns and ~60 indicators today, a set three times as large tomorrow.</summary>
    public int MaxColumns { get; set; } = 200;

    /// <summary>Cells present in the whole workbook: a national sheet has ~600,000; the reader's cost is linear in them.</summary>
    public int MaxCells { get; set; } = 1_000_000;

    /// <summary>Characters of one text (a shared or inline string, one CSV field): Excel's own limit for a cell.</summary>
    public int MaxTextLength { get; set; } = 32_767;

    /// <summary>Lines of the file one CSV record may span (a quoted field with line breaks): headers with Alt+Enter use a few.</summary>
    public int MaxLinesPerRecord { get; set; } = 100;

    /// <summary>Seconds the parse of a file within the bounds may take (about 2 µs a cell: 1–2 s for a national sheet).</summary>
    public int ParseSeconds { get; set; } = 60;
}

/// <summary>Refuses, at start, a bound that would refuse every file or lift the bound altogether, naming the setting.</summary>
public sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions o)
    {
        List<string> failures = [];
        Check(o.WorkbookMegabytes is > 0 and <= 1024, nameof(o.WorkbookMegabytes), o.WorkbookMegabytes, "lớn hơn 0 và không quá 1024");
        Check(
            o.CriteriaSetMegabytes is > 0 and <= 1024,
            nameof(o.CriteriaSetMegabytes),
            o.CriteriaSetMegabytes,
            "lớn hơn 0 và không quá 1024"
        );
        Check(
            o.BoundariesMegabytes is > 0 and <= 1024,
            nameof(o.BoundariesMegabytes),
            o.BoundariesMegabytes,
            "lớn hơn 0 và không quá 1024"
        );
        Check(o.MaxBoundaryFeatures is > 0 and <= 100_000, nameof(o.MaxBoundaryFeatures), o.MaxBoundaryFeatures, "từ 1 đến 100.000");
        Check(
            o.MaxBoundaryPositions is > 0 and <= 50_000_000,
            nameof(o.MaxBoundaryPositions),
            o.MaxBoundaryPositions,
            "từ 1 đến 50.000.000"
        );
        Check(o.MaxParts is > 0 and <= 10_000, nameof(o.MaxParts), o.MaxParts, "từ 1 đến 10.000");
        Check(
            o.MaxUncompressedMegabytes is > 0 and <= 4096,
            nameof(o.MaxUncompressedMegabytes),
            o.MaxUncompressedMegabytes,
            "lớn hơn 0 và không quá 4096"
        );
        Check(o.MaxRows is > 0 and <= 1_048_576, nameof(o.MaxRows), o.MaxRows, "từ 1 đến 1.048.576");
        Check(o.MaxColumns is > 0 and <= 16_384, nameof(o.MaxColumns), o.MaxColumns, "từ 1 đến 16.384");
        Check(o.MaxCells > 0, nameof(o.MaxCells), o.MaxCells, "lớn hơn 0");
        Check(o.MaxTextLength is > 0 and <= 1_000_000, nameof(o.MaxTextLength), o.MaxTextLength, "từ 1 đến 1.000.000");
        Check(o.MaxLinesPerRecord is > 0 and <= 10_000, nameof(o.MaxLinesPerRecord), o.MaxLinesPerRecord, "từ 1 đến 10.000");
        Check(o.ParseSeconds is > 0 and <= 3600, nameof(o.ParseSeconds), o.ParseSeconds, "từ 1 đến 3600");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(bool ok, string setting, object value, string range)
        {
            if (!ok)
                failures.Add($"{UploadOptions.Section}:{setting} phải {range} (đang là {value}).");
        }
    }
}
