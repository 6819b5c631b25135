using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Mtqg.Domain.Common;
using Mtqg.Web.Features.Audit;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Recognition.Dossiers;

/// <summary>
/// Exports of the recognition process as workbooks (pure builders: DTOs → .xlsx): one dossier
/// (sheet "Tiêu chí" with every indicator, value, threshold, appraisal result and comment, and sheet
/// "Dòng thời gian"), and the list of decisions.
/// </summary>
public sealed class DossierExcel(DossierService dossiers)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<((byte[] Content, string FileName)? File, Outcome Outcome)> WorkbookAsync(int id, CancellationToken ct)
    {
        var (dossier, outcome) = await dossiers.GetAsync(id, ct);
        return dossier is null
            ? (null, outcome)
            : ((Build(dossier), $"MTQG-ho-so-{dossier.Id}-{dossier.Commune.Code}-{dossier.Year}.xlsx"), Outcome.Done);
    }

    public static byte[] Build(DossierDto d)
    {
        var rows = new List<Dictionary<string, object?>>();
        foreach (var c in d.Criteria)
        {
            var last = c.Appraisals.LastOrDefault();
            var appraisal = last is null
                ? c.StateLabel
                : $"{c.StateLabel} (lần {last.Round}, {last.By}, {AuditWorkbook.VietnamTime(last.At)})";
            var comments = string.Join(
                "\n",
                c.Appraisals.Where(a => a.Comment is not null).Select(a => $"Lần {a.Round} — {a.StepLabel}: {a.Comment}")
            );
            var indicators = c.Indicators.Count == 0 ? [null] : c.Indicators.Cast<DossierIndicatorDto?>().ToList();
            foreach (var i in indicators)
                rows.Add(
                    new Dictionary<string, object?>
                    {
                        ["Tiêu chí"] = $"{c.Number}. {c.Name}",
                        ["Sở thẩm định"] = c.Sector,
                        ["Chỉ tiêu"] = i is null ? null : $"{i.Code} {i.Name}",
                        ["Giá trị"] = Shown(i?.Value),
                        ["Ngưỡng"] = Shown(i?.Threshold),
                        ["Đơn vị"] = i?.Unit,
                        ["Chỉ tiêu đạt"] = i is null ? null : StatusLabel(i.Status),
                        ["Tự đánh giá tiêu chí"] = StatusLabel(c.Status),
                        ["Kết quả thẩm định"] = appraisal,
                        ["Nhận xét / lý do"] = comments,
                    }
                );
        }
        var timeline = d
            .Timeline.Select(t => new Dictionary<string, object?>
            {
                ["Thời điểm (giờ Việt Nam)"] = AuditWorkbook.VietnamTime(t.At),
                ["Người thực hiện"] = t.By,
                ["Nội dung"] = t.Details,
                ["Sau bước trước"] = DossierDtos.Hours(t.HoursSincePrevious),
            })
            .ToList();
        var header = new List<Dictionary<string, object?>>
        {
            Note("Hồ sơ", $"#{d.Id} — {d.Commune.Name} ({d.Commune.Code}), năm {d.Year}, mức {d.Level}, bộ tiêu chí {d.Set}"),
            Note("Trạng thái", d.StatusLabel),
            Note(
                "Tỷ lệ người dân hài lòng",
                d.ResidentSatisfaction is { } s ? $"{s.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"))}%" : "chưa có"
            ),
            Note("Cam kết không nợ đọng XDCB", d.NoConstructionDebtDeclared ? "Có" : "Chưa"),
            Note("Ghi chú", d.Note ?? ""),
            Note("Nộp", d.SubmittedAt is { } at ? $"{AuditWorkbook.VietnamTime(at)} — {d.SubmittedBy}" : "chưa nộp"),
            Note(
                "Hội đồng thẩm định",
                d.Council is { } council
                    ? $"{council.Date:dd/MM/yyyy}: {council.VotesFor} tán thành, {council.VotesAgainst} không tán thành — {council.Conclusion}"
                    : "chưa họp"
            ),
            Note(
                "Quyết định",
                d.Decision is { } q
                    ? $"{q.Number} ngày {q.Date:dd/MM/yyyy} ({q.Signer}){(q.Batch is null ? "" : $", {q.Batch}")}"
                    : "chưa có"
            ),
        };
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(
            buffer,
            ExportCells.Neutralize(
                new Dictionary<string, object>
                {
                    ["Hồ sơ"] = header,
                    ["Tiêu chí"] = rows,
                    ["Dòng thời gian"] = timeline,
                }
            ),
            configuration: Config([
                new("Mục") { Width = 28 },
                new("Nội dung") { Width = 90 },
                new("Tiêu chí") { Width = 34 },
                new("Sở thẩm định") { Width = 26 },
                new("Chỉ tiêu") { Width = 44 },
                new("Nhận xét / lý do") { Width = 50 },
                new("Kết quả thẩm định") { Width = 40 },
                new("Thời điểm (giờ Việt Nam)") { Width = 20 },
                new("Người thực hiện") { Width = 28 },
            ])
        );
        return buffer.ToArray();
    }

    public static byte[] BuildDecisions(IReadOnlyList<DecisionDto> decisions)
    {
        var rows = decisions
            .Select(d => new Dictionary<string, object?>
            {
                ["Số quyết định"] = d.Number,
                ["Ngày"] = d.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                ["Loại"] = d.Kind == "recognition" ? "Công nhận" : "Thu hồi",
                ["Tỉnh"] = d.Province,
                ["Mức"] = d.Level,
                ["Năm"] = d.Year,
                ["Đợt"] = d.Batch,
                ["Người ký"] = d.Signer,
                ["Số xã"] = d.Communes.Count,
                ["Các xã"] = string.Join("; ", d.Communes.Select(c => $"{c.Name} ({c.Code})")),
                ["Bản ký PDF"] = d.HasPdf ? "Có" : "Chưa",
            })
            .ToList();
        if (rows.Count == 0)
            rows.Add(new Dictionary<string, object?> { ["Số quyết định"] = "Chưa có quyết định nào." });
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(
            buffer,
            ExportCells.Neutralize(new Dictionary<string, object> { ["Quyết định"] = rows }),
            configuration: Config([
                new("Số quyết định") { Width = 20 },
                new("Người ký") { Width = 26 },
                new("Các xã") { Width = 80 },
                new("Đợt") { Width = 20 },
            ])
        );
        return buffer.ToArray();
    }

    private static OpenXmlConfiguration Config(DynamicExcelColumn[] columns) =>
        new()
        {
            FreezeRowCount = 1,
            AutoFilter = false,
            TableStyles = TableStyles.Default,
            DynamicColumns = columns,
            StyleOptions = new OpenXmlStyleOptions { HeaderStyle = new OpenXmlHeaderStyle { WrapText = true } },
        };

    private static Dictionary<string, object?> Note(string item, string text) => new() { ["Mục"] = item, ["Nội dung"] = text };

    private static object? Shown(object? value) =>
        value switch
        {
            true => "Đạt",
            false => "Chưa đạt",
            _ => value,
        };

    public static string StatusLabel(string code) =>
        code switch
        {
            "met" => "Đạt",
            "not_met" => "Chưa đạt",
            "missing" => "Thiếu số liệu",
            "no_threshold" => "Chưa có ngưỡng",
            "not_applicable" => "Không áp dụng",
            _ => code,
        };
}
