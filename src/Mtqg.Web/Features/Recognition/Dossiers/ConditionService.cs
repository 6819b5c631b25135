using Mtqg.Data;
using Mtqg.Data.Recognition;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Recognition;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Recognition.Titles;
using Mtqg.Web.Features.Scorecards;

namespace Mtqg.Web.Features.Recognition.Dossiers;

/// <summary>The commune's declaration of one condition of its level (DESIGN §9: kiểu mẫu, 319/QĐ-TTg).</summary>
public sealed record ConditionDeclaration(string? Code, string? Evidence, string? Document);

/// <summary>The coordination office's judgement of a declared condition.</summary>
public sealed record ConditionAppraisalRequest(bool? Met, string? Note);

/// <summary>
/// The conditions of a dossier's level beyond thresholds: copied from the set when the dossier is created, declared by the
/// commune with evidence, title conditions judged from the titles held, declared ones judged by the coordination office; the
/// rules of when they stop a step are the pure <see cref="LevelConditions"/>.
/// </summary>
public sealed class ConditionService(AppDbContext db, DossierSteps steps, SetCatalog catalog, TitleService titles, AccessPolicy access)
{
    /// <summary>The conditions <paramref name="level"/> of <paramref name="set"/> asks, as rows of a new dossier.</summary>
    public static List<DossierConditionRecord> For(LoadedSet set, string level) =>
        set.ConditionsOf(level)
            .Select(
                (c, order) =>
                    new DossierConditionRecord
                    {
                        Order = order,
                        Code = c.Code,
                        Text = c.Text,
                        Judged = c.Judged,
                        HeldLevel = c.HeldLevel,
                    }
            )
            .ToList();

    /// <summary>Takes the commune's declarations into a dossier it may still edit; every unknown or title condition is named, nothing written.</summary>
    public static Outcome Declare(DossierRecord record, IReadOnlyList<ConditionDeclaration> declarations)
    {
        var problems = new List<Problem>();
        for (var i = 0; i < declarations.Count; i++)
        {
            var d = declarations[i];
            var condition = record.Conditions.FirstOrDefault(c =>
                string.Equals(c.Code, d?.Code?.Trim(), StringComparison.OrdinalIgnoreCase)
            );
            if (condition is null)
                problems.Add(
                    new(
                        $"conditions[{i}].code",
                        $"Mức {record.LevelCode} không có điều kiện mã \"{d?.Code}\"; các điều kiện: "
                            + (record.Conditions.Count == 0 ? "(không có)" : string.Join(", ", record.Conditions.Select(c => c.Code)))
                            + "."
                    )
                );
            else if (condition.Judged != CriteriaSetValidator.JudgedByDeclaration)
                problems.Add(
                    new($"conditions[{i}].code", $"Điều kiện {condition.Code} được xét theo danh hiệu xã đang giữ, xã không kê khai.")
                );
            else if (d!.Evidence is { Length: > 4000 })
                problems.Add(new($"conditions[{i}].evidence", $"Nội dung kê khai điều kiện {condition.Code} dài quá 4.000 ký tự."));
            else if (d.Document is { Length: > 500 })
                problems.Add(new($"conditions[{i}].document", $"Tên văn bản minh chứng điều kiện {condition.Code} dài quá 500 ký tự."));
        }
        if (problems.Count > 0)
            return Outcome.Invalid("Kê khai điều kiện của mức không hợp lệ.", problems);
        foreach (var d in declarations)
        {
            var condition = record.Conditions.First(c => string.Equals(c.Code, d.Code!.Trim(), StringComparison.OrdinalIgnoreCase));
            var evidence = InputText.IsBlank(d.Evidence) ? null : d.Evidence!.Trim();
            var document = InputText.IsBlank(d.Document) ? null : d.Document!.Trim();
            if (evidence == condition.Evidence && document == condition.Document)
                continue;
            (condition.Evidence, condition.Document) = (evidence, document);
            // What was judged is no longer what is declared: it is judged again.
            (condition.Met, condition.JudgeNote, condition.JudgedByName, condition.JudgedAt) = (null, null, null, null);
        }
        return Outcome.Done;
    }

    /// <summary>
    /// Before the commune submits: title conditions judged from the titles the commune holds today, then every condition that
    /// stops submitting named (409).
    /// </summary>
    public async Task<Outcome> ReadyToSubmitAsync(DossierRecord record, CancellationToken ct)
    {
        if (record.Conditions.Count == 0)
            return Outcome.Done;
        var set = await catalog.GetAsync(db, record.SetCode, ct);
        var unitId = await steps.UnitIdAsync(record.CommuneCode, record.Year, ct);
        foreach (var condition in record.Conditions.Where(c => c.Judged == CriteriaSetValidator.JudgedByTitle))
        {
            var rank = set?.Levels.FirstOrDefault(l => l.Code == condition.HeldLevel)?.Rank ?? int.MaxValue;
            var enough = set?.Levels.Where(l => l.Rank >= rank).Select(l => l.Code).ToList() ?? [];
            var holds = unitId is int id && enough.Count > 0 && await titles.HoldsAsync(id, enough, steps.Today, ct);
            if (condition.Met != holds)
                (condition.Met, condition.JudgedByName, condition.JudgedAt) = (holds, "Hệ thống (theo danh hiệu đang giữ)", steps.Now);
        }
        var missing = LevelConditions.BeforeSubmit(States(record));
        return missing.Count == 0
            ? Outcome.Done
            : Outcome.Rejected(
                $"Chưa nộp được hồ sơ mức {record.LevelCode}: còn điều kiện của mức chưa đáp ứng — {string.Join("; ", missing)}."
            );
    }

    /// <summary>What stops a recognition decision on this dossier, in one sentence; null when every condition is judged met.</summary>
    public static string? BlocksDecision(DossierRecord record) =>
        LevelConditions.BeforeDecision(States(record)) is { Count: > 0 } missing
            ? $"còn điều kiện của mức {record.LevelCode} chưa được xét đạt — {string.Join("; ", missing)}."
            : null;

    /// <summary>The coordination office of the dossier's province judges a declared condition: met or not, with a note (required when not met).</summary>
    public Task<(DossierDto? Dossier, Outcome Outcome)> AppraiseAsync(
        int id,
        string code,
        ConditionAppraisalRequest request,
        CancellationToken ct
    )
    {
        if (request.Met is null)
            return Task.FromResult<(DossierDto?, Outcome)>(
                (null, Outcome.Invalid("Thiếu kết quả xét.", [new("met", "Ghi kết quả: true (đạt) hoặc false (chưa đạt).")]))
            );
        if (request.Met == false && InputText.IsBlank(request.Note))
            return Task.FromResult<(DossierDto?, Outcome)>(
                (null, Outcome.Invalid("Thiếu lý do.", [new("note", "Điều kiện chưa đạt phải ghi lý do để xã biết cần bổ sung gì.")]))
            );
        if (request.Note is { Length: > 4000 })
            return Task.FromResult<(DossierDto?, Outcome)>(
                (null, Outcome.Invalid("Ý kiến quá dài.", [new("note", "Ý kiến dài quá 4.000 ký tự.")]))
            );
        return steps.StepAsync(
            id,
            null,
            ct,
            (record, _) =>
                access.CanManageProvince(record.ProvinceCode)
                    ? null
                    : Outcome.Forbidden($"Chỉ Văn phòng điều phối tỉnh {record.ProvinceCode} (hoặc quản trị) xét điều kiện của mức."),
            (record, dossier, actor, now) =>
            {
                var condition = record.Conditions.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));
                if (condition is null)
                    return Task.FromResult(Outcome.NotFound($"Hồ sơ #{id} (mức {record.LevelCode}) không có điều kiện mã \"{code}\"."));
                if (condition.Judged != CriteriaSetValidator.JudgedByDeclaration)
                    return Task.FromResult(
                        Outcome.Rejected($"Điều kiện {condition.Code} được hệ thống xét theo danh hiệu xã đang giữ, không xét tay.")
                    );
                if (dossier.Status is DossierStatus.Draft or DossierStatus.Recognised or DossierStatus.Rejected)
                    return Task.FromResult(
                        Outcome.Rejected(
                            $"Hồ sơ đang ở trạng thái «{dossier.Status.Label()}»: chỉ xét điều kiện khi hồ sơ đã nộp và chưa có quyết định."
                        )
                    );
                if (condition.Evidence is null)
                    return Task.FromResult(Outcome.Rejected($"Xã chưa kê khai điều kiện {condition.Code}: chưa có gì để xét."));
                condition.Met = request.Met;
                condition.JudgeNote = InputText.IsBlank(request.Note) ? null : request.Note!.Trim();
                condition.JudgedByName = actor.Name;
                condition.JudgedAt = now;
                return Task.FromResult(Outcome.Done);
            }
        );
    }

    private static IEnumerable<ConditionState> States(DossierRecord record) =>
        record
            .Conditions.OrderBy(c => c.Order)
            .Select(c => new ConditionState(
                new LevelCondition(c.Code, c.Text, c.Judged, c.HeldLevel),
                c.Evidence,
                c.Document,
                c.Met,
                c.JudgeNote
            ));
}
