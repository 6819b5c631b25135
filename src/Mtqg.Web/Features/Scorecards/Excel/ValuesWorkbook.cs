using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Scorecards.Excel;

/// <summary>One commune row of the values workbook; <see cref="Values"/> by indicator code, booleans as 1/0.</summary>
public sealed record WorkbookCommune(string Code, string Name, string? Group, IReadOnlyDictionary<string, decimal> Values);

public sealed record ValuesWorkbookModel(
    string ProvinceCode,
    string ProvinceName,
    int Year,
    string SetCode,
    string SetName,
    EvaluationSet Set,
    IReadOnlyList<string> Groups,
    IReadOnlyList<WorkbookCommune> Communes
);

/// <summary>
/// The province-year values workbook (rows → .xlsx, no database): sheet "Số liệu" with one row per
/// rural commune and one column per indicator, and sheet "Hướng dẫn" explaining every column.
/// An indicator column's header starts with the indicator code ("1.2 — Tỷ lệ … (%)"); the reader
/// takes the text before the first space as the code, so a header reduced to "1.2" still works.
/// </summary>
public static partial class ValuesWorkbook
{
    public const string ValuesSheet = "Số liệu",
        GuideSheet = "Hướng dẫn";
    public const string CodeHeader = "Mã xã",
        NameHeader = "Tên xã",
        GroupHeader = "Nhóm";
    public const string Met = "Đạt",
        NotMet = "Chưa đạt",
        ClearWord = "xóa";
    public const string ProvinceLabel = "Mã tỉnh",
        YearLabel = "Năm",
        SetLabel = "Mã bộ tiêu chí";

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly string[] GuideColumns = ["A", "B", "C", "D", "E", "F", "G", "H"];
    private static readonly int[] GuideWidths = [8, 16, 48, 14, 18, 14, 40, 48];

    public static string FileName(string provinceCode, int year, string setCode, string? suffix = null) =>
        $"MTQG-{Safe(provinceCode)}-{year}-{Safe(setCode)}{(suffix is null ? "" : "-" + suffix)}.xlsx";

    public static IEnumerable<EvaluationIndicator> Indicators(EvaluationSet set) => set.Criteria.SelectMany(c => c.Indicators);

    public static string Header(EvaluationIndicator indicator) => $"{indicator.Code} — {indicator.Name} ({UnitText(indicator)})";

    public static byte[] Build(ValuesWorkbookModel model)
    {
        var indicators = Indicators(model.Set).ToList();
        var headers = indicators.Select(Header).ToList();
        // A list, not a lazy sequence: MiniExcel then knows the size and writes the sheet's <dimension>, as
        // Excel does; without it a reader (MiniExcel's, on upload) scans the sheet once more to find it.
        var rows = model
            .Communes.Select(c =>
            {
                var row = new Dictionary<string, object?>(indicators.Count + 3)
                {
                    [CodeHeader] = c.Code,
                    [NameHeader] = c.Name,
                    [GroupHeader] = c.Group,
                };
                for (var i = 0; i < indicators.Count; i++)
                    row[headers[i]] = c.Values.TryGetValue(indicators[i].Code, out var v) ? Cell(indicators[i].Type, v) : null;
                return row;
            })
            .ToList();
        if (model.Communes.Count == 0)
            rows = [Empty(headers)];

        var columns = new List<DynamicExcelColumn>
        {
            new(CodeHeader) { Width = 10 },
            new(NameHeader) { Width = 30 },
            new(GroupHeader) { Width = 8 },
        };
        columns.AddRange(headers.Select(h => new DynamicExcelColumn(h) { Width = 22 }));

        // Built in memory: MiniExcel adds the guide, which has no header row of its own, by reopening the package.
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(
            buffer,
            ExportCells.Neutralize(rows),
            sheetName: ValuesSheet,
            configuration: new OpenXmlConfiguration
            {
                FreezeRowCount = 1,
                FreezeColumnCount = 3,
                AutoFilter = true,
                TableStyles = TableStyles.Default,
                DynamicColumns = columns.ToArray(),
                StyleOptions = new OpenXmlStyleOptions { HeaderStyle = new OpenXmlHeaderStyle { WrapText = true } },
            }
        );
        MiniExcel.Insert(
            buffer,
            ExportCells.Neutralize(Guide(model, indicators)),
            sheetName: GuideSheet,
            printHeader: false,
            configuration: new OpenXmlConfiguration
            {
                FastMode = true,
                FreezeRowCount = 0,
                AutoFilter = false,
                TableStyles = TableStyles.None,
                DynamicColumns = GuideColumns.Zip(GuideWidths, (key, width) => new DynamicExcelColumn(key) { Width = width }).ToArray(),
            }
        );
        AddFormats(buffer, indicators, model.Communes.Count);
        return buffer.ToArray();
    }

    /// <summary>What a cell shows for a stored value: booleans as Đạt / Chưa đạt, numbers as numbers.</summary>
    public static object Cell(IndicatorType type, decimal value) =>
        type == IndicatorType.Boolean ? (ValueRules.IsAchieved(value) ? Met : NotMet) : value;

    private static Dictionary<string, object?> Empty(IEnumerable<string> headers)
    {
        var row = new Dictionary<string, object?>
        {
            [CodeHeader] = null,
            [NameHeader] = null,
            [GroupHeader] = null,
        };
        foreach (var h in headers)
            row[h] = null;
        return row;
    }

    private static List<Dictionary<string, object?>> Guide(ValuesWorkbookModel model, List<EvaluationIndicator> indicators)
    {
        var rows = new List<Dictionary<string, object?>>();
        void Add(params object?[] cells)
        {
            var row = new Dictionary<string, object?>(GuideColumns.Length);
            for (var i = 0; i < GuideColumns.Length; i++)
                row[GuideColumns[i]] = i < cells.Length ? cells[i] : null;
            rows.Add(row);
        }

        Add($"Số liệu chỉ tiêu {model.ProvinceName}, năm {model.Year}, bộ tiêu chí {model.SetCode} — {model.SetName}");
        Add();
        // The reader checks these three cells against the upload address, so a file is not written into another set, province or year.
        Add(ProvinceLabel, model.ProvinceCode, model.ProvinceName);
        Add(YearLabel, model.Year.ToString(CultureInfo.InvariantCulture));
        Add(SetLabel, model.SetCode, model.SetName);
        Add();
        Add("Cách điền");
        Add(
            "1.",
            null,
            $"Mỗi dòng của trang \"{ValuesSheet}\" là một xã (hoặc đặc khu) có hiệu lực ngày 31/12/{model.Year}; không thêm phường, không đổi mã xã."
        );
        Add(
            "2.",
            null,
            "Mỗi cột chỉ tiêu có tiêu đề bắt đầu bằng mã chỉ tiêu (ví dụ \"1.2 — …\"): giữ nguyên phần mã; phần tên chỉ để đọc. Có thể xóa bớt cột không cần nhập."
        );
        Add("3.", null, $"Ô để trống: giữ nguyên giá trị đang lưu. Ghi \"{ClearWord}\" để xóa giá trị đang lưu.");
        Add(
            "4.",
            null,
            $"Chỉ tiêu đạt/không đạt: chọn {Met} hoặc {NotMet} trong danh sách thả xuống của ô (cũng nhận TRUE/FALSE, 1/0; \"x\" là {Met})."
        );
        Add(
            "5.",
            null,
            "Tỷ lệ (%): ghi số từ 0 đến 100, ví dụ 85 hoặc 85,5 (không ghi 0,85). Các cột tỷ lệ đã định dạng số thường (hiện 85,5), không dùng định dạng % của Excel; nếu ô được định dạng % (hiện 97%, Excel lưu 0,97) hệ thống đọc là 97 như ô hiển thị. Số thập phân dùng dấu phẩy hoặc dấu chấm; không dùng dấu phân cách hàng nghìn."
        );
        Add(
            "6.",
            null,
            $"Cột \"{NameHeader}\" và \"{GroupHeader}\" chỉ để đọc: hệ thống không ghi lại hai cột này (nhóm xã đổi ở trang xếp nhóm)."
        );
        Add(
            "7.",
            null,
            $"Tải tệp lên trang Excel của tỉnh (hoặc POST /api/v1/provinces/{model.ProvinceCode}/years/{model.Year}/workbook?set={model.SetCode}). Hệ thống kiểm tra mọi ô trước: có lỗi thì liệt kê từng lỗi (trang, dòng, cột, lý do) và không ghi gì; không có lỗi thì ghi tất cả trong một lần."
        );
        Add("8.", null, "Có thể lưu trang Số liệu thành tệp CSV (UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy) với cùng các cột.");
        Add();
        Add("Cột", "Tiêu đề (mã)", "Nội dung", "Kiểu", "Đơn vị", "Quy tắc", "Ngưỡng", "Cách ghi");
        Add(
            "A",
            CodeHeader,
            "Mã xã (5 chữ số) theo danh mục đơn vị hành chính; bắt buộc, mỗi xã một dòng",
            "Văn bản",
            null,
            null,
            null,
            "Không sửa; mã bị mất số 0 ở đầu (2989) vẫn được hiểu là 02989"
        );
        Add("B", NameHeader, "Tên xã", "Văn bản", null, null, null, "Chỉ để đọc");
        Add(
            "C",
            GroupHeader,
            $"Nhóm xã theo bộ tiêu chí{(model.Groups.Count == 0 ? "" : $" ({string.Join(", ", model.Groups)})")}; quyết định ngưỡng áp dụng",
            "Văn bản",
            null,
            null,
            null,
            "Chỉ để đọc"
        );
        for (var i = 0; i < indicators.Count; i++)
        {
            var indicator = indicators[i];
            Add(
                ColumnLetter(i + 3),
                indicator.Code,
                indicator.Name,
                TypeLabel(indicator.Type),
                indicator.Unit ?? (indicator.Type == IndicatorType.Percent ? "%" : null),
                RuleLabel(indicator.Rule),
                Thresholds(model.Set, indicator),
                HowTo(indicator)
            );
        }
        return rows;
    }

    public static string TypeLabel(IndicatorType type) =>
        type switch
        {
            IndicatorType.Boolean => "Đạt/Chưa đạt",
            IndicatorType.Percent => "Tỷ lệ (%)",
            _ => "Số",
        };

    private static string UnitText(EvaluationIndicator indicator) =>
        indicator.Type switch
        {
            IndicatorType.Boolean => $"{Met}/{NotMet}",
            IndicatorType.Percent => "%",
            _ => indicator.Unit ?? "số",
        };

    private static string RuleLabel(Rule rule) =>
        rule switch
        {
            Rule.AtLeast => "≥ ngưỡng",
            Rule.MoreThan => "> ngưỡng",
            Rule.AtMost => "≤ ngưỡng",
            Rule.LessThan => "< ngưỡng",
            Rule.EqualTo => "= ngưỡng",
            _ => $"Phải {Met}",
        };

    private static string HowTo(EvaluationIndicator indicator) =>
        indicator.Type switch
        {
            IndicatorType.Boolean => $"{Met} hoặc {NotMet}; trống: giữ nguyên; \"{ClearWord}\": xóa",
            IndicatorType.Percent => $"Số từ 0 đến 100; trống: giữ nguyên; \"{ClearWord}\": xóa",
            _ => $"Số{(indicator.Unit is null ? "" : $" ({indicator.Unit})")}; trống: giữ nguyên; \"{ClearWord}\": xóa",
        };

    /// <summary>"NTM: ≥ 90% (nhóm G1: ≥ 95%)"; levels without a row are not applicable and left out.</summary>
    public static string Thresholds(EvaluationSet set, EvaluationIndicator indicator)
    {
        var parts = new List<string>();
        foreach (var level in set.Levels.OrderBy(l => l.Rank))
        {
            var rows = indicator.Thresholds.Where(t => t.Level == level.Code).ToList();
            if (rows.Count == 0)
                continue;
            var described = rows.Select(t =>
            {
                var scope = (t.Group, t.Year) switch
                {
                    (null, null) => "",
                    (null, int y) => $"năm {y}: ",
                    (string g, null) => $"{g}: ",
                    (string g, int y) => $"{g}, năm {y}: ",
                };
                return scope + Threshold(indicator, t.Value);
            });
            parts.Add($"{level.Code}: {string.Join("; ", described)}");
        }
        return parts.Count == 0 ? "Không áp dụng" : string.Join(" | ", parts);
    }

    private static string Threshold(EvaluationIndicator indicator, decimal? value)
    {
        if (value is not { } v)
            return "chưa có ngưỡng chính thức";
        if (indicator.Rule == Rule.Achieved)
            return Met;
        var number = v.ToString("#,##0.####", Vi);
        var unit =
            indicator.Type == IndicatorType.Percent || indicator.Unit == "%" ? "%"
            : indicator.Unit is null ? ""
            : " " + indicator.Unit;
        return $"{indicator.Rule.Symbol()} {number}{unit}";
    }

    /// <summary>Excel's column letters: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    private static string Safe(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
}
