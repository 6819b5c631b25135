using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Audit;

/// <summary>
/// The audit trail as a workbook (rows → .xlsx, no database): sheet "Nhật ký" with one row per
/// change, newest first, and sheet "Ghi chú" saying what was searched and when.
/// </summary>
public static class AuditWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string TrailSheet = "Nhật ký",
        NotesSheet = "Ghi chú";
    public const string AtHeader = "Thời điểm (giờ Việt Nam)",
        UserHeader = "Người thực hiện",
        ClientHeader = "Máy khách",
        ActionHeader = "Thao tác",
        EntityHeader = "Loại",
        UnitHeader = "Đơn vị",
        YearHeader = "Năm",
        SetHeader = "Bộ tiêu chí",
        KeyHeader = "Chỉ tiêu / đối tượng",
        OldHeader = "Giá trị cũ",
        NewHeader = "Giá trị mới";

    public static string FileName(DateTime utcNow) => $"MTQG-nhat-ky-{Mtqg.Domain.Common.VietnamTime.ToLocal(utcNow):yyyyMMdd-HHmm}.xlsx";

    /// <summary>"26/11/2026 11:50:03": a UTC instant in Vietnam time.</summary>
    public static string VietnamTime(DateTime utc) =>
        Mtqg.Domain.Common.VietnamTime.ToLocal(utc).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    public static byte[] Build(IReadOnlyList<AuditRow> entries, string filter, DateTime utcNow, bool truncated)
    {
        var rows = entries
            .Select(e => new Dictionary<string, object?>
            {
                [AtHeader] = VietnamTime(e.At),
                [UserHeader] = e.UserName,
                [ClientHeader] = e.Client,
                [ActionHeader] = AuditService.ActionLabel(e.Action),
                [EntityHeader] = AuditService.EntityLabel(e.Entity),
                [UnitHeader] = e.UnitCode,
                [YearHeader] = e.Year,
                [SetHeader] = e.SetCode,
                [KeyHeader] = e.Key,
                [OldHeader] = e.OldValue,
                [NewHeader] = e.NewValue,
            })
            .ToList();
        if (rows.Count == 0)
            rows.Add(
                new Dictionary<string, object?>
                {
                    [AtHeader] = null,
                    [UserHeader] = null,
                    [ClientHeader] = null,
                    [ActionHeader] = null,
                    [EntityHeader] = null,
                    [UnitHeader] = null,
                    [YearHeader] = null,
                    [SetHeader] = null,
                    [KeyHeader] = null,
                    [OldHeader] = null,
                    [NewHeader] = null,
                }
            );

        var notes = new List<Dictionary<string, object?>>
        {
            Note("Tra cứu", filter),
            Note("Thời điểm xuất", VietnamTime(utcNow)),
            Note(
                "Số dòng",
                entries.Count.ToString(CultureInfo.InvariantCulture)
                    + (
                        truncated
                            ? $" (chỉ {Components.Shared.Format.Number(AuditService.MaxExportRows)} thay đổi mới nhất; thu hẹp khoảng ngày để xem các thay đổi cũ hơn)"
                            : ""
                    )
            ),
            Note(
                "Giá trị",
                "Số viết theo dạng quốc tế (dấu chấm thập phân); chỉ tiêu đạt/không đạt ghi true/false; ô trống ở giá trị cũ: thêm mới, ở giá trị mới: đã xóa."
            ),
            Note("Ghi chú", "Nhật ký chỉ được ghi thêm, không sửa, không xóa qua ứng dụng."),
        };

        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(
            buffer,
            ExportCells.Neutralize(new Dictionary<string, object> { [TrailSheet] = rows, [NotesSheet] = notes }),
            configuration: new OpenXmlConfiguration
            {
                FreezeRowCount = 1,
                AutoFilter = true,
                TableStyles = TableStyles.Default,
                DynamicColumns =
                [
                    new(AtHeader) { Width = 20 },
                    new(UserHeader) { Width = 18 },
                    new(ClientHeader) { Width = 30 },
                    new(ActionHeader) { Width = 8 },
                    new(EntityHeader) { Width = 16 },
                    new(UnitHeader) { Width = 9 },
                    new(YearHeader) { Width = 7 },
                    new(SetHeader) { Width = 16 },
                    new(KeyHeader) { Width = 18 },
                    new(OldHeader) { Width = 30 },
                    new(NewHeader) { Width = 30 },
                    new("Mục") { Width = 18 },
                    new("Nội dung") { Width = 100 },
                ],
                StyleOptions = new OpenXmlStyleOptions { HeaderStyle = new OpenXmlHeaderStyle { WrapText = true } },
            }
        );
        return buffer.ToArray();
    }

    private static Dictionary<string, object?> Note(string item, string text) => new() { ["Mục"] = item, ["Nội dung"] = text };
}
