using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Recognition;
using Mtqg.Web.Features.Scorecards;

namespace Mtqg.Web.Features.Recognition;

/// <summary>
/// Demo mode only (and <c>Mtqg:DemoRecognitions</c>, on unless set to false): two illustrative recognition
/// batches of Lào Cai (15) under the demo set, so the decision list, titles, plan progress and the yearly
/// review have something to show at first start. The communes are those the demo values make reach NTM
/// that year (Xã Bảo Hà, the demo commune, is left for the visitor to take through the process). Numbers
/// and signers say "minh họa": this is not an official decision.
/// </summary>
public sealed class RecognitionDemoSeeder(AppDbContext db, ScorecardService scorecards, TimeProvider clock)
{
    public const string Province = "15";
    private const string Commune = "02989";

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Decisions.AnyAsync(d => d.ProvinceCode == Province, ct)) return;
        await BatchAsync(2025, new DateOnly(2025, 12, 20), "Đợt 1 năm 2025 (minh họa)", "01/QĐ-UBND", 30, ct);
        await BatchAsync(2026, new DateOnly(2026, 10, 15), "Đợt 1 năm 2026 (minh họa)", "02/QĐ-UBND", 12, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task BatchAsync(int year, DateOnly date, string batch, string number, int count, CancellationToken ct)
    {
        var (summary, _) = await scorecards.ProvinceSummaryAsync(Province, year, DemoDataSeeder.DemoSetCode, ct);
        if (summary is null) return;
        var recognised = await db.CommuneTitles.Select(t => t.CommuneCode).ToListAsync(ct);
        var communes = summary.Communes
            .Where(c => c.Reached.Contains("NTM") && c.Code != Commune && !recognised.Contains(c.Code) && !db.CommuneTitles.Local.Any(t => t.CommuneCode == c.Code))
            .OrderBy(c => c.Code).Take(count).ToList();
        if (communes.Count == 0) return;
        var decision = new DecisionRecord
        {
            ProvinceCode = Province, Kind = DecisionKind.Recognition, Number = number, Date = date,
            Signer = "Chủ tịch UBND tỉnh (minh họa)", LevelCode = "NTM", Year = year, Batch = batch,
            RecordedByName = "Dữ liệu minh họa", RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Decisions.Add(decision);
        db.CommuneTitles.AddRange(communes.Select(c => new CommuneTitle
        {
            CommuneCode = c.Code, CommuneName = c.Name, ProvinceCode = Province, SetCode = DemoDataSeeder.DemoSetCode,
            LevelCode = "NTM", Year = year, Since = date, Decision = decision,
        }));
    }
}
