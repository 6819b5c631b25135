using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Mtqg.Web.Components.Shared;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Plans;

/// <summary>A plan's targets and progress as a workbook (rows → .xlsx): "Mục tiêu" one row per target, "Cập nhật" the recorded updates.</summary>
public static class PlanWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(PlanView plan) => $"MTQG-ke-hoach-{plan.Id}-{plan.AsOf:yyyyMMdd}.xlsx";

    public static byte[] Build(PlanView plan)
    {
        var targets = plan
            .Targets.Select(
                (t, i) =>
                    new Dictionary<string, object?>
                    {
                        ["STT"] = i + 1,
                        ["Loại"] = PlanService.KindName(t.Kind),
                        ["Mục tiêu"] = t.Name,
                        ["Đơn vị thực hiện"] = t.AgencyName,
                        ["Đã đạt"] = t.Achieved,
                        ["Mục tiêu (số lượng)"] = t.Goal,
                        ["Đơn vị tính"] = t.Kind is "activity" or "rateReduction" && t.Scope != "perCommune" ? t.Unit : "xã",
                        ["% đạt"] = t.Percent,
                        ["% dự kiến"] = t.ExpectedPercent,
                        ["Tình trạng"] = t.StateName,
                        ["Tóm tắt"] = t.Summary,
                        ["Nguồn"] = t.Source,
                        ["Các xã còn thiếu 1–2 tiêu chí"] = string.Join(
                            "; ",
                            t.Pipeline.Select(p => $"{p.Name} ({string.Join(", ", p.MissingCriteria)})")
                        ),
                    }
            )
            .ToList();
        var updates = plan
            .Targets.SelectMany(t =>
                t.Updates.Select(u => new Dictionary<string, object?>
                {
                    ["Mục tiêu"] = t.Name,
                    ["Ngày"] = Format.Date(u.Date),
                    ["Số lượng"] = u.Amount,
                    ["Xã"] = u.CommuneName,
                    ["Minh chứng"] = u.Evidence,
                    ["Người ghi"] = u.By,
                })
            )
            .ToList();
        if (updates.Count == 0)
            updates.Add(
                new()
                {
                    ["Mục tiêu"] = "(chưa có cập nhật)",
                    ["Ngày"] = null,
                    ["Số lượng"] = null,
                    ["Xã"] = null,
                    ["Minh chứng"] = null,
                    ["Người ghi"] = null,
                }
            );
        if (targets.Count == 0)
            targets.Add(new() { ["STT"] = null, ["Mục tiêu"] = "(kế hoạch chưa có mục tiêu)" });
        var notes = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["Mục"] = "Kế hoạch",
                ["Nội dung"] = $"{plan.Number} ngày {Format.Date(plan.IssuedOn)} của {plan.Issuer}: {plan.Title}",
            },
            new() { ["Mục"] = "Kỳ kế hoạch", ["Nội dung"] = $"{Format.Date(plan.PeriodFrom)}–{Format.Date(plan.PeriodTo)}" },
            new() { ["Mục"] = "Tính đến ngày", ["Nội dung"] = Format.Date(plan.AsOf) },
            new()
            {
                ["Mục"] = "Cách tính",
                ["Nội dung"] =
                    "Số xã đạt chuẩn: xã được công nhận bằng quyết định trong năm; xã còn thiếu 1–2 tiêu chí: theo đánh giá bộ tiêu chí. % dự kiến: phần thời gian đã qua của kỳ (đường thẳng).",
            },
        };
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(
            buffer,
            ExportCells.Neutralize(
                new Dictionary<string, object>
                {
                    ["Mục tiêu"] = targets,
                    ["Cập nhật"] = updates,
                    ["Ghi chú"] = notes,
                }
            ),
            configuration: new OpenXmlConfiguration
            {
                FreezeRowCount = 1,
                AutoFilter = true,
                TableStyles = TableStyles.Default,
            }
        );
        return buffer.ToArray();
    }
}
