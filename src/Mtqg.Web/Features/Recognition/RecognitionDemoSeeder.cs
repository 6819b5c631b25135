using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Accounts;
using Mtqg.Data.Recognition;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Recognition.Appraisal;
using Mtqg.Web.Features.Recognition.Decisions;
using Mtqg.Web.Features.Recognition.Dossiers;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Scorecards.Dashboards;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Recognition;

/// <summary>
/// Demo mode only (and <c>Mtqg:DemoRecognitions</c>, on unless set to false): two illustrative recognition
/// batches of Lào Cai (15) under the demo set, so the decision list, titles, plan progress and the yearly
/// review have something to show at first start. The communes are those the demo values make reach NTM
/// that year (Xã Bảo Hà, the demo commune, is left for the visitor to take through the process). Numbers
/// and signers say "minh họa": this is not an official decision.
/// Then five dossiers of the current year (of the year before in its first weeks, which the steps reach back into) at the steps of the process (draft,
/// being appraised, sent back, appraised and waiting for the council, waiting for the decision), taken there by the
/// demo accounts through <see cref="DossierService"/> itself, on dates of the past weeks, so the board, the appraisers'
/// queue and the timelines are alive at first start, whatever the year (docs/decisions/0012).
/// </summary>
public sealed class RecognitionDemoSeeder(
    AppDbContext db,
    SummaryService summaries,
    TimeProvider clock,
    IServiceProvider services,
    UserManager<AppUser> users,
    IUserClaimsPrincipalFactory<AppUser> principals,
    ILogger<RecognitionDemoSeeder> logger
)
{
    public const string Province = "15";
    private const string Commune = "02989";

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Decisions.AnyAsync(d => d.ProvinceCode == Province, ct))
            return;
        await BatchAsync(2025, new DateOnly(2025, 12, 20), "Đợt 1 năm 2025 (minh họa)", "01/QĐ-UBND", 30, ct);
        await BatchAsync(2026, new DateOnly(2026, 10, 15), "Đợt 1 năm 2026 (minh họa)", "02/QĐ-UBND", 12, ct);
        await db.SaveChangesAsync(ct);
        await DossiersAsync(ct);
    }

    /// <summary>How far back the dossiers' first steps go: a dossier is never created before its year begins.</summary>
    private const int StepsSpanDays = 32;

    private async Task DossiersAsync(CancellationToken ct)
    {
        var today = clock.GetUtcNow();
        var year = Math.Clamp(VietnamTime.Today(clock).AddDays(-StepsSpanDays).Year, 2026, DemoDataSeeder.CurrentYear(clock));
        var (summary, _) = await summaries.ProvinceSummaryAsync(Province, year, DemoDataSeeder.DemoSetCode, ct);
        if (summary is null)
            return;
        var titled = await db.CommuneTitles.Select(t => t.CommuneCode).ToListAsync(ct);
        var communes = summary
            .Communes.Where(c => c.Reached.Contains("NTM") && c.Code != Commune && !titled.Contains(c.Code))
            .OrderBy(c => c.Code)
            .Take(5)
            .Select(c => c.Code)
            .ToList();
        var admin = await PrincipalAsync("demo.admin");
        var coordinator = await PrincipalAsync("demo.dieuphoi");
        if (communes.Count < 5 || admin is null || coordinator is null)
            return;
        var appraisers = new List<ClaimsPrincipal>();
        foreach (var user in await db.Users.Where(u => u.UserName!.StartsWith("demo.thamdinh")).OrderBy(u => u.UserName).ToListAsync(ct))
            appraisers.Add(await principals.CreateAsync(user));

        var demoClock = new DemoClock(today);
        ClaimsPrincipal AppraiserOf(string? sector) =>
            appraisers.FirstOrDefault(a => AccessPolicy.SameSector(a.FindFirstValue(CurrentUser.SectorClaim), sector)) ?? admin;
        // Each step in its own scope, acting as its account: the services ask that scope's CurrentUser and AccessPolicy.
        async Task<DossierDto?> Step<TService>(
            double daysAgo,
            ClaimsPrincipal actor,
            Func<TService, Task<(DossierDto? Dossier, Mtqg.Domain.Common.Outcome Outcome)>> step
        )
            where TService : notnull
        {
            demoClock.Now = today.AddDays(-daysAgo);
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(actor);
            var steps = ActivatorUtilities.CreateInstance<DossierSteps>(scope.ServiceProvider, (TimeProvider)demoClock);
            var (dossier, outcome) = await step(ActivatorUtilities.CreateInstance<TService>(scope.ServiceProvider, steps));
            if (!outcome.IsDone)
                logger.LogWarning(
                    "Demo dossier step refused: {Message} {Problems}",
                    outcome.Message,
                    string.Join("; ", outcome.Problems.Select(p => p.Message))
                );
            return outcome.IsDone ? dossier : null;
        }
        async Task<DossierDto?> SubmittedAsync(string commune, double daysAgo, decimal satisfaction)
        {
            var created = await Step<DossierService>(daysAgo + 2, admin, s =>
                s.CreateAsync(new CreateDossierRequest(commune, year, DemoDataSeeder.DemoSetCode, "NTM"), ct)
            );
            if (created is null)
                return null;
            await Step<DossierService>(daysAgo + 1, admin, s =>
                s.UpdateAsync(created.Id, new UpdateDossierRequest(satisfaction, true, "Hồ sơ minh họa.", null), ct)
            );
            return await Step<DossierService>(daysAgo, admin, s => s.SubmitAsync(created.Id, ct));
        }
        async Task AppraiseAsync(DossierDto dossier, IEnumerable<DossierCriterionDto> criteria, double daysAgo)
        {
            foreach (var criterion in criteria)
                await Step<AppraisalService>(daysAgo -= 0.3, AppraiserOf(criterion.Sector), s =>
                    s.AppraiseAsync(
                        dossier.Id,
                        criterion.Number,
                        new AppraiseRequest("met", "Đã đối chiếu hồ sơ và kiểm tra thực tế (minh họa)."),
                        ct
                    )
                );
        }

        // 1. Being drafted by the commune.
        var draft = await Step<DossierService>(2, admin, s =>
            s.CreateAsync(new CreateDossierRequest(communes[0], year, DemoDataSeeder.DemoSetCode, "NTM"), ct)
        );
        if (draft is not null)
            await Step<DossierService>(1.5, admin, s =>
                s.UpdateAsync(draft.Id, new UpdateDossierRequest(88.5m, null, "Đang hoàn thiện biên bản lấy ý kiến (minh họa).", null), ct)
            );
        // 2. Submitted; two departments have finished, the others are at work.
        if (await SubmittedAsync(communes[1], 12, 93.2m) is { } appraising)
        {
            var sectors = appraising.Criteria.Select(c => c.Sector).Distinct().Take(2).ToHashSet();
            await AppraiseAsync(appraising, appraising.Criteria.Where(c => sectors.Contains(c.Sector)), 9);
        }
        // 3. Sent back: the departments have finished, one asks the commune for a missing record.
        if (await SubmittedAsync(communes[2], 20, 91m) is { } sentBack)
        {
            await AppraiseAsync(sentBack, sentBack.Criteria.SkipLast(1), 17);
            var missing = sentBack.Criteria.Last();
            await Step<AppraisalService>(14, AppraiserOf(missing.Sector), s =>
                s.SendBackAsync(
                    sentBack.Id,
                    missing.Number,
                    new SendBackRequest("Thiếu biên bản kiểm tra thực tế của tiêu chí; đề nghị xã bổ sung (minh họa)."),
                    ct
                )
            );
        }
        // 4. Every criterion appraised "đạt": waiting for the council.
        if (await SubmittedAsync(communes[3], 25, 95m) is { } appraised)
            await AppraiseAsync(appraised, appraised.Criteria, 21);
        // 5. Council held: waiting for the decision.
        if (await SubmittedAsync(communes[4], 30, 96.4m) is { } councilled)
        {
            await AppraiseAsync(councilled, councilled.Criteria, 26);
            await Step<DecisionService>(5, coordinator, s =>
                s.RecordCouncilAsync(
                    councilled.Id,
                    new CouncilRequest(
                        DateOnly.FromDateTime(today.AddDays(-5).Date),
                        [
                            "Phó Chủ tịch UBND tỉnh (minh họa)",
                            "Giám đốc Sở Nông nghiệp và Môi trường (minh họa)",
                            "Chánh Văn phòng Điều phối (minh họa)",
                        ],
                        3,
                        0,
                        $"Đề nghị Chủ tịch UBND tỉnh công nhận xã đạt chuẩn nông thôn mới năm {year} (minh họa)."
                    ),
                    ct
                )
            );
        }
    }

    private async Task<ClaimsPrincipal?> PrincipalAsync(string userName) =>
        await users.FindByNameAsync(userName) is { } user ? await principals.CreateAsync(user) : null;

    private async Task BatchAsync(int year, DateOnly date, string batch, string number, int count, CancellationToken ct)
    {
        var (summary, _) = await summaries.ProvinceSummaryAsync(Province, year, DemoDataSeeder.DemoSetCode, ct);
        if (summary is null)
            return;
        var recognised = await db.CommuneTitles.Select(t => t.CommuneCode).ToListAsync(ct);
        var communes = summary
            .Communes.Where(c =>
                c.Reached.Contains("NTM")
                && c.Code != Commune
                && !recognised.Contains(c.Code)
                && !db.CommuneTitles.Local.Any(t => t.CommuneCode == c.Code)
            )
            .OrderBy(c => c.Code)
            .Take(count)
            .ToList();
        if (communes.Count == 0)
            return;
        var decision = new DecisionRecord
        {
            ProvinceCode = Province,
            Kind = DecisionKind.Recognition,
            Number = number,
            Date = date,
            Signer = "Chủ tịch UBND tỉnh (minh họa)",
            LevelCode = "NTM",
            Year = year,
            Batch = batch,
            RecordedByName = "Dữ liệu minh họa",
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Decisions.Add(decision);
        var codes = communes.Select(c => c.Code).ToList();
        var units = await UnitService
            .InForce(db.Units, new DateOnly(year, 12, 31))
            .Where(u => codes.Contains(u.Code) && u.Level == UnitLevel.Commune)
            .ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        db.CommuneTitles.AddRange(
            communes.Select(c => new CommuneTitle
            {
                UnitId = units[c.Code],
                // Demo decisions are recorded without a dossier, as titles granted before the system would be.
                Origin = TitleOrigin.Baseline,
                CommuneCode = c.Code,
                CommuneName = c.Name,
                ProvinceCode = Province,
                SetCode = DemoDataSeeder.DemoSetCode,
                LevelCode = "NTM",
                Year = year,
                Since = date,
                Decision = decision,
            })
        );
    }
}
