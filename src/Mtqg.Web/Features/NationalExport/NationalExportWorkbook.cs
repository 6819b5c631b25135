using System.Globalization;
using MiniExcelLibs;
using Mtqg.Domain.Common;
using Mtqg.Domain.Money;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Closing;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.NationalExport;

/// <summary>
/// The national export rendered as a workbook: the same content as the JSON document, one sheet per part — "Thông tin"
/// (schema version, province, year, set, closed parts), "Xã" (one row per commune), "Giá trị" (communes × indicator codes),
/// "Chương trình" (programme × source), "Dự án". Amounts in whole đồng, codes as text.
/// </summary>
public static class NationalExportWorkbook
{
    public const string InfoSheet = "Thông tin",
        CommuneSheet = "Xã",
        ValueSheet = "Giá trị",
        ProgrammeSheet = "Chương trình",
        ProjectSheet = "Dự án";

    public static string FileName(string province, int year) => $"MTQG-du-lieu-quoc-gia-{province}-{year}.xlsx";

    public static byte[] Build(NationalExportDocument d)
    {
        var info = new List<Dictionary<string, object?>>
        {
            Info("Phiên bản lược đồ", d.SchemaVersion),
            Info("Tỉnh, thành phố", $"{d.Province.Code} — {d.Province.Name}"),
            Info("Năm", d.Year),
            Info("Lập lúc", VietnamTime.ToLocal(d.GeneratedAt).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture)),
            Info("Bộ tiêu chí", $"{d.CriteriaSet.Code} — {d.CriteriaSet.Name}"),
            Info(
                "Đã khóa sổ",
                d.ClosedParts.Count == 0
                    ? "Chưa khóa sổ phần nào"
                    : string.Join(
                        "; ",
                        d.ClosedParts.Select(p =>
                            $"{PeriodClosingService.Label(p.Part)} ({PeriodClosingService.When(p.ClosedAt)}, {p.ClosedBy})"
                        )
                    )
            ),
        };
        var communes = d
            .Communes.Select(c => new Dictionary<string, object?>
            {
                ["Mã xã"] = c.Code,
                ["Tên xã"] = c.Name,
                ["Loại"] =
                    Enum.GetValues<UnitKind>().FirstOrDefault(k => k.Code() == c.Kind) is var kind && kind != default
                        ? kind.Label()
                        : c.Kind,
                ["Nhóm"] = c.Group,
                ["Số tiêu chí đạt"] = c.CriteriaMet,
                ["Số tiêu chí"] = c.CriteriaTotal,
                ["Tiêu chí chưa đạt"] = string.Join(", ", c.CriteriaNotMet),
                ["Mức đạt"] = string.Join(", ", c.LevelsReached),
                ["Danh hiệu"] = string.Join("; ", c.Titles.Select(t => $"{t.Level} ({t.Decision}, {VietnamTime.Format(t.Since)})")),
                ["Tổng số hộ"] = c.Poverty?.Households,
                ["Hộ nghèo"] = c.Poverty?.Poor,
                ["Hộ cận nghèo"] = c.Poverty?.NearPoor,
                ["Tỷ lệ hộ nghèo (%)"] = c.Poverty?.PovertyRate,
                ["Đóng góp tiền mặt (đồng)"] = c.Contributions?.Cash,
                ["Đất hiến (m²)"] = c.Contributions?.LandSquareMetres,
                ["Ngày công"] = c.Contributions?.Workdays,
                ["Hiện vật (đồng)"] = c.Contributions?.InKind,
            })
            .ToList();
        var indicators = d.CriteriaSet.Criteria.SelectMany(c => c.Indicators).ToList();
        var values = d
            .Communes.Select(c =>
            {
                var row = new Dictionary<string, object?> { ["Mã xã"] = c.Code };
                foreach (var code in indicators)
                    row[code] = c.Values.TryGetValue(code, out var v) ? v : null;
                return row;
            })
            .ToList();
        var programmes = d
            .Programmes.SelectMany(p =>
                p.BySource.Select(s => new Dictionary<string, object?>
                {
                    ["Mã chương trình"] = p.Code,
                    ["Chương trình"] = p.Name,
                    ["Nguồn vốn"] = CapitalSource.Label(s.Source),
                    ["Vốn giao (đồng)"] = s.Allocated,
                    ["Giải ngân (đồng)"] = s.Disbursed,
                })
            )
            .ToList();
        var projects = d
            .Projects.Select(p => new Dictionary<string, object?>
            {
                ["Mã dự án"] = p.Id,
                ["Tên dự án"] = p.Name,
                ["Vốn giao (đồng)"] = p.Allocated,
                ["Giải ngân (đồng)"] = p.Disbursed,
                ["Tháng nhập gần nhất"] = p.LastMonth,
            })
            .ToList();
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(
            buffer,
            ExportCells.Neutralize(
                new Dictionary<string, object>
                {
                    [InfoSheet] = info,
                    [CommuneSheet] = communes,
                    [ValueSheet] = values,
                    [ProgrammeSheet] = programmes,
                    [ProjectSheet] = projects,
                }
            )
        );
        return buffer.ToArray();
    }

    private static Dictionary<string, object?> Info(string what, object? value) => new() { ["Mục"] = what, ["Giá trị"] = value };
}
