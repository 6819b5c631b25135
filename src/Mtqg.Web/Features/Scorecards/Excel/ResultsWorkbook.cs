using System.Collections;
using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Mtqg.Domain.Common;
using Mtqg.Domain.Evaluation;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Scorecards.Excel;

/// <summary>One evaluated commune; <see cref="Province"/> (its province's name) only in the national workbook, where it gets a column.</summary>
public sealed record EvaluatedCommune(string Code, string Name, Scorecard Card, string? Province = null);

public sealed record ResultsWorkbookModel(
    string ProvinceCode,
    string ProvinceName,
    int Year,
    string SetCode,
    string SetName,
    EvaluationSet Set,
    DateTime EvaluatedAtUtc,
    IReadOnlyList<EvaluatedCommune> Communes
);

/// <summary>
/// The evaluated province-year (rows → .xlsx, no database): sheet "Kết quả" with one row per commune
/// (criteria met / total, band, levels reached, then one column per criterion with its status) and
/// sheet "Ghi chú" saying what was evaluated and when.
/// </summary>
public static class ResultsWorkbook
{
    public const string ResultsSheet = "Kết quả",
        NotesSheet = "Ghi chú";
    public const string ProvinceHeader = "Tỉnh";
    public const string MetHeader = "Số tiêu chí đạt",
        TotalHeader = "Tổng số tiêu chí",
        BandHeader = "Xếp loại",
        ReachedHeader = "Mức đạt";

    public static string CriterionHeader(EvaluationCriterion criterion) => $"{criterion.Number}. {criterion.Name}";

    /// <summary>The words of the export; "Thiếu số liệu" rather than the page's "Chưa có số liệu", shorter in a column.</summary>
    public static string Status(EvaluationStatus status) =>
        status switch
        {
            EvaluationStatus.Met => "Đạt",
            EvaluationStatus.NotMet => "Chưa đạt",
            EvaluationStatus.Missing => "Thiếu số liệu",
            EvaluationStatus.NoThreshold => "Chưa có ngưỡng",
            _ => "Không áp dụng",
        };

    public static byte[] Build(ResultsWorkbookModel model)
    {
        var criteria = model.Set.Criteria;
        var headers = criteria.Select(CriterionHeader).ToList();
        var national = model.Communes.Any(c => c.Province is not null);
        ICollection rows = new Rows(model.Communes, criteria, headers, national);
        if (model.Communes.Count == 0)
        {
            var empty = new Dictionary<string, object?>
            {
                [ValuesWorkbook.CodeHeader] = null,
                [ValuesWorkbook.NameHeader] = null,
                [ValuesWorkbook.GroupHeader] = null,
                [MetHeader] = null,
                [TotalHeader] = null,
                [BandHeader] = null,
                [ReachedHeader] = null,
            };
            foreach (var h in headers)
                empty[h] = null;
            rows = new List<Dictionary<string, object?>> { empty };
        }

        var lowest = model.Set.Levels.OrderBy(l => l.Rank).First();
        var notes = new List<Dictionary<string, object?>>
        {
            national
                ? Note(
                    "Phạm vi",
                    $"{model.ProvinceName}: mọi xã, đặc khu có hiệu lực ngày 31/12/{model.Year} (cột {ProvinceHeader}: tỉnh của xã vào ngày đó)"
                )
                : Note("Tỉnh", $"{model.ProvinceName} ({model.ProvinceCode})"),
            Note("Năm", model.Year.ToString(CultureInfo.InvariantCulture)),
            Note("Bộ tiêu chí", $"{model.SetCode} — {model.SetName}"),
            Note("Đánh giá ở mức", $"{lowest.Code} — {lowest.Name}"),
            Note(
                "Thời điểm đánh giá",
                VietnamTime.ToLocal(model.EvaluatedAtUtc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)
                    + " (giờ Việt Nam), từ số liệu đang lưu"
            ),
            Note("Số xã", model.Communes.Count.ToString(CultureInfo.InvariantCulture)),
            Note(MetHeader, "Số tiêu chí đạt ở mức trên; tổng là số tiêu chí áp dụng ở mức đó"),
            Note(
                ReachedHeader,
                "Các mức đã đạt: " + string.Join("; ", model.Set.Levels.OrderBy(l => l.Rank).Select(l => $"{l.Code} = {l.Name}"))
            ),
            Note(
                BandHeader,
                "Nhóm theo số tiêu chí đạt: " + string.Join("; ", model.Set.Bands.Select(b => $"{b.Name} (từ {b.MinCriteriaMet} tiêu chí)"))
            ),
            Note(
                "Cột tiêu chí",
                "Đạt; Chưa đạt (có chỉ tiêu chưa đạt); Thiếu số liệu (có chỉ tiêu chưa nhập); Chưa có ngưỡng (ngưỡng chính thức chưa biết); Không áp dụng"
            ),
        };

        var columns = new List<DynamicExcelColumn>
        {
            new(ValuesWorkbook.CodeHeader) { Width = 10 },
            new(ProvinceHeader) { Width = 22 },
            new(ValuesWorkbook.NameHeader) { Width = 30 },
            new(ValuesWorkbook.GroupHeader) { Width = 8 },
            new(MetHeader) { Width = 10 },
            new(TotalHeader) { Width = 10 },
            new(BandHeader) { Width = 16 },
            new(ReachedHeader) { Width = 14 },
            new("Mục") { Width = 22 },
            new("Nội dung") { Width = 100 },
        };
        columns.AddRange(headers.Select(h => new DynamicExcelColumn(h) { Width = 18 }));
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(
            buffer,
            // The rows are made inert as they are made (Rows); the notes through ExportCells like every other sheet.
            new Dictionary<string, object> { [ResultsSheet] = rows, [NotesSheet] = ExportCells.Neutralize(notes) },
            configuration: new OpenXmlConfiguration
            {
                FreezeRowCount = 1,
                FreezeColumnCount = national ? 4 : 3,
                AutoFilter = true,
                TableStyles = TableStyles.Default,
                DynamicColumns = columns.ToArray(),
                StyleOptions = new OpenXmlStyleOptions { HeaderStyle = new OpenXmlHeaderStyle { WrapText = true } },
            }
        );
        return buffer.ToArray();
    }

    /// <summary>
    /// The results sheet's rows, each made when MiniExcel writes it and dropped after (a national file of 2024 has 7,692
    /// communes: the whole sheet's rows at once were most of the export's memory). A collection, so MiniExcel knows the count
    /// and writes the sheet's &lt;dimension&gt; first, as Excel does; formula-looking text made inert as in
    /// <see cref="ExportCells"/>.
    /// </summary>
    private sealed class Rows(
        IReadOnlyList<EvaluatedCommune> communes,
        IReadOnlyList<EvaluationCriterion> criteria,
        List<string> headers,
        bool national
    ) : ICollection, IEnumerable<Dictionary<string, object?>>
    {
        public int Count => communes.Count;
        public bool IsSynchronized => false;
        public object SyncRoot => this;

        public void CopyTo(Array array, int index)
        {
            foreach (var row in this)
                array.SetValue(row, index++);
        }

        public IEnumerator<Dictionary<string, object?>> GetEnumerator()
        {
            foreach (var c in communes)
                yield return Row(c);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private Dictionary<string, object?> Row(EvaluatedCommune c)
        {
            var row = new Dictionary<string, object?>(criteria.Count + 8) { [ValuesWorkbook.CodeHeader] = ExportCells.Neutralize(c.Code) };
            if (national)
                row[ProvinceHeader] = ExportCells.Neutralize(c.Province);
            row[ValuesWorkbook.NameHeader] = ExportCells.Neutralize(c.Name);
            row[ValuesWorkbook.GroupHeader] = ExportCells.Neutralize(c.Card.Group);
            row[MetHeader] = c.Card.CriteriaMet;
            row[TotalHeader] = c.Card.CriteriaTotal;
            row[BandHeader] = ExportCells.Neutralize(c.Card.Band);
            row[ReachedHeader] = c.Card.Reached.Count == 0 ? null : ExportCells.Neutralize(string.Join(", ", c.Card.Reached));
            for (var i = 0; i < criteria.Count; i++)
                row[headers[i]] = c.Card.Criteria.FirstOrDefault(r => r.Number == criteria[i].Number) is { } result
                    ? Status(result.Status)
                    : null;
            return row;
        }
    }

    private static Dictionary<string, object?> Note(string item, string text) => new() { ["Mục"] = item, ["Nội dung"] = text };
}
