using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Domain.Common;
using Mtqg.Web.Features.Recognition.Titles;

namespace Mtqg.Web.Features.Reports;

/// <summary>
/// Recognition results: communes recognised by level and batch in the year (the counts the recognition page shows,
/// <see cref="TitleService.RecognisedCountsAsync"/>), each title granted that year with its decision, and the titles
/// revoked in the period with the reason.
/// </summary>
public sealed class RecognitionReport(AppDbContext db, TitleService titles) : IReportBuilder
{
    public async Task<(ReportContent? Content, Outcome Outcome)> BuildAsync(ReportScope scope, CancellationToken ct)
    {
        var province = scope.Province!;
        var counts = (await titles.RecognisedCountsAsync(province, ct)).Where(c => c.Year == scope.Year).ToList();
        var levels = await db.CriteriaLevels.AsNoTracking().Select(l => new { l.Code, l.Name }).Distinct().ToListAsync(ct);
        string LevelName(string code) => levels.FirstOrDefault(l => l.Code == code)?.Name ?? code;
        var byLevel = new ReportTable(
            "I. Số xã được công nhận theo mức và đợt",
            [new("Mức đạt chuẩn", 40), new("Đợt", 20), new("Số xã", 12)],
            [
                .. counts.Select(c => new ReportRow(LevelName(c.Level), c.Batch ?? "(không ghi đợt)", c.Communes)),
                new ReportRow(["Cộng", "", counts.Sum(c => c.Communes)], Total: true),
            ]
        );
        var granted = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => t.ProvinceCode == province && t.Year == scope.Year)
            .OrderBy(t => t.Decision.Date)
            .ThenBy(t => t.CommuneName)
            .Select(t => new
            {
                t.CommuneCode,
                t.CommuneName,
                t.LevelCode,
                t.Decision.Number,
                t.Decision.Date,
                t.Decision.Batch,
                t.Origin,
                t.RevokedOn,
            })
            .ToListAsync(ct);
        var list = new ReportTable(
            "II. Danh sách xã được công nhận trong năm",
            [
                new("TT", 5),
                new("Mã xã", 8),
                new("Tên xã", 22),
                new("Mức", 22),
                new("Quyết định", 18),
                new("Ngày", 11),
                new("Đợt", 10),
                new("Ghi chú", 22),
            ],
            [
                .. granted.Select(
                    (t, i) =>
                        new ReportRow(
                            i + 1,
                            t.CommuneCode,
                            t.CommuneName,
                            LevelName(t.LevelCode),
                            t.Number,
                            VietnamTime.Format(t.Date),
                            t.Batch,
                            TitleService.OriginLabel(t.Origin) + (t.RevokedOn is { } r ? $"; đã thu hồi ngày {VietnamTime.Format(r)}" : "")
                        )
                ),
            ]
        );
        var revoked = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => t.ProvinceCode == province && t.RevokedOn >= scope.From && t.RevokedOn <= scope.To)
            .OrderBy(t => t.RevokedOn)
            .ThenBy(t => t.CommuneName)
            .Select(t => new
            {
                t.CommuneCode,
                t.CommuneName,
                t.LevelCode,
                t.Year,
                Decision = t.RevokedByDecision == null ? null : t.RevokedByDecision.Number,
                t.RevokedOn,
                t.RevocationReason,
            })
            .ToListAsync(ct);
        var revocations = new ReportTable(
            "III. Các xã bị thu hồi danh hiệu trong kỳ",
            [
                new("TT", 5),
                new("Mã xã", 8),
                new("Tên xã", 22),
                new("Mức", 20),
                new("Năm công nhận", 10),
                new("Quyết định thu hồi", 18),
                new("Ngày", 11),
                new("Lý do", 30),
            ],
            [
                .. revoked.Select(
                    (t, i) =>
                        new ReportRow(
                            i + 1,
                            t.CommuneCode,
                            t.CommuneName,
                            LevelName(t.LevelCode),
                            t.Year,
                            t.Decision,
                            t.RevokedOn is { } d ? VietnamTime.Format(d) : null,
                            t.RevocationReason
                        )
                ),
            ]
        );
        return (
            new ReportContent(
                [byLevel, list, revocations],
                [
                    "Mục I đếm các xã được công nhận bằng quyết định (kể cả danh hiệu đã thu hồi sau đó), không đếm các ghi nhận cho xã sau sắp xếp.",
                    "Mục II liệt kê mọi danh hiệu có năm công nhận là năm báo cáo, kể cả danh hiệu công nhận trước khi có hệ thống và ghi nhận sau sắp xếp.",
                ]
            ),
            Outcome.Done
        );
    }
}
