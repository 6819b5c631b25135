using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Mtqg.Domain.Common;
using Mtqg.Web.Components.Shared;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Visits.Recommendations;

/// <summary>Recommendations as a workbook (rows → .xlsx), in the order of the list: oldest first, overdue marked.</summary>
public static class RecommendationsWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(DateTime utcNow) => $"MTQG-kien-nghi-{VietnamTime.ToLocal(utcNow):yyyyMMdd-HHmm}.xlsx";

    public static byte[] Build(IReadOnlyList<RecommendationLine> items, DateTime utcNow)
    {
        var rows = items
            .Select(
                (r, i) =>
                    new Dictionary<string, object?>
                    {
                        ["STT"] = i + 1,
                        ["Ngày nêu"] = Format.Date(r.RaisedOn),
                        ["Xã"] = r.CommuneName,
                        ["Đơn vị nêu"] = r.RaisedBy,
                        ["Nội dung kiến nghị"] = r.Text,
                        ["Nơi xử lý"] = r.ResponsibleName,
                        ["Hạn xử lý"] = Format.Date(r.DueDate),
                        ["Trạng thái"] = r.StatusName,
                        ["Quá hạn"] = r.IsOverdue ? "Quá hạn" : "",
                        ["Số ngày"] = r.DaysOpen,
                        ["Trả lời"] = r.Response,
                    }
            )
            .ToList();
        if (rows.Count == 0)
            rows.Add(new() { ["STT"] = null, ["Nội dung kiến nghị"] = "(không có kiến nghị)" });
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(
            buffer,
            ExportCells.Neutralize(
                new Dictionary<string, object>
                {
                    ["Kiến nghị"] = rows,
                    ["Ghi chú"] = new List<Dictionary<string, object?>>
                    {
                        new()
                        {
                            ["Mục"] = "Thời điểm xuất",
                            ["Nội dung"] = VietnamTime.ToLocal(utcNow).ToString("dd/MM/yyyy HH:mm", Format.Vi),
                        },
                    },
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
