using System.Text;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Recognition;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using RecognitionDossier = Mtqg.Domain.Recognition.Dossier;

namespace Mtqg.Web.Features.Recognition.Titles;

/// <summary>Titles recorded: granted before the system (baseline), acknowledged after the reform, checked as decisions.</summary>
public sealed partial class TitleService
{
    /// <summary>Records a title granted before the system: the commune as it was on the decision's date.</summary>
    public Task<(HeldTitle? Title, Outcome Outcome)> RecordBaselineAsync(BaselineTitleRequest request, CancellationToken ct) =>
        BaselineAsync(request, true, ct);

    private async Task<(HeldTitle? Title, Outcome Outcome)> BaselineAsync(BaselineTitleRequest request, bool save, CancellationToken ct)
    {
        var problems = DecisionProblems(request.CommuneCode, request.Level, request.DecisionNumber, request.DecisionDate, request.Signer);
        if (db.TooLong((CommuneTitle t) => t.Note, request.Note?.Trim(), "note") is { } noteTooLong)
            problems.Add(noteTooLong);
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Thông tin danh hiệu chưa đủ hoặc chưa đúng.", problems));
        var date = request.DecisionDate!.Value;
        var unit = await CommuneAtAsync(request.CommuneCode!.Trim(), date, ct);
        if (unit is null)
            return (
                null,
                Outcome.Invalid(
                    "Không có xã vào ngày quyết định.",
                    [new("communeCode", $"Không có xã mã \"{request.CommuneCode.Trim()}\" có hiệu lực ngày {VietnamTime.Format(date)}.")]
                )
            );
        var provinceNow = await lineage.ProvinceNowAsync(unit.ProvinceCode, unit.ValidTo);
        if (!access.CanManageProvince(provinceNow))
            return (
                null,
                Outcome.Forbidden($"Chỉ Văn phòng Điều phối tỉnh {provinceNow} (hoặc quản trị) ghi nhận danh hiệu của {unit.FullName}.")
            );
        var level = request.Level!.Trim();
        var (set, setProblem) = await SetOfAsync(request.SetCode, level, date.Year, ct);
        if (setProblem is not null)
            return (null, Outcome.Invalid("Mức hoặc bộ tiêu chí không hợp lệ.", [setProblem]));
        return await AddAsync(
            unit,
            unit.ProvinceCode,
            level,
            set,
            date,
            request,
            TitleOrigin.Baseline,
            DecisionKind.Recognition,
            [],
            ct,
            save
        );
    }

    /// <summary>Records the province's decision that a commune formed by the reform holds a level its predecessors held.</summary>
    public async Task<(HeldTitle? Title, Outcome Outcome)> AcknowledgeAsync(AcknowledgementRequest request, CancellationToken ct)
    {
        var problems = DecisionProblems(request.CommuneCode, request.Level, request.DecisionNumber, request.DecisionDate, request.Signer);
        if (request.BasedOn is null || request.BasedOn.Count == 0)
            problems.Add(new("basedOn", "Chưa nêu danh hiệu của xã cũ làm căn cứ (basedOn: [id danh hiệu])."));
        if (db.TooLong((CommuneTitle t) => t.Note, request.Note?.Trim(), "note") is { } noteTooLong)
            problems.Add(noteTooLong);
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Thông tin quyết định ghi nhận chưa đủ hoặc chưa đúng.", problems));
        var date = request.DecisionDate!.Value;
        var unit = await CommuneAtAsync(request.CommuneCode!.Trim(), date, ct);
        if (unit is null)
            return (
                null,
                Outcome.Invalid(
                    "Không có xã vào ngày quyết định.",
                    [new("communeCode", $"Không có xã mã \"{request.CommuneCode.Trim()}\" có hiệu lực ngày {VietnamTime.Format(date)}.")]
                )
            );
        var provinceNow = await lineage.ProvinceNowAsync(unit.ProvinceCode, unit.ValidTo);
        if (!access.CanManageProvince(provinceNow))
            return (
                null,
                Outcome.Forbidden($"Chỉ Văn phòng Điều phối tỉnh {provinceNow} (hoặc quản trị) ghi nhận danh hiệu của {unit.FullName}.")
            );

        var level = request.Level!.Trim();
        var predecessors = await db.UnitSuccessions.Where(s => s.SuccessorId == unit.Id).Select(s => s.PredecessorId).ToListAsync(ct);
        var ids = request.BasedOn!.Distinct().ToList();
        var basis = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => ids.Contains(t.Id))
            .Select(t => new
            {
                t.Id,
                t.UnitId,
                t.CommuneName,
                t.LevelCode,
                t.SetCode,
                t.RevokedOn,
            })
            .ToListAsync(ct);
        foreach (var id in ids)
        {
            var title = basis.FirstOrDefault(t => t.Id == id);
            if (title is null)
                problems.Add(new("basedOn", $"Không có danh hiệu #{id}."));
            else if (!predecessors.Contains(title.UnitId))
                problems.Add(
                    new("basedOn", $"Danh hiệu #{id} là của {title.CommuneName}, không phải xã được sắp xếp vào {unit.FullName}.")
                );
            else if (title.LevelCode != level)
                problems.Add(new("basedOn", $"Danh hiệu #{id} của {title.CommuneName} là mức {title.LevelCode}, không phải mức {level}."));
            else if (title.RevokedOn is { } revoked && revoked <= date)
                problems.Add(new("basedOn", $"Danh hiệu #{id} của {title.CommuneName} đã bị thu hồi ngày {VietnamTime.Format(revoked)}."));
        }
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Danh hiệu làm căn cứ không hợp lệ.", problems));
        var setCode = basis.Select(t => t.SetCode).FirstOrDefault(c => c.Length > 0);
        var (set, setProblem) = await SetOfAsync(setCode, level, date.Year, ct);
        if (setProblem is not null)
            return (null, Outcome.Invalid("Mức hoặc bộ tiêu chí không hợp lệ.", [setProblem]));
        var baseline = new BaselineTitleRequest(
            request.CommuneCode,
            level,
            set,
            request.DecisionNumber,
            date,
            request.Signer,
            request.Note
        );
        return await AddAsync(
            unit,
            provinceNow,
            level,
            set,
            date,
            baseline,
            TitleOrigin.Acknowledgement,
            DecisionKind.Acknowledgement,
            ids,
            ct
        );
    }

    private List<Problem> DecisionProblems(string? commune, string? level, string? number, DateOnly? date, string? signer)
    {
        var problems = new List<Problem>();
        if (InputText.IsBlank(commune))
            problems.Add(new("communeCode", "Chưa có mã xã."));
        if (InputText.IsBlank(level))
            problems.Add(new("level", "Chưa có mức đạt chuẩn (ví dụ NTM)."));
        if (InputText.IsBlank(number))
            problems.Add(new("decisionNumber", "Chưa có số quyết định (ví dụ 1234/QĐ-UBND)."));
        else if (!RecognitionDossier.IsDecisionNumber(number))
            problems.Add(new("decisionNumber", $"Số quyết định «{number.Trim()}» không đúng dạng «số/QĐ-cơ quan», ví dụ 1234/QĐ-UBND."));
        if (date is null)
            problems.Add(new("decisionDate", "Chưa có ngày quyết định (yyyy-MM-dd)."));
        else if (date.Value.Year < 2000)
            problems.Add(new("decisionDate", $"Ngày quyết định {VietnamTime.Format(date.Value)} trước năm 2000: ngoài phạm vi hệ thống."));
        else if (PastDate.Check("decisionDate", "Ngày quyết định", date, Today) is { } future)
            problems.Add(future);
        problems.AddRange(
            new[]
            {
                db.TooLong((DecisionRecord d) => d.Number, number?.Trim().Normalize(NormalizationForm.FormC), "decisionNumber"),
                db.TooLong((DecisionRecord d) => d.Signer, signer?.Trim(), "signer"),
            }.OfType<Problem>()
        );
        return problems;
    }

    /// <summary>
    /// The set a title is judged by: the one named (it must carry the level), else the published set in force in the decision's
    /// year carrying the level, else none ("" — a title from before the sets in the system). A level no set knows is refused.
    /// </summary>
    private async Task<(string Set, Problem? Problem)> SetOfAsync(string? named, string level, int year, CancellationToken ct)
    {
        if (!InputText.IsBlank(named))
        {
            var code = named.Trim();
            var levels = await db
                .CriteriaLevels.Where(l => db.CriteriaSets.Any(s => s.Id == l.CriteriaSetId && s.Code == code))
                .Select(l => l.Code)
                .ToListAsync(ct);
            if (levels.Count == 0 && !await db.CriteriaSets.AnyAsync(s => s.Code == code, ct))
                return ("", new("setCode", $"Không có bộ tiêu chí mã \"{code}\"."));
            return levels.Contains(level)
                ? (code, null)
                : ("", new("level", $"Bộ tiêu chí {code} không có mức \"{level}\"; các mức: {string.Join(", ", levels)}."));
        }
        var known = await db.CriteriaLevels.Select(l => l.Code).Distinct().ToListAsync(ct);
        if (!known.Contains(level))
            return ("", new("level", $"Không có mức \"{level}\" trong các bộ tiêu chí; các mức: {string.Join(", ", known.Order())}."));
        var inForce = await db
            .CriteriaSets.Where(s =>
                s.ValidFrom <= year
                && s.ValidTo >= year
                && s.Status == Domain.Criteria.CriteriaSetStatus.Published
                && !s.IsDemo
                && s.ProvinceCode == null
            )
            .Where(s => s.Levels.Any(l => l.Code == level))
            .OrderBy(s => s.Code)
            .Select(s => s.Code)
            .FirstOrDefaultAsync(ct);
        return (inForce ?? "", null);
    }

    private async Task<(HeldTitle? Title, Outcome Outcome)> AddAsync(
        AdministrativeUnit unit,
        string decisionProvince,
        string level,
        string set,
        DateOnly date,
        BaselineTitleRequest request,
        TitleOrigin origin,
        DecisionKind kind,
        IReadOnlyList<int> basedOn,
        CancellationToken ct,
        bool save = true
    )
    {
        var held = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => t.UnitId == unit.Id && t.LevelCode == level && t.RevokedOn == null)
            .Select(t => new { t.Decision.Number, t.Since })
            .FirstOrDefaultAsync(ct);
        if (held is not null)
            return (
                null,
                Outcome.Conflict(
                    $"{unit.FullName} đã giữ danh hiệu mức {level} theo quyết định {held.Number} ngày {VietnamTime.Format(held.Since)}."
                )
            );
        if (db.CommuneTitles.Local.Any(t => t.UnitId == unit.Id && t.LevelCode == level))
            return (null, Outcome.Conflict($"{unit.FullName} mức {level} có hai lần trong cùng tệp."));
        var number = request.DecisionNumber!.Trim().Normalize(NormalizationForm.FormC);
        var signer = request.Signer?.Trim() ?? "";
        var decision = db.Decisions.Local.FirstOrDefault(d => d.ProvinceCode == decisionProvince && d.Number == number)
            ?? await db.Decisions.FirstOrDefaultAsync(d => d.ProvinceCode == decisionProvince && d.Number == number, ct);
        if (decision is null)
        {
            decision = new DecisionRecord
            {
                ProvinceCode = decisionProvince,
                Kind = kind,
                Number = number,
                Date = date,
                Signer = signer,
                LevelCode = level,
                Year = date.Year,
                RecordedByName = access.User.Actor.Name,
                RecordedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Decisions.Add(decision);
        }
        else if (decision.Kind != kind || decision.Date != date || decision.LevelCode != level)
            return (
                null,
                Outcome.Conflict(
                    $"Tỉnh {decisionProvince} đã có quyết định số {number} ngày {VietnamTime.Format(decision.Date)} (mức {decision.LevelCode}); "
                        + "ngày hoặc mức đã nhập khác. Kiểm tra lại số quyết định."
                )
            );
        var title = new CommuneTitle
        {
            UnitId = unit.Id,
            Origin = origin,
            CommuneCode = unit.Code,
            CommuneName = unit.FullName,
            ProvinceCode = decisionProvince,
            SetCode = set,
            LevelCode = level,
            Year = date.Year,
            Since = date,
            Decision = decision,
            Note = InputText.IsBlank(request.Note) ? null : request.Note.Trim(),
            BasedOnTitleIds = basedOn.Count == 0 ? null : string.Join(',', basedOn),
        };
        db.CommuneTitles.Add(title);
        if (!save)
            return (null, Outcome.Done);
        await db.SaveChangesAsync(ct);
        var rows = await TitleRowsAsync(db.CommuneTitles.Where(t => t.Id == title.Id), ct);
        return (rows[0].Title, Outcome.Done);
    }
}
