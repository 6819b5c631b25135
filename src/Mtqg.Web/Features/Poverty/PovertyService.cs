using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Poverty;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Poverty;

/// <summary>
/// PUT …/poverty: counts of households (numbers, so that a fractional or negative count can be named rather than
/// failing the reading). Households, poor and near-poor are required; the rest optional.
/// </summary>
public sealed record PovertyInput(
    decimal? Households,
    decimal? Poor,
    decimal? NearPoor,
    decimal? PoorEthnicMinority = null,
    decimal? NearPoorEthnicMinority = null,
    decimal? EscapedPoverty = null,
    decimal? NewlyPoor = null,
    Dictionary<string, decimal?>? Deprivations = null
);

/// <summary>POST …/poverty/reopen: why the approved result is reopened.</summary>
public sealed record ReopenInput(string? Reason);

/// <summary>A commune-year's review result with its rates (100 × count / households, two decimals; null over 0 households).</summary>
public sealed record PovertyResultView(
    string Commune,
    string CommuneName,
    string Province,
    int Year,
    string Standard,
    int Households,
    int Poor,
    int NearPoor,
    int? PoorEthnicMinority,
    int? NearPoorEthnicMinority,
    int? EscapedPoverty,
    int? NewlyPoor,
    IReadOnlyDictionary<string, int> Deprivations,
    decimal? PovertyRate,
    decimal? NearPovertyRate,
    string Status,
    string? ApprovedBy,
    DateTime? ApprovedAt,
    string? ReopenReason,
    DateTime UpdatedAt,
    string? UpdatedBy
);

/// <summary>
/// The annual poverty review results per commune-year (DESIGN §12): entered as a draft by the commune's officer or the
/// province's coordination office, approved and reopened (with a reason) by the office; checked whole, nothing written
/// when anything is wrong. Counts only.
/// </summary>
public sealed partial class PovertyService(
    AppDbContext db,
    AccessPolicy access,
    ProvinceLineage lineage,
    PovertyStandards standards,
    TimeProvider clock,
    Closing.PeriodClosingService closing
)
{
    /// <summary>At most this many households in one commune (no commune comes near it; it keeps sums within range).</summary>
    public const int MaxCount = 10_000_000;

    public static DateOnly YearEnd(int year) => new(year, 12, 31);

    /// <summary>100 × count / households, two decimals (half away from zero); null when there are no households.</summary>
    public static decimal? Rate(long? count, long? households) =>
        count is { } c && households is > 0 ? Math.Round(100m * c / households.Value, 2, MidpointRounding.AwayFromZero) : null;

    public static decimal? Change(decimal? rate, decimal? previous) => rate is { } r && previous is { } p ? r - p : null;

    /// <summary>The commune a code names on 31 December of the year (DESIGN §5).</summary>
    public Task<AdministrativeUnit?> CommuneAsync(string code, int year, CancellationToken ct) =>
        UnitService
            .InForce(db.Units.AsNoTracking(), YearEnd(year))
            .FirstOrDefaultAsync(u => u.Code == code && u.Level == UnitLevel.Commune, ct);

    /// <summary>The commune of the code that year, or null (also for a year out of range).</summary>
    public async Task<AdministrativeUnit?> CommuneAsyncOrNull(string code, int year) =>
        InputRange.IsYear(year) ? await CommuneAsync(code, year, CancellationToken.None) : null;

    public enum Act
    {
        Read,
        Write,
        Approve,
    }

    /// <summary>The commune of the code that year, if the account may do <paramref name="act"/> there; refused with why.</summary>
    public async Task<(AdministrativeUnit? Commune, string? ProvinceNow, Outcome Outcome)> MayAsync(
        string code,
        int year,
        Act act,
        CancellationToken ct
    )
    {
        if (!InputRange.IsYear(year))
            return (
                null,
                null,
                Outcome.Invalid(InputRange.YearMessage("Năm", year), [new Problem("year", InputRange.YearMessage("Năm", year))])
            );
        var commune = await CommuneAsync(code, year, ct);
        if (commune is null)
            return (null, null, Outcome.NotFound($"Không có xã mã \"{code}\" có hiệu lực ngày 31/12/{year}."));
        var provinceNow = await lineage.ProvinceNowAsync(commune.ProvinceCode, commune.ValidTo);
        var allowed = act switch
        {
            Act.Read => await access.CanReadCommuneAsync(commune, ct),
            Act.Write => access.CanEnterValues(commune, provinceNow),
            _ => access.CanManageProvince(provinceNow),
        };
        // A write (entering, approving, reopening a result) to a closed year is refused after the right is checked.
        if (allowed && act != Act.Read && await closing.LockedAsync(provinceNow, year, Closing.ClosedPart.Poverty, ct) is { } locked)
            return (commune, provinceNow, locked);
        if (!allowed)
            return (
                commune,
                provinceNow,
                Outcome.Forbidden(
                    act switch
                    {
                        Act.Read => $"Tài khoản không có quyền xem kết quả rà soát hộ nghèo của {commune.FullName}.",
                        Act.Write =>
                            $"Chỉ cán bộ của {commune.FullName}, Văn phòng Điều phối của tỉnh {provinceNow} (và quản trị viên) nhập kết quả rà soát hộ nghèo của xã.",
                        _ =>
                            $"Chỉ Văn phòng Điều phối của tỉnh {provinceNow} (và quản trị viên) phê duyệt, mở lại kết quả rà soát hộ nghèo.",
                    }
                )
            );
        return (commune, provinceNow, Outcome.Done);
    }

    public async Task<(PovertyResultView? Result, Outcome Outcome)> GetAsync(string code, int year, CancellationToken ct)
    {
        var (commune, _, may) = await MayAsync(code, year, Act.Read, ct);
        if (!may.IsDone)
            return (null, may);
        var row = await db.PovertyResults.AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == commune!.Id && r.Year == year, ct);
        return row is null
            ? (null, Outcome.NotFound($"{commune!.FullName} chưa có kết quả rà soát hộ nghèo năm {year}."))
            : (View(row, commune!), Outcome.Done);
    }

    /// <summary>Whether the account may write / approve the commune-year (the pages ask before showing the forms).</summary>
    public async Task<(bool Write, bool Approve)> RightsAsync(string code, int year, CancellationToken ct) =>
        (Allowed((await MayAsync(code, year, Act.Write, ct)).Outcome), Allowed((await MayAsync(code, year, Act.Approve, ct)).Outcome));

    // A closed year keeps the forms of those who may write (a save then says the year is closed and by whom).
    private static bool Allowed(Outcome outcome) => outcome.IsDone || outcome.Kind == OutcomeKind.Locked;

    /// <summary>Enters (or corrects) the draft, all or nothing; an approved result is refused (409) until reopened.</summary>
    public async Task<(PovertyResultView? Result, Outcome Outcome)> PutAsync(
        string code,
        int year,
        PovertyInput input,
        CancellationToken ct
    )
    {
        var (commune, _, may) = await MayAsync(code, year, Act.Write, ct);
        if (!may.IsDone)
            return (null, may);
        var row = await db.PovertyResults.FirstOrDefaultAsync(r => r.UnitId == commune!.Id && r.Year == year, ct);
        if (row is { Status: PovertyResult.Approved })
            return (
                null,
                Outcome.Conflict(
                    $"Kết quả rà soát hộ nghèo năm {year} của {commune!.FullName} đã được phê duyệt; Văn phòng Điều phối mở lại (kèm lý do) rồi mới sửa được."
                )
            );
        var standard = standards.Of(year);
        var (counts, problems) = Check(input, year, standard);
        if (problems.Count > 0)
            return (null, Outcome.Invalid($"Kết quả rà soát có {problems.Count} lỗi; chưa có gì được ghi.", problems));
        row ??= db.PovertyResults.Add(New(commune!, year, standard!.Code)).Entity;
        Apply(row, counts, standard!.Code);
        await db.SaveChangesAsync(ct);
        return (View(row, commune!), Outcome.Done);
    }

    public async Task<(PovertyResultView? Result, Outcome Outcome)> ApproveAsync(string code, int year, CancellationToken ct)
    {
        var (commune, _, may) = await MayAsync(code, year, Act.Approve, ct);
        if (!may.IsDone)
            return (null, may);
        var row = await db.PovertyResults.FirstOrDefaultAsync(r => r.UnitId == commune!.Id && r.Year == year, ct);
        if (row is null)
            return (null, Outcome.NotFound($"{commune!.FullName} chưa nhập kết quả rà soát hộ nghèo năm {year}; chưa có gì để phê duyệt."));
        if (row.Status == PovertyResult.Approved)
            return (null, Outcome.Conflict($"Kết quả rà soát hộ nghèo năm {year} của {commune!.FullName} đã được phê duyệt."));
        row.Status = PovertyResult.Approved;
        row.ApprovedBy = access.User.DisplayName;
        row.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        Stamp(row);
        await db.SaveChangesAsync(ct);
        return (View(row, commune!), Outcome.Done);
    }

    public async Task<(PovertyResultView? Result, Outcome Outcome)> ReopenAsync(
        string code,
        int year,
        ReopenInput input,
        CancellationToken ct
    )
    {
        var (commune, _, may) = await MayAsync(code, year, Act.Approve, ct);
        if (!may.IsDone)
            return (null, may);
        var reason = input.Reason?.Trim();
        if (InputText.IsBlank(reason))
            return (null, Outcome.Invalid("Cần ghi lý do mở lại.", [new Problem("reason", "Lý do mở lại: bắt buộc.")]));
        if (reason.Length > 1000)
            return (null, Outcome.Invalid("Lý do quá dài.", [new Problem("reason", "Lý do mở lại: tối đa 1000 ký tự.")]));
        var row = await db.PovertyResults.FirstOrDefaultAsync(r => r.UnitId == commune!.Id && r.Year == year, ct);
        if (row is null)
            return (null, Outcome.NotFound($"{commune!.FullName} chưa có kết quả rà soát hộ nghèo năm {year}."));
        if (row.Status != PovertyResult.Approved)
            return (
                null,
                Outcome.Conflict($"Kết quả rà soát hộ nghèo năm {year} của {commune!.FullName} chưa được phê duyệt; không cần mở lại.")
            );
        row.Status = PovertyResult.Draft;
        row.ApprovedBy = null;
        row.ApprovedAt = null;
        row.ReopenReason = reason;
        Stamp(row);
        await db.SaveChangesAsync(ct);
        return (View(row, commune!), Outcome.Done);
    }

    private void Stamp(PovertyResult row)
    {
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = access.User.DisplayName;
    }

    internal sealed record Counts(
        int Households,
        int Poor,
        int NearPoor,
        int? PoorEthnicMinority,
        int? NearPoorEthnicMinority,
        int? EscapedPoverty,
        int? NewlyPoor,
        SortedDictionary<string, int> Deprivations
    );

    /// <summary>Every refusal of §12, each naming its field in Vietnamese.</summary>
    internal static (Counts Counts, List<Problem> Problems) Check(PovertyInput input, int year, PovertyStandardView? standard)
    {
        var problems = new List<Problem>();
        if (standard is null)
            problems.Add(
                new Problem(
                    "year",
                    $"Năm {year}: không có chuẩn nghèo nào trong dữ liệu áp dụng cho năm này (chuẩn nghèo đa chiều áp dụng từ năm 2022)."
                )
            );
        int? Count(string field, string label, decimal? value, bool required)
        {
            if (value is not { } v)
            {
                if (required)
                    problems.Add(new Problem(field, $"{label}: bắt buộc."));
                return null;
            }
            if (v < 0)
                problems.Add(new Problem(field, $"{label}: không được âm ({Show(v)})."));
            else if (v != decimal.Truncate(v))
                problems.Add(new Problem(field, $"{label}: phải là số nguyên ({Show(v)})."));
            else if (v > MaxCount)
                problems.Add(new Problem(field, $"{label}: quá lớn ({Show(v)}; tối đa {N(MaxCount)} hộ)."));
            else
                return (int)v;
            return null;
        }
        var households = Count("households", "Tổng số hộ", input.Households, true);
        var poor = Count("poor", "Số hộ nghèo", input.Poor, true);
        var nearPoor = Count("nearPoor", "Số hộ cận nghèo", input.NearPoor, true);
        var poorEm = Count("poorEthnicMinority", "Số hộ nghèo dân tộc thiểu số", input.PoorEthnicMinority, false);
        var nearPoorEm = Count("nearPoorEthnicMinority", "Số hộ cận nghèo dân tộc thiểu số", input.NearPoorEthnicMinority, false);
        var escaped = Count("escapedPoverty", "Số hộ thoát nghèo", input.EscapedPoverty, false);
        var newlyPoor = Count("newlyPoor", "Số hộ nghèo phát sinh", input.NewlyPoor, false);
        if (households is { } h && poor is { } p && nearPoor is { } n && p + n > h)
        {
            var message = $"Số hộ nghèo ({N(p)}) cộng số hộ cận nghèo ({N(n)}) là {N(p + n)}, vượt tổng số hộ ({N(h)}).";
            problems.Add(new Problem("poor", message));
            problems.Add(new Problem("nearPoor", message));
        }
        void Within(string field, string label, int? part, int? total, string totalLabel)
        {
            if (part is { } a && total is { } t && a > t)
                problems.Add(new Problem(field, $"{label} ({N(a)}) vượt {totalLabel} ({N(t)})."));
        }
        Within("poorEthnicMinority", "Số hộ nghèo dân tộc thiểu số", poorEm, poor, "số hộ nghèo");
        Within("nearPoorEthnicMinority", "Số hộ cận nghèo dân tộc thiểu số", nearPoorEm, nearPoor, "số hộ cận nghèo");
        Within("newlyPoor", "Số hộ nghèo phát sinh", newlyPoor, poor, "số hộ nghèo");
        Within("escapedPoverty", "Số hộ thoát nghèo", escaped, households, "tổng số hộ");
        var deprivations = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in input.Deprivations ?? [])
        {
            var code = key.Trim();
            var field = $"deprivations.{code}";
            if (standard is not null && standard.Indicators.All(i => i.Code != code))
            {
                problems.Add(
                    new Problem(
                        field,
                        $"Chỉ số \"{code}\" không thuộc chuẩn nghèo áp dụng năm {year} ({standard.LegalBasis}); các chỉ số: {string.Join(", ", standard.Indicators.Select(i => i.Code))}."
                    )
                );
                continue;
            }
            var name = standard?.Indicators.FirstOrDefault(i => i.Code == code)?.Name ?? code;
            if (Count(field, $"Số hộ thiếu hụt chỉ số {code} ({name})", value, true) is { } c)
            {
                Within(field, $"Số hộ thiếu hụt chỉ số {code} ({name})", c, households, "tổng số hộ");
                deprivations[code] = c;
            }
        }
        return (new Counts(households ?? 0, poor ?? 0, nearPoor ?? 0, poorEm, nearPoorEm, escaped, newlyPoor, deprivations), problems);
    }

    private static readonly CultureInfo Vi = new("vi-VN");

    private static string N(long n) => n.ToString("N0", Vi);

    private static string Show(decimal v) => v.ToString("0.############", Vi);

    private static string Join(IReadOnlyDictionary<string, int> deprivations) =>
        string.Join(";", deprivations.Select(d => $"{d.Key}={d.Value.ToString(CultureInfo.InvariantCulture)}"));

    internal static Dictionary<string, int> Split(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);

    internal static PovertyResultView View(PovertyResult r, AdministrativeUnit commune) =>
        new(
            r.CommuneCode,
            commune.FullName,
            r.ProvinceCode,
            r.Year,
            r.StandardCode,
            r.Households,
            r.Poor,
            r.NearPoor,
            r.PoorEthnicMinority,
            r.NearPoorEthnicMinority,
            r.EscapedPoverty,
            r.NewlyPoor,
            Split(r.Deprivations),
            Rate(r.Poor, r.Households),
            Rate(r.NearPoor, r.Households),
            r.Status,
            r.ApprovedBy,
            r.ApprovedAt is { } at ? Utc(at) : null,
            r.ReopenReason,
            Utc(r.UpdatedAt),
            r.UpdatedBy
        );
}
