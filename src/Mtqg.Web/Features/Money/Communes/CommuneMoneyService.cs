using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Money;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using Mtqg.Domain.Money;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Money.Communes;

/// <summary>
/// A commune-year's money (DESIGN §11, issue 14 items 5–6): the people's contributions and the outstanding construction
/// debt, written by the commune's officer, the province's coordination office and finance department (decision 0017),
/// checked whole with nothing written on a refusal; and the projects serving the commune with the year's allocation and
/// disbursement. The commune is the unit whose code is in force on 31 December of the year (decisions 0004, 0021).
/// </summary>
public sealed class CommuneMoneyService(
    AppDbContext db,
    AccessPolicy access,
    ProvinceLineage lineage,
    TimeProvider clock,
    Closing.PeriodClosingService closing
)
{
    private sealed record Commune(AdministrativeUnit Unit, string ProvinceNow);

    private async Task<(Commune? Commune, Outcome Outcome)> FindAsync(string code, int year, CancellationToken ct)
    {
        if (!InputRange.IsYear(year))
            return (null, Outcome.Invalid("Năm không hợp lệ.", [new("year", InputRange.YearMessage("Năm", year))]));
        code = code.Trim();
        var unit = await UnitService
            .InForce(db.Units.AsNoTracking(), new DateOnly(year, 12, 31))
            .FirstOrDefaultAsync(u => u.Code == code && u.Level == UnitLevel.Commune, ct);
        if (unit is null)
            return (null, Outcome.NotFound($"Không có xã mã \"{code}\" có hiệu lực ngày 31/12/{year}."));
        return (new Commune(unit, await lineage.ProvinceNowAsync(unit.ProvinceCode, unit.ValidTo)), Outcome.Done);
    }

    private async Task<(Commune? Commune, Outcome Outcome)> ReadableAsync(string code, int year, CancellationToken ct)
    {
        var (commune, outcome) = await FindAsync(code, year, ct);
        if (commune is null)
            return (null, outcome);
        return access.CanReadCommuneMoney(commune.ProvinceNow, commune.Unit.Code)
            ? (commune, Outcome.Done)
            : (null, Outcome.Forbidden($"Tài khoản này không được xem nguồn lực của {commune.Unit.FullName}."));
    }

    private async Task<(Commune? Commune, Outcome Outcome)> WritableAsync(string code, int year, string what, CancellationToken ct)
    {
        var (commune, outcome) = await FindAsync(code, year, ct);
        if (commune is null)
            return (null, outcome);
        if (access.CanWriteCommuneMoney(commune.ProvinceNow, commune.Unit.Code))
            return await closing.LockedAsync(commune.ProvinceNow, year, Closing.ClosedPart.Money, ct) is { } locked
                ? (null, locked)
                : (commune, Outcome.Done);
        return (
            null,
            Outcome.Forbidden(
                $"Chỉ cán bộ của {commune.Unit.FullName}, Văn phòng Điều phối và Sở Tài chính của tỉnh {commune.ProvinceNow} mới ghi được {what}."
            )
        );
    }

    // ---- contributions ----

    public async Task<(ContributionsView? Contributions, Outcome Outcome)> ContributionsAsync(string code, int year, CancellationToken ct)
    {
        var (commune, outcome) = await ReadableAsync(code, year, ct);
        if (commune is null)
            return (null, outcome);
        var found = await db
            .CommuneContributions.AsNoTracking()
            .FirstOrDefaultAsync(c => c.CommuneCode == commune.Unit.Code && c.Year == year, ct);
        return found is null
            ? (null, Outcome.NotFound($"{commune.Unit.FullName} chưa có số liệu đóng góp của người dân năm {year}."))
            : (View(found), Outcome.Done);
    }

    public async Task<Outcome> SaveContributionsAsync(string code, int year, ContributionsInput? input, CancellationToken ct)
    {
        var (commune, outcome) = await WritableAsync(code, year, "đóng góp của người dân", ct);
        if (commune is null)
            return outcome;
        var problems = new List<Problem>();
        var cash = Check(input?.Cash, "cash", "Tiền mặt", "đồng", problems);
        var land = Check(input?.LandSquareMetres, "landSquareMetres", "Đất hiến", "m²", problems);
        var workdays = Check(input?.Workdays, "workdays", "Ngày công", "ngày công", problems);
        var inKind = Check(input?.InKind, "inKind", "Hiện vật (quy ra đồng)", "đồng", problems);
        if (problems.Count > 0)
            return Outcome.Invalid($"Số liệu đóng góp có {problems.Count} lỗi; chưa có gì được ghi.", problems);
        var row = await db.CommuneContributions.FirstOrDefaultAsync(c => c.CommuneCode == commune.Unit.Code && c.Year == year, ct);
        row ??= db
            .CommuneContributions.Add(
                new CommuneContribution
                {
                    CommuneCode = commune.Unit.Code,
                    Year = year,
                    ProvinceCode = commune.ProvinceNow,
                }
            )
            .Entity;
        (row.Cash, row.LandSquareMetres, row.Workdays, row.InKind) = (cash, land, workdays, inKind);
        (row.UpdatedAt, row.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, access.User.UserName);
        return await SaveAsync($"Đóng góp của người dân {commune.Unit.FullName} năm {year}", ct);
    }

    // ---- construction debt ----

    public async Task<(ConstructionDebtView? Debt, Outcome Outcome)> DebtAsync(string code, int year, CancellationToken ct)
    {
        var (commune, outcome) = await ReadableAsync(code, year, ct);
        if (commune is null)
            return (null, outcome);
        var found = await db
            .ConstructionDebts.AsNoTracking()
            .FirstOrDefaultAsync(d => d.CommuneCode == commune.Unit.Code && d.Year == year, ct);
        return found is null
            ? (null, Outcome.NotFound($"{commune.Unit.FullName} chưa có số liệu nợ đọng xây dựng cơ bản năm {year}."))
            : (View(found), Outcome.Done);
    }

    public async Task<Outcome> SaveDebtAsync(string code, int year, ConstructionDebtInput? input, CancellationToken ct)
    {
        var (commune, outcome) = await WritableAsync(code, year, "nợ đọng xây dựng cơ bản của xã", ct);
        if (commune is null)
            return outcome;
        var problems = new List<Problem>();
        var amount = Check(input?.Amount, "amount", "Nợ đọng xây dựng cơ bản", "đồng", problems);
        if (problems.Count > 0)
            return Outcome.Invalid("Số liệu nợ đọng chưa hợp lệ; chưa có gì được ghi.", problems);
        var row = await db.ConstructionDebts.FirstOrDefaultAsync(d => d.CommuneCode == commune.Unit.Code && d.Year == year, ct);
        row ??= db
            .ConstructionDebts.Add(
                new ConstructionDebt
                {
                    CommuneCode = commune.Unit.Code,
                    Year = year,
                    ProvinceCode = commune.ProvinceNow,
                }
            )
            .Entity;
        row.Amount = amount;
        (row.UpdatedAt, row.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, access.User.UserName);
        return await SaveAsync($"Nợ đọng xây dựng cơ bản {commune.Unit.FullName} năm {year}", ct);
    }

    /// <summary>
    /// The recorded outstanding construction debt of a commune-year, or null when none was recorded: what the recognition
    /// dossier's condition is read from (the caller has checked access to the dossier).
    /// </summary>
    public static Task<long?> RecordedDebtAsync(AppDbContext db, string commune, int year, CancellationToken ct) =>
        db
            .ConstructionDebts.AsNoTracking()
            .Where(d => d.CommuneCode == commune && d.Year == year)
            .Select(d => (long?)d.Amount)
            .FirstOrDefaultAsync(ct);

    // ---- the commune page's section ----

    /// <summary>The projects serving the commune (or invested by it) in the year with their allocation and disbursement, its contributions and its debt.</summary>
    public async Task<(CommuneMoneyView? Money, Outcome Outcome)> SectionAsync(string code, int year, CancellationToken ct)
    {
        var (commune, outcome) = await ReadableAsync(code, year, ct);
        if (commune is null)
            return (null, outcome);
        var own = commune.Unit.Code;
        var projects = db.Projects.Where(p =>
            p.ProvinceCode == commune.ProvinceNow
            && p.StartYear <= year
            && p.EndYear >= year
            && (p.InvestorCommuneCode == own || ("," + p.CommuneCodes + ",").Contains("," + own + ","))
        );
        var list = await projects
            .AsNoTracking()
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.Kind,
                p.ProgrammeCode,
                Investor = p.InvestorCommuneCode == own,
            })
            .ToListAsync(ct);
        var ids = list.Select(p => p.Id).ToList();
        var allocated = await db
            .ProjectAllocations.Where(a => a.Year == year && ids.Contains(a.ProjectId))
            .GroupBy(a => a.ProjectId)
            .Select(g => new { g.Key, S = g.Sum(a => a.Amount) })
            .ToDictionaryAsync(g => g.Key, g => g.S, ct);
        var disbursed = await db
            .ProjectDisbursements.Where(d => d.Year == year && ids.Contains(d.ProjectId))
            .GroupBy(d => d.ProjectId)
            .Select(g => new { g.Key, S = g.Sum(d => d.Increment) })
            .ToDictionaryAsync(g => g.Key, g => g.S, ct);
        var lines = list.Select(p =>
            {
                var (a, d) = (allocated.GetValueOrDefault(p.Id), disbursed.GetValueOrDefault(p.Id));
                return new CommuneProjectLine(p.Id, p.Name, p.Kind, p.ProgrammeCode, p.Investor, a, d, Rate.Of(d, a));
            })
            .ToList();
        var contributions = await db
            .CommuneContributions.AsNoTracking()
            .FirstOrDefaultAsync(c => c.CommuneCode == own && c.Year == year, ct);
        var debt = await db.ConstructionDebts.AsNoTracking().FirstOrDefaultAsync(d => d.CommuneCode == own && d.Year == year, ct);
        long allocatedTotal = lines.Sum(l => l.Allocated),
            disbursedTotal = lines.Sum(l => l.Disbursed);
        return (
            new CommuneMoneyView(
                own,
                commune.Unit.FullName,
                commune.ProvinceNow,
                year,
                lines,
                allocatedTotal,
                disbursedTotal,
                Rate.Of(disbursedTotal, allocatedTotal),
                contributions is null ? null : View(contributions),
                debt is null ? null : View(debt),
                access.CanWriteCommuneMoney(commune.ProvinceNow, own)
            ),
            Outcome.Done
        );
    }

    // ---- helpers ----

    private static long Check(long? value, string field, string label, string unit, List<Problem> problems)
    {
        if (value is null)
            problems.Add(new(field, $"Chưa có {label.ToLowerInvariant()} ({unit}); ghi 0 nếu không có."));
        else if (value < 0)
            problems.Add(new(field, $"{label} không được âm (nhận được {value})."));
        else if (value > CapitalPlanService.MaxAmount)
            problems.Add(new(field, $"{label} {value} {unit} vượt mức tối đa {CapitalPlanService.MaxAmount}."));
        return value ?? 0;
    }

    private async Task<Outcome> SaveAsync(string what, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }
        catch (DbUpdateException)
        {
            // Two first entries of the same commune-year at once: the unique index keeps one; the other is asked to retry.
            db.ChangeTracker.Clear();
            return Outcome.Conflict($"{what} vừa được người khác ghi cùng lúc; tải lại và ghi lại.");
        }
    }

    private static ContributionsView View(CommuneContribution c) =>
        new(c.CommuneCode, c.Year, c.Cash, c.LandSquareMetres, c.Workdays, c.InKind, Utc(c.UpdatedAt), c.UpdatedBy);

    private static ConstructionDebtView View(ConstructionDebt d) => new(d.CommuneCode, d.Year, d.Amount, Utc(d.UpdatedAt), d.UpdatedBy);

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
}
