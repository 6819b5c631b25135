using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Recognition;
using Mtqg.Domain.Recognition;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Accounts;

namespace Mtqg.Web.Features.Mail;

/// <summary>
/// What a dossier step leaves waiting for someone, queued in the step's own SaveChanges (see DossierSteps): a criterion sent
/// back → the commune's accounts; criteria sent to appraisal (submitted, resubmitted) → the province's appraisers whose
/// department appraises them, as their queue (AppraisalService.QueueAsync) will show them.
/// </summary>
public sealed class DossierNotices(AppDbContext db, MailQueue queue)
{
    /// <summary>The criteria's appraisal state before the step, to compare with after.</summary>
    public static Dictionary<int, (CriterionAppraisalState State, int Round)> Before(DossierRecord record) =>
        record.Criteria.ToDictionary(c => c.Number, c => (c.State, c.Round));

    public async Task QueueAsync(
        DossierRecord record,
        Dictionary<int, (CriterionAppraisalState State, int Round)> before,
        CancellationToken ct
    )
    {
        if (!queue.IsOn)
            return;
        bool Became(DossierCriterionRecord c, CriterionAppraisalState state) =>
            c.State == state && (!before.TryGetValue(c.Number, out var was) || was.State != state || was.Round != c.Round);
        var sentBack = record.Criteria.Where(c => Became(c, CriterionAppraisalState.SentBack)).OrderBy(c => c.Number).ToList();
        var toAppraise = record.Criteria.Where(c => Became(c, CriterionAppraisalState.Pending)).OrderBy(c => c.Number).ToList();
        var path = $"/ho-so-de-nghi/{record.Id}";
        if (sentBack.Count > 0)
        {
            var commune = await queue.AccountsAsync([Roles.Commune], [record.CommuneCode], ct);
            foreach (var c in sentBack)
            {
                var appraisal = record.Appraisals.LastOrDefault(a => a.CriterionNumber == c.Number && a.Step == AppraisalStep.SentBack);
                var by = await DepartmentNameAsync(record.ProvinceCode, appraisal?.Sector ?? c.ResponsibleSector, ct);
                await queue.AddAsync(
                    commune,
                    r => new Notice(
                        "sent-back",
                        $"sent-back:{record.Id}:{c.Number}:{c.Round}:{r.UserId}",
                        $"Tiêu chí {c.Number} của hồ sơ {record.CommuneName} năm {record.Year} bị trả lại",
                        $"{by} đã trả lại tiêu chí {c.Number} «{c.Name}» trong hồ sơ đề nghị công nhận của {record.CommuneName} năm {record.Year}."
                            + (appraisal?.Comment is { Length: > 0 } reason ? $"\nLý do: {reason}" : "")
                            + "\nXã bổ sung rồi nộp lại hồ sơ.",
                        path
                    ),
                    ct
                );
            }
        }
        if (toAppraise.Count > 0)
        {
            var appraisers = await queue.AccountsAsync([Roles.Appraiser], [record.ProvinceCode], ct);
            foreach (var appraiser in appraisers)
            {
                var mine = toAppraise.Where(c => AccessPolicy.SameSector(c.ResponsibleSector, appraiser.Sector)).ToList();
                if (mine.Count == 0)
                    continue;
                var numbers = string.Join(", ", mine.Select(c => c.Number));
                await queue.AddAsync(
                    [appraiser],
                    r => new Notice(
                        "appraise",
                        $"appraise:{record.Id}:{string.Join('-', mine.Select(c => $"{c.Number}.{c.Round}"))}:{r.UserId}",
                        $"Thẩm định hồ sơ {record.CommuneName} năm {record.Year}: tiêu chí {numbers}",
                        $"Hồ sơ đề nghị công nhận của {record.CommuneName} năm {record.Year} chờ sở thẩm định tiêu chí:\n"
                            + string.Join("\n", mine.Select(c => $"- Tiêu chí {c.Number}: {c.Name}")),
                        path
                    ),
                    ct
                );
            }
        }
    }

    private async Task<string> DepartmentNameAsync(string province, string? code, CancellationToken ct)
    {
        if (code is null)
            return "Sở, ngành thẩm định";
        var name = await db
            .Departments.AsNoTracking()
            .Where(d => d.ProvinceCode == province && d.Code == code)
            .Select(d => d.Name)
            .FirstOrDefaultAsync(ct);
        return name ?? code;
    }
}
