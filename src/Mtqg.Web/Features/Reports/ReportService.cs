using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Mtqg.Data;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Reports;

/// <summary>What a report covers: a province (null: the whole country) and a year or half of it.</summary>
public sealed record ReportScope(ReportKind Kind, string? Province, string? ProvinceName, int Year, int? Half)
{
    public DateOnly From => new(Year, Half == 2 ? 7 : 1, 1);
    public DateOnly To => Half == 1 ? new(Year, 6, 30) : new(Year, 12, 31);

    public string PeriodText =>
        Half switch
        {
            1 => $"6 tháng đầu năm {Year}",
            2 => $"6 tháng cuối năm {Year}",
            _ => $"Năm {Year}",
        };

    public string FileName(string extension) =>
        $"bao-cao-{Kind.Code}-{Province ?? "toan-quoc"}-{Year}{(Half is { } h ? $"-6thang{h}" : "")}.{extension}";
}

/// <summary>The tables and notes a builder fills; the header is the same for every report and made by <see cref="ReportService"/>.</summary>
public sealed record ReportContent(IReadOnlyList<ReportTable> Tables, IReadOnlyList<string> Notes);

/// <summary>Fills one report's tables from the same services as the API, so its figures are the API's.</summary>
public interface IReportBuilder
{
    Task<(ReportContent? Content, Outcome Outcome)> BuildAsync(ReportScope scope, CancellationToken ct);
}

/// <summary>Checks a report request (code, parameters, access), has its builder fill it and puts the official header on it.</summary>
public sealed class ReportService(
    IServiceProvider services,
    AppDbContext db,
    AccessPolicy access,
    ProvinceLineage lineage,
    TimeProvider clock
)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public async Task<(ReportScope? Scope, Outcome Outcome)> ScopeAsync(
        string code,
        IEnumerable<KeyValuePair<string, StringValues>> query,
        CancellationToken ct
    )
    {
        if (ReportCatalog.Find(code) is not { } kind)
            return Invalid("code", $"Không có báo cáo mã \"{code}\"; các mã: {string.Join(", ", ReportCatalog.All.Select(k => k.Code))}.");
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in query)
        {
            if (!kind.Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                return Invalid(
                    key,
                    key.Equals("half", StringComparison.OrdinalIgnoreCase)
                        ? $"Báo cáo \"{kind.Code}\" là báo cáo năm, không có tham số \"half\"."
                        : $"Tham số \"{key}\" không có trong báo cáo \"{kind.Code}\"; dùng: {string.Join(", ", kind.Keys)}."
                );
            if (value.Count > 1)
                return Invalid(key, $"Tham số \"{key}\" chỉ được gửi một lần.");
            if (!string.IsNullOrWhiteSpace(value))
                values[key] = value.ToString().Trim();
        }
        if (!values.TryGetValue("year", out var yearText))
            return Invalid("year", "Thiếu năm báo cáo (year).");
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !InputRange.IsYear(year))
            return Invalid("year", $"Năm báo cáo (year) \"{yearText}\" không hợp lệ: phải là số năm trong khoảng 2000–2100.");
        int? half = null;
        if (values.TryGetValue("half", out var halfText))
        {
            if (halfText is not ("1" or "2"))
                return Invalid("half", $"Kỳ báo cáo (half) \"{halfText}\" không hợp lệ: 1 là 6 tháng đầu năm, 2 là 6 tháng cuối năm.");
            half = halfText == "1" ? 1 : 2;
        }
        if (!values.TryGetValue("province", out var province))
        {
            if (!kind.National)
                return Invalid("province", $"Báo cáo \"{kind.Code}\" lập cho một tỉnh: cần mã tỉnh (province).");
            if (!access.ReadsNationally)
                return (
                    null,
                    Outcome.Forbidden("Chỉ quản trị viên và người xem toàn quốc lập được báo cáo cả nước; chọn tỉnh (province).")
                );
            return (new ReportScope(kind, null, null, year, half), Outcome.Done);
        }
        var name = await ProvinceNameAsync(province, year, ct);
        if (name is null)
            return Invalid("province", $"Không có tỉnh, thành phố mã \"{province}\" (province) trong năm {year}.");
        if (!await access.CanReadProvinceAsync(province, year))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem báo cáo của {name}."));
        return (new ReportScope(kind, province, name, year, half), Outcome.Done);
    }

    /// <summary>The report for a request already checked by <see cref="ScopeAsync"/>.</summary>
    public async Task<(Report? Report, Outcome Outcome)> BuildAsync(ReportScope scope, CancellationToken ct)
    {
        var builder = (IReportBuilder)services.GetRequiredService(scope.Kind.Builder);
        var (content, outcome) = await builder.BuildAsync(scope, ct);
        if (content is null)
            return (null, outcome);
        var national = scope.Province is null;
        var header = new ReportHeader(
            national ? null : "UBND " + scope.ProvinceName!.ToUpper(Vi),
            national ? "HỆ THỐNG THEO DÕI CÁC CTMTQG" : "VĂN PHÒNG ĐIỀU PHỐI CÁC CTMTQG",
            national ? "BC-MTQG" : "BC-VPĐP",
            national ? "…………" : Place(scope.ProvinceName!),
            VietnamTime.Today(clock),
            "BÁO CÁO " + scope.Kind.Title.ToUpper(Vi) + (national ? " CẢ NƯỚC" : ""),
            scope.PeriodText,
            scope.Kind.Unit,
            scope.Kind.Form,
            await ClosedNoteAsync(scope, ct)
        );
        return (new Report(header, content.Tables, content.Notes), Outcome.Done);
    }

    /// <summary>The part of a province-year whose closing a report's figures follow (null: figures no office closes).</summary>
    public static string? ClosedPartOf(string code) =>
        code switch
        {
            "ntm-results" => Closing.ClosedPart.Values,
            "poverty" => Closing.ClosedPart.Poverty,
            "money" => Closing.ClosedPart.Money,
            _ => null,
        };

    /// <summary>
    /// Whether the report's figures come from a closed period (DESIGN §13): who closed the province-year's part and when, or
    /// for a national report how many provinces have closed it; null (printed "Số liệu chưa khóa sổ") while open.
    /// </summary>
    private async Task<string?> ClosedNoteAsync(ReportScope scope, CancellationToken ct)
    {
        if (ClosedPartOf(scope.Kind.Code) is not { } part)
            return "Số liệu tại thời điểm lập báo cáo (phần số liệu này không khóa sổ)";
        var closed = db.ClosedPeriods.AsNoTracking().Where(c => c.Year == scope.Year && c.Part == part && c.IsClosed);
        if (scope.Province is null)
        {
            var provinces = await closed.CountAsync(ct);
            return provinces == 0
                ? null
                : $"Số liệu của {provinces} tỉnh, thành phố đã khóa sổ năm {scope.Year}; các tỉnh khác chưa khóa sổ";
        }
        // Closed by the province of today: a pre-reform year's province is read as the one it went into.
        var provinceNow = await lineage.ProvinceNowAsync(scope.Province, Reform.IsYearBefore(scope.Year) ? Reform.LastDayBefore : null);
        var row = await closed.FirstOrDefaultAsync(c => c.ProvinceCode == provinceNow, ct);
        return row is null ? null : $"Số liệu của kỳ đã khóa sổ lúc {Closing.PeriodClosingService.When(row.ClosedAt)} bởi {row.ClosedBy}";
    }

    /// <summary>The provinces (of today) whose reports the account may make: every one for national accounts, else its own if it reads it.</summary>
    public async Task<List<(string Code, string Name)>> ReadableProvincesAsync(int year, CancellationToken ct)
    {
        var provinces = UnitService.InForce(db.Units.AsNoTracking(), VietnamTime.Today(clock)).Where(u => u.Level == UnitLevel.Province);
        if (!access.ReadsNationally)
        {
            if (access.User.Unit is not { Length: 2 } own || !await access.CanReadProvinceAsync(own, year))
                return [];
            provinces = provinces.Where(u => u.Code == own);
        }
        return
        [
            .. (await provinces.OrderBy(u => u.Code).Select(u => new { u.Code, u.FullName }).ToListAsync(ct)).Select(u =>
                (u.Code, u.FullName)
            ),
        ];
    }

    /// <summary>Whether the account may make the national version of a report (no province).</summary>
    public bool ReadsNationally => access.ReadsNationally;

    /// <summary>"Tỉnh Lào Cai" → "Lào Cai", "Thành phố Hà Nội" → "Hà Nội": the place line names the place, not its rank.</summary>
    private static string Place(string fullName)
    {
        foreach (var prefix in new[] { "Thành phố ", "Tỉnh " })
            if (fullName.StartsWith(prefix, StringComparison.Ordinal))
                return fullName[prefix.Length..];
        return fullName;
    }

    /// <summary>The province's full name in force on 31 December of the year, or (a code of today asked for an earlier year) today.</summary>
    private async Task<string?> ProvinceNameAsync(string code, int year, CancellationToken ct)
    {
        var provinces = db.Units.AsNoTracking().Where(u => u.Code == code && u.Level == UnitLevel.Province);
        return await UnitService.InForce(provinces, new DateOnly(year, 12, 31)).Select(u => u.FullName).FirstOrDefaultAsync(ct)
            ?? await UnitService.InForce(provinces, VietnamTime.Today(clock)).Select(u => u.FullName).FirstOrDefaultAsync(ct);
    }

    private static (ReportScope?, Outcome) Invalid(string field, string message) =>
        (null, Outcome.Invalid(message, [new Problem(field, message)]));
}
