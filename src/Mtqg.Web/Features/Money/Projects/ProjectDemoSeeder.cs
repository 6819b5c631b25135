using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Money;
using Mtqg.Domain.Common;
using Mtqg.Domain.Money;

namespace Mtqg.Web.Features.Money.Projects;

/// <summary>
/// Demo mode only: a handful of Lào Cai projects with allocations for this year and last, and cumulative disbursement
/// month by month up to this month (decision 0012: the demo follows the calendar), so the dashboard lives. One project's
/// investor is Xã Bảo Hà (02989), whose officer demo.xa enters its disbursement. Illustrative figures, not official ones.
/// </summary>
public sealed class ProjectDemoSeeder(AppDbContext db, TimeProvider clock)
{
    public const string Province = "15",
        DemoCommune = "02989";

    private sealed record Demo(string Name, string Kind, string Programme, string? Department, string? Commune, long Allocated, int Pace);

    private static readonly Demo[] Projects =
    [
        new("Đường giao thông liên thôn Bảo Hà", ProjectKinds.Investment, "ntm-2021-2025", null, DemoCommune, 4_200_000_000, 80),
        new("Chuỗi giá trị quế hữu cơ Văn Bàn", ProjectKinds.ProductionSupport, "gnbv-2021-2025", "SNNMT", null, 2_600_000_000, 55),
        new("Nhà văn hóa thôn Khe Bá", ProjectKinds.Investment, "ntm-2021-2025", "SXD", null, 1_500_000_000, 95),
        new("Nước sinh hoạt tập trung Bản Lầu", ProjectKinds.Investment, "dtts-mn-2021-2025", "SXD", null, 3_800_000_000, 30),
        new("Hỗ trợ chăn nuôi bò sinh sản Bảo Hà", ProjectKinds.ProductionSupport, "gnbv-2021-2025", null, DemoCommune, 900_000_000, 65),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Projects.AnyAsync(p => p.ProvinceCode == Province, ct))
            return;
        var programmes = await db.Programmes.AsNoTracking().Select(p => p.Code).ToListAsync(ct);
        var today = VietnamTime.Today(clock);
        var at = clock.GetUtcNow().UtcDateTime;
        foreach (var d in Projects.Where(p => programmes.Contains(p.Programme)))
        {
            var local = d.Allocated / 5;
            var project = new Project
            {
                ProvinceCode = Province,
                Name = d.Name,
                Kind = d.Kind,
                ProgrammeCode = d.Programme,
                InvestorDepartmentCode = d.Department,
                InvestorCommuneCode = d.Commune,
                CommuneCodes = DemoCommune,
                StartYear = today.Year - 1,
                EndYear = today.Year,
                ApprovedTotal = 2 * d.Allocated,
                ApprovedSources = ProjectService.FormatSources([
                    new(CapitalSource.CentralInvestment, 2 * (d.Allocated - local)),
                    new(CapitalSource.Local, 2 * local),
                ]),
                Criteria = d.Kind == ProjectKinds.Investment ? "2" : "10,13",
                UpdatedAt = at,
                UpdatedBy = "demo",
            };
            db.Projects.Add(project);
            foreach (var year in new[] { today.Year - 1, today.Year })
            {
                var lastMonth = year < today.Year ? 12 : today.Month;
                // Last year ran a little slower than this year's pace.
                var pace = year < today.Year ? d.Pace * 0.9 : d.Pace;
                foreach (
                    var (source, amount) in new[] { (CapitalSource.CentralInvestment, d.Allocated - local), (CapitalSource.Local, local) }
                )
                {
                    db.ProjectAllocations.Add(
                        new()
                        {
                            Project = project,
                            Year = year,
                            Source = source,
                            Amount = amount,
                        }
                    );
                    long previous = 0;
                    for (var m = 1; m <= lastMonth; m++)
                    {
                        // A slow start, then faster towards the end of the year: the usual shape of disbursement.
                        var share = pace / 100 * Math.Pow(m / 12.0, 1.6);
                        var cumulative = (long)Math.Round(amount * share / 1_000_000) * 1_000_000;
                        db.ProjectDisbursements.Add(
                            new()
                            {
                                Project = project,
                                Year = year,
                                Month = m,
                                Source = source,
                                Cumulative = cumulative,
                                Increment = cumulative - previous,
                                ByName = "demo",
                                At = at,
                            }
                        );
                        previous = cumulative;
                    }
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
