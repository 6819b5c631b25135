using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Domain.Common;
using Mtqg.Domain.Plans;
using Mtqg.Web.Api;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Plans;

/// <summary>Plans, their targets and the progress of each: computed (levels reached) or recorded (activities).</summary>
public sealed class PlanService(
    AppDbContext db,
    Agencies agencies,
    AccessPolicy access,
    ILevelAttainment attainment,
    FileStore files,
    TimeProvider clock
)
{
    public const string RecordedSource = "ghi nhận của đơn vị thực hiện";
    private DateOnly Today => VietnamTime.Today(clock);

    public async Task<(IReadOnlyList<PlanLine>? Plans, Outcome Outcome)> ListAsync(string province, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(province))
            return (null, Agencies.ProvinceRequired);
        if (!access.CanReadProvinceWork(province))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem kế hoạch của tỉnh {province}."));
        var plans = await db
            .Plans.AsNoTracking()
            .Where(p => p.ProvinceCode == province)
            .OrderByDescending(p => p.IssuedOn)
            .ThenBy(p => p.Number)
            .Select(p => new PlanLine(
                p.Id,
                p.ProvinceCode,
                p.Number,
                p.Issuer,
                p.IssuedOn,
                p.PeriodFrom,
                p.PeriodTo,
                p.Title,
                p.Targets.Count,
                p.FileKey != null
            ))
            .ToListAsync(ct);
        return (plans, Outcome.Done);
    }

    public Task<(int? Id, Outcome Outcome)> CreateAsync(PlanInput input, CancellationToken ct) => SaveAsync(null, input, ct);

    /// <summary>
    /// Creates a plan (<paramref name="id"/> null) or corrects its number, issuer, date, period and title (the province is
    /// kept); <paramref name="version"/>: the version it was read at (<see cref="EditVersion"/>).
    /// </summary>
    public async Task<(int? Id, Outcome Outcome)> SaveAsync(int? id, PlanInput input, CancellationToken ct, string? version = null)
    {
        var plan = id is null ? null : await db.Plans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (id is not null && plan is null)
            return (null, Outcome.NotFound($"Không có kế hoạch số {id}."));
        var province = plan?.ProvinceCode ?? input.ProvinceCode?.Trim() ?? "";
        var problems = new List<Problem>();
        if (plan is null && (province.Length == 0 || await agencies.ProvinceNameAsync(province, Today, ct) is null))
            problems.Add(new("provinceCode", $"Không có tỉnh, thành phố mã \"{province}\" đang có hiệu lực."));
        else if (!access.CanManageProvince(province))
            return (
                null,
                Outcome.Forbidden(
                    $"Chỉ Văn phòng Điều phối của tỉnh {province} mới {(plan is null ? "lập" : "sửa")} được kế hoạch của tỉnh."
                )
            );
        if (plan is not null && input.ProvinceCode is { Length: > 0 } other && other.Trim() != province)
            problems.Add(new("provinceCode", $"Kế hoạch thuộc tỉnh {province}: không chuyển sang tỉnh khác được."));
        Required(problems, "number", input.Number, (Plan p) => p.Number, "Phải nhập số, ký hiệu kế hoạch (ví dụ 239/KH-BCĐ).");
        Required(problems, "issuer", input.Issuer, (Plan p) => p.Issuer, "Phải nhập cơ quan ban hành.");
        Required(problems, "title", input.Title, (Plan p) => p.Title, "Phải nhập trích yếu (tên) kế hoạch.");
        if (input.IssuedOn is null)
            problems.Add(new("issuedOn", "Phải nhập ngày ban hành."));
        else if (PastDate.Check("issuedOn", "Ngày ban hành", input.IssuedOn, Today) is { } future)
            problems.Add(future);
        if (input.PeriodFrom is null)
            problems.Add(new("periodFrom", "Phải nhập ngày bắt đầu kỳ kế hoạch."));
        if (input.PeriodTo is null)
            problems.Add(new("periodTo", "Phải nhập ngày kết thúc kỳ kế hoạch."));
        if (input.PeriodFrom is { } from && input.PeriodTo is { } to && to < from)
            problems.Add(new("periodTo", "Ngày kết thúc kỳ kế hoạch phải sau ngày bắt đầu."));
        var number = input.Number?.Trim() ?? "";
        if (problems.Count == 0 && await db.Plans.AnyAsync(p => p.ProvinceCode == province && p.Number == number && p.Id != (id ?? 0), ct))
            problems.Add(new("number", $"Tỉnh đã có kế hoạch số {number}."));
        if (plan is not null && EditVersion.IsStale(version, plan.UpdatedAt))
            return (null, EditVersion.Changed($"Kế hoạch số {plan.Number}", plan.UpdatedAt, plan.UpdatedBy));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Kế hoạch chưa hợp lệ.", problems));
        plan ??= db
            .Plans.Add(
                new Plan
                {
                    ProvinceCode = province,
                    Number = number,
                    Issuer = "",
                    Title = "",
                }
            )
            .Entity;
        (plan.Number, plan.Issuer, plan.IssuedOn, plan.PeriodFrom, plan.PeriodTo, plan.Title) = (
            number,
            input.Issuer!.Trim(),
            input.IssuedOn!.Value,
            input.PeriodFrom!.Value,
            input.PeriodTo!.Value,
            input.Title!.Trim()
        );
        (plan.UpdatedAt, plan.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, access.User.UserName);
        var saved = await EditVersion.SaveAsync(db, plan, $"Kế hoạch số {number}", ct);
        return (saved.IsDone ? plan.Id : null, saved);
    }

    /// <summary>
    /// Deletes a plan made by mistake, with its targets, while no progress has been recorded on it (after that it is the
    /// record of work done); the signed file is removed from the store after the commit.
    /// </summary>
    public async Task<Outcome> DeleteAsync(int id, CancellationToken ct, string? version = null)
    {
        var plan = await db
            .Plans.Include(p => p.Targets)
                .ThenInclude(t => t.Updates)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
            return Outcome.NotFound($"Không có kế hoạch số {id}.");
        if (!access.CanManageProvince(plan.ProvinceCode))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {plan.ProvinceCode} mới xóa được kế hoạch.");
        if (EditVersion.IsStale(version, plan.UpdatedAt))
            return EditVersion.Changed($"Kế hoạch số {plan.Number}", plan.UpdatedAt, plan.UpdatedBy);
        var recorded = plan.Targets.Sum(t => t.Updates.Count);
        if (recorded > 0)
            return Outcome.Conflict(
                $"Không xóa được kế hoạch số {plan.Number}: đã ghi {recorded} lần tiến độ. Sửa thông tin kế hoạch thay vì xóa."
            );
        var file = plan.FileKey;
        db.Plans.Remove(plan);
        var saved = await EditVersion.SaveAsync(db, plan, $"Kế hoạch số {plan.Number}", ct);
        if (saved.IsDone && file is not null)
            files.Delete(file);
        return saved;
    }

    /// <summary>Deletes a target added by mistake while no progress has been recorded on it; the plan's version moves on.</summary>
    public async Task<Outcome> DeleteTargetAsync(int planId, int targetId, CancellationToken ct, string? version = null)
    {
        var target = await db
            .PlanTargets.Include(t => t.Plan)
            .Include(t => t.Updates)
            .FirstOrDefaultAsync(t => t.Id == targetId && t.PlanId == planId, ct);
        if (target is null)
            return Outcome.NotFound($"Kế hoạch số {planId} không có mục tiêu số {targetId}.");
        var plan = target.Plan;
        if (!access.CanManageProvince(plan.ProvinceCode))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {plan.ProvinceCode} mới xóa được mục tiêu.");
        if (EditVersion.IsStale(version, plan.UpdatedAt))
            return EditVersion.Changed($"Kế hoạch số {plan.Number}", plan.UpdatedAt, plan.UpdatedBy);
        if (target.Updates.Count > 0)
            return Outcome.Conflict($"Không xóa được mục tiêu «{target.Name}»: đã ghi {target.Updates.Count} lần tiến độ.");
        db.PlanTargets.Remove(target);
        (plan.UpdatedAt, plan.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, access.User.UserName);
        return await EditVersion.SaveAsync(db, plan, $"Kế hoạch số {plan.Number}", ct);
    }

    public async Task<(PlanView? Plan, Outcome Outcome)> GetAsync(int id, CancellationToken ct, DateOnly? asOf = null)
    {
        var plan = await db
            .Plans.AsNoTracking()
            .Include(p => p.Targets)
                .ThenInclude(t => t.Updates)
            .Include(p => p.Targets)
                .ThenInclude(t => t.Agency)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
            return (null, Outcome.NotFound($"Không có kế hoạch số {id}."));
        if (!access.CanReadProvinceWork(plan.ProvinceCode))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem kế hoạch của tỉnh {plan.ProvinceCode}."));
        var today = asOf ?? Today;
        var codes = plan.Targets.SelectMany(t =>
            CommuneGoals(t).Select(g => g.CommuneCode).Append(t.CommuneCode ?? "").Concat(t.Updates.Select(u => u.CommuneCode ?? ""))
        );
        var names = await agencies.NamesAsync(codes.Where(c => c.Length > 0), today, ct);
        var targets = new List<TargetView>();
        foreach (var target in plan.Targets.OrderBy(t => t.Kind).ThenBy(t => t.Id))
            targets.Add(await ViewAsync(plan, target, names, today, ct));
        var file = plan.FileKey is null
            ? null
            : new PlanFileView(plan.FileName!, FileStore.ContentTypeOf(plan.FileKey), plan.FileSize ?? 0);
        return (
            new PlanView(
                plan.Id,
                plan.ProvinceCode,
                await agencies.ProvinceNameAsync(plan.ProvinceCode, today, ct) ?? plan.ProvinceCode,
                plan.Number,
                plan.Issuer,
                plan.IssuedOn,
                plan.PeriodFrom,
                plan.PeriodTo,
                plan.Title,
                file,
                today,
                targets,
                EditVersion.Of(plan.UpdatedAt)
            ),
            Outcome.Done
        );
    }

    private async Task<TargetView> ViewAsync(
        Plan plan,
        PlanTarget target,
        Dictionary<string, string> names,
        DateOnly today,
        CancellationToken ct
    )
    {
        string Name(string code) => names.GetValueOrDefault(code, code);
        var updates = target
            .Updates.OrderByDescending(u => u.Date)
            .ThenByDescending(u => u.Id)
            .Select(u => new UpdateView(
                u.Id,
                u.Date,
                u.Amount,
                u.CommuneCode,
                u.CommuneCode is null ? null : Name(u.CommuneCode),
                u.Evidence,
                u.By,
                u.RecordedAt,
                u.FileName
            ))
            .ToList();
        TargetView View(
            TargetProgress p,
            string source,
            IReadOnlyList<CommuneRef> counted,
            IReadOnlyList<PipelineView> pipeline,
            IReadOnlyList<CommuneProgressView> communes
        ) =>
            new(
                target.Id,
                KindCode(target.Kind),
                target.Name,
                target.Level,
                target.Year,
                target.CommuneCode,
                target.CommuneCode is null ? null : Name(target.CommuneCode),
                target.Goal,
                target.Unit,
                target.Kind == TargetKind.Activity ? ScopeCode(target.Scope) : null,
                target.Kind == TargetKind.Activity ? ModeCode(target.Mode) : null,
                target.AgencyId,
                target.Agency?.Name,
                p.Achieved,
                p.Percent,
                p.ExpectedPercent,
                StateCode(p.State),
                StateName(p.State),
                p.Summary,
                source,
                counted,
                pipeline,
                communes,
                updates
            );

        switch (target.Kind)
        {
            case TargetKind.CommuneCount:
            {
                var found = await attainment.InYearAsync(plan.ProvinceCode, target.Year!.Value, target.Level!, today, ct);
                var progress = new CommuneCountTarget(target.Level!, target.Year.Value, (int)target.Goal).ProgressAt(
                    found.Reached,
                    found.Candidates,
                    today
                );
                string N(string code) => found.Names.GetValueOrDefault(code) ?? Name(code);
                return View(
                    progress.Progress,
                    attainment.Source,
                    [.. progress.RecognisedCommunes.Select(c => new CommuneRef(c, N(c)))],
                    [.. progress.Pipeline.Select(c => new PipelineView(c.CommuneCode, N(c.CommuneCode), c.MissingCriteria))],
                    []
                );
            }
            case TargetKind.NamedCommune:
            {
                var facts = new List<RecognitionFact>();
                for (var year = Math.Min(plan.PeriodFrom.Year, target.Year!.Value); year <= Math.Min(target.Year.Value, today.Year); year++)
                    facts.AddRange(
                        (await attainment.InYearAsync(plan.ProvinceCode, year, target.Level!, today, ct)).Reached.Where(r =>
                            r.CommuneCode == target.CommuneCode
                        )
                    );
                var named = new NamedCommuneTarget(target.CommuneCode!, target.Level!, target.Year.Value).ProgressAt(facts, today);
                var done = named.State == TargetState.Done;
                var start = new DateOnly(Math.Min(plan.PeriodFrom.Year, target.Year.Value), 1, 1);
                var expected = Math.Floor(TargetProgress.ExpectedShare(start, named.Deadline, today) * 1000m) / 10m;
                // The facts come from the evaluation, not from decisions: say "reached by the evaluation of year Y" rather than a decision date.
                var summary = done
                    ? $"Đã được công nhận đạt chuẩn {target.Level} (quyết định ngày {named.ReachedOn!.Value:dd/MM/yyyy})"
                    : named.Summary;
                var p = new TargetProgress(done ? 1 : 0, 1, done ? 100 : 0, expected, named.State, today, start, named.Deadline, summary);
                return View(p, attainment.Source, done ? [new CommuneRef(target.CommuneCode!, Name(target.CommuneCode!))] : [], [], []);
            }
            default:
            {
                var progress = Activity(plan, target).ProgressAt(today);
                return View(
                    progress.Progress,
                    RecordedSource,
                    [],
                    [],
                    [
                        .. progress.Communes.Select(c => new CommuneProgressView(
                            c.CommuneCode,
                            Name(c.CommuneCode),
                            c.Achieved,
                            c.Goal,
                            c.IsDone
                        )),
                    ]
                );
            }
        }
    }

    private static ActivityTarget Activity(Plan plan, PlanTarget target)
    {
        var period = new PlanPeriod(plan.PeriodFrom, plan.PeriodTo);
        var goals = CommuneGoals(target);
        var activity =
            target.Scope == ActivityScope.PerCommune
                ? ActivityTarget.PerCommune(target.Name, target.Unit ?? "", goals, target.Mode, period)
                : ActivityTarget.Overall(
                    target.Name,
                    target.Unit ?? "",
                    target.Goal,
                    target.Mode,
                    period,
                    [.. goals.Select(g => g.CommuneCode)]
                );
        activity.Restore(
            target.Updates.OrderBy(u => u.Id).Select(u => new ProgressUpdate(u.Date, u.Amount, u.By, u.Evidence, u.CommuneCode))
        );
        return activity;
    }

    private static List<CommuneGoal> CommuneGoals(PlanTarget target) =>
        string.IsNullOrEmpty(target.CommuneGoals)
            ? []
            :
            [
                .. target
                    .CommuneGoals.Split(',')
                    .Select(p => p.Split('='))
                    .Select(p => new CommuneGoal(p[0], decimal.Parse(p[1], CultureInfo.InvariantCulture))),
            ];

    public async Task<(int? Id, Outcome Outcome)> AddTargetAsync(int planId, TargetInput input, CancellationToken ct)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
            return (null, Outcome.NotFound($"Không có kế hoạch số {planId}."));
        if (!access.CanManageProvince(plan.ProvinceCode))
            return (null, Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {plan.ProvinceCode} mới thêm được mục tiêu."));
        var problems = new List<Problem>();
        Required(problems, "name", input.Name, (PlanTarget t) => t.Name, "Phải nhập tên mục tiêu.");
        var kind = input.Kind?.Trim() switch
        {
            "communeCount" => TargetKind.CommuneCount,
            "namedCommune" => TargetKind.NamedCommune,
            "activity" => TargetKind.Activity,
            _ => (TargetKind?)null,
        };
        if (kind is null)
        {
            problems.Add(
                new("kind", "Loại mục tiêu phải là communeCount (số xã đạt chuẩn), namedCommune (xã cụ thể) hoặc activity (hoạt động).")
            );
            return (null, Outcome.Invalid("Mục tiêu chưa hợp lệ.", problems));
        }
        var target = new PlanTarget
        {
            PlanId = plan.Id,
            Plan = plan,
            Kind = kind.Value,
            Name = input.Name?.Trim() ?? "",
        };
        if (kind is TargetKind.CommuneCount or TargetKind.NamedCommune)
        {
            Required(problems, "level", input.Level, (PlanTarget t) => t.Level, "Phải chọn mức đạt chuẩn (ví dụ NTM).");
            if (input.Year is not { } year || year < 2000 || year > 2100)
                problems.Add(new("year", "Phải nhập năm (2000–2100)."));
            target.Level = input.Level?.Trim();
            target.Year = input.Year;
        }
        if (kind == TargetKind.CommuneCount)
        {
            if (input.Goal is not { } goal || goal <= 0 || goal != Math.Floor(goal))
                problems.Add(new("goal", "Số xã mục tiêu phải là số nguyên lớn hơn 0."));
            target.Goal = input.Goal ?? 0;
        }
        else if (kind == TargetKind.NamedCommune)
        {
            var communeProblems = await agencies.CheckCommunesAsync(
                plan.ProvinceCode,
                input.CommuneCode is null ? [] : [input.CommuneCode],
                "communeCode",
                true,
                Today,
                ct
            );
            problems.AddRange(communeProblems.Select(p => p with { Field = "communeCode" }));
            (target.CommuneCode, target.Goal) = (input.CommuneCode?.Trim(), 1);
        }
        else
        {
            Required(problems, "unit", input.Unit, (PlanTarget t) => t.Unit, "Phải nhập đơn vị tính (ví dụ: lớp, hộ, %).");
            target.Unit = input.Unit?.Trim();
            var scope = input.Scope?.Trim() switch
            {
                null or "" or "overall" => ActivityScope.Overall,
                "perCommune" => ActivityScope.PerCommune,
                _ => (ActivityScope?)null,
            };
            var mode = input.Mode?.Trim() switch
            {
                null or "" or "cumulative" => ProgressMode.Cumulative,
                "latestValue" => ProgressMode.LatestValue,
                _ => (ProgressMode?)null,
            };
            if (scope is null)
                problems.Add(new("scope", "Phạm vi phải là overall (chung) hoặc perCommune (theo từng xã)."));
            if (mode is null)
                problems.Add(new("mode", "Cách cộng dồn phải là cumulative (cộng dồn) hoặc latestValue (giá trị mới nhất)."));
            (target.Scope, target.Mode) = (scope ?? ActivityScope.Overall, mode ?? ProgressMode.Cumulative);
            var goals = (input.Communes ?? [])
                .Select(c => (Code: c.Code?.Trim() ?? "", Goal: c.Goal ?? (target.Scope == ActivityScope.PerCommune ? input.Goal ?? 0 : 1)))
                .ToList();
            if (input.CommuneListId is { } listId)
            {
                var list = await db
                    .CommuneLists.AsNoTracking()
                    .FirstOrDefaultAsync(l => l.Id == listId && l.ProvinceCode == plan.ProvinceCode, ct);
                if (list is null)
                    problems.Add(new("communeListId", $"Không có danh sách xã số {listId} của tỉnh {plan.ProvinceCode}."));
                else
                    goals.AddRange(
                        list.CommuneCodes.Split(',', StringSplitOptions.RemoveEmptyEntries)
                            .Select(c => (c, target.Scope == ActivityScope.PerCommune ? input.Goal ?? 0 : 1m))
                    );
            }
            problems.AddRange(
                await agencies.CheckCommunesAsync(
                    plan.ProvinceCode,
                    [.. goals.Select(g => g.Code)],
                    "communes",
                    target.Scope == ActivityScope.PerCommune,
                    Today,
                    ct
                )
            );
            for (var i = 0; i < goals.Count; i++)
                if (goals[i].Goal <= 0)
                    problems.Add(new($"communes[{i}].goal", $"Xã dòng {i + 1}: mục tiêu của xã phải lớn hơn 0."));
            if (target.Scope == ActivityScope.Overall)
            {
                if (input.Goal is not > 0)
                    problems.Add(new("goal", "Mục tiêu phải lớn hơn 0."));
                target.Goal = input.Goal ?? 0;
            }
            else
                target.Goal = goals.Count;
            target.CommuneGoals =
                goals.Count == 0 ? null : string.Join(',', goals.Select(g => $"{g.Code}={g.Goal.ToString(CultureInfo.InvariantCulture)}"));
            if (db.TooLong((PlanTarget t) => t.CommuneGoals, target.CommuneGoals, "communes") is { } tooMany)
                problems.Add(tooMany);
            if (!string.IsNullOrWhiteSpace(input.Agency))
            {
                var key = Agencies.Key(input.Agency);
                var agency = await db.Agencies.FirstOrDefaultAsync(a => a.ProvinceCode == plan.ProvinceCode && a.NameKey == key, ct);
                if (agency is null)
                    problems.Add(new("agency", $"Tỉnh chưa có đơn vị giúp đỡ \"{input.Agency.Trim()}\" (tạo qua phân công)."));
                else
                    target.AgencyId = agency.Id;
            }
        }
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Mục tiêu chưa hợp lệ.", problems));
        db.PlanTargets.Add(target);
        await db.SaveChangesAsync(ct);
        return (target.Id, Outcome.Done);
    }

    public async Task<(int? Id, Outcome Outcome)> RecordProgressAsync(
        int targetId,
        ProgressInput input,
        CancellationToken ct,
        (Stream Content, string Name, long Length)? evidence = null
    )
    {
        var target = await db.PlanTargets.Include(t => t.Plan).Include(t => t.Updates).FirstOrDefaultAsync(t => t.Id == targetId, ct);
        if (target is null)
            return (null, Outcome.NotFound($"Không có mục tiêu số {targetId}."));
        if (target.Kind != TargetKind.Activity)
            return (null, Outcome.Conflict("Mục tiêu về số xã / xã đạt chuẩn được tính từ kết quả đánh giá, không ghi tiến độ bằng tay."));
        if (!await access.CanRecordProgressAsync(target.Plan.ProvinceCode, target.AgencyId, ct))
            return (
                null,
                Outcome.Forbidden("Chỉ đơn vị được giao thực hiện mục tiêu này (hoặc Văn phòng Điều phối của tỉnh) mới ghi được tiến độ.")
            );
        var by = access.User.DisplayName;
        var update = new ProgressUpdate(
            input.Date ?? default,
            input.Amount ?? 0,
            by,
            input.Evidence,
            string.IsNullOrWhiteSpace(input.CommuneCode) ? null : input.CommuneCode.Trim()
        );
        var problems = new List<Problem>();
        if (input.Date is null)
            problems.Add(new("date", "Phải nhập ngày cập nhật."));
        if (input.Amount is null)
            problems.Add(new("amount", "Phải nhập số lượng."));
        problems.AddRange(Activity(target.Plan, target).Check(update, Today).Where(p => !(input.Date is null && p.Field == "date")));
        if (db.TooLong((TargetUpdate u) => u.Evidence, input.Evidence?.Trim(), "evidence") is { } evidenceTooLong)
            problems.Add(evidenceTooLong);
        if (evidence is { } e && files.Refuse(e.Name, e.Length) is { } refused)
            problems.Add(new("file", refused));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Cập nhật tiến độ không hợp lệ.", problems));
        var row = new TargetUpdate
        {
            TargetId = target.Id,
            Target = target,
            Date = update.Date,
            Amount = update.Amount,
            CommuneCode = update.CommuneCode,
            Evidence = input.Evidence?.Trim(),
            By = by,
            ByUserName = access.User.UserName,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (evidence is { } file)
        {
            // Checked against its content while streamed to the store: a refused file leaves neither a file nor the update.
            var (stored, error) = await files.SaveAsync(file.Content, file.Name, pdfOnly: false, ct);
            if (stored is null)
                return (null, Outcome.Invalid("Không lưu được tệp minh chứng.", [new Problem("file", error!)]));
            (row.FileKey, row.FileName, row.FileContentType, row.FileSize) = (
                stored.StoredName,
                stored.FileName,
                stored.ContentType,
                stored.Length
            );
        }
        db.TargetUpdates.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            if (row.FileKey is { } written)
                files.Delete(written);
            throw;
        }
        return (row.Id, Outcome.Done);
    }

    public async Task<Outcome> AttachFileAsync(int planId, Stream content, string? fileName, CancellationToken ct)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
            return Outcome.NotFound($"Không có kế hoạch số {planId}.");
        if (!access.CanManageProvince(plan.ProvinceCode))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {plan.ProvinceCode} mới đính kèm được văn bản kế hoạch.");
        var (stored, error) = await files.SaveAsync(content, fileName, pdfOnly: false, ct);
        if (stored is null)
            return Outcome.Invalid("Không lưu được văn bản kế hoạch.", [new Problem("file", error!)]);
        var old = plan.FileKey;
        (plan.FileKey, plan.FileName, plan.FileContentType, plan.FileSize) = (
            stored.StoredName,
            stored.FileName,
            stored.ContentType,
            stored.Length
        );
        plan.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            files.Delete(stored.StoredName);
            throw;
        }
        if (old is not null)
            files.Delete(old);
        return Outcome.Done;
    }

    public async Task<(Stream? Content, PlanFileView? File, Outcome Outcome)> OpenFileAsync(int planId, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
            return (null, null, Outcome.NotFound($"Không có kế hoạch số {planId}."));
        if (!access.CanReadProvinceWork(plan.ProvinceCode))
            return (null, null, Outcome.Forbidden($"Tài khoản không có quyền xem kế hoạch của tỉnh {plan.ProvinceCode}."));
        if (plan.FileKey is null || files.Open(plan.FileKey) is not { } stream)
            return (null, null, Outcome.NotFound($"Kế hoạch {plan.Number} chưa có văn bản đính kèm."));
        return (stream, new PlanFileView(plan.FileName!, FileStore.ContentTypeOf(plan.FileKey), plan.FileSize ?? 0), Outcome.Done);
    }

    public async Task<(Stream? Content, PlanFileView? File, Outcome Outcome)> OpenEvidenceAsync(
        int planId,
        int updateId,
        CancellationToken ct
    )
    {
        var province = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.ProvinceCode).FirstOrDefaultAsync(ct);
        if (province is null)
            return (null, null, Outcome.NotFound($"Không có kế hoạch số {planId}."));
        if (!access.CanReadProvinceWork(province))
            return (null, null, Outcome.Forbidden($"Tài khoản không có quyền xem kế hoạch của tỉnh {province}."));
        var update = await db
            .TargetUpdates.AsNoTracking()
            .Where(u => u.Id == updateId && u.Target.PlanId == planId)
            .Select(u => new
            {
                u.FileKey,
                u.FileName,
                u.FileContentType,
                u.FileSize,
            })
            .FirstOrDefaultAsync(ct);
        if (update is null)
            return (null, null, Outcome.NotFound($"Kế hoạch {planId} không có cập nhật số {updateId}."));
        if (update.FileKey is null || files.Open(update.FileKey) is not { } stream)
            return (null, null, Outcome.NotFound("Cập nhật này không có tệp minh chứng."));
        return (stream, new PlanFileView(update.FileName!, FileStore.ContentTypeOf(update.FileKey), update.FileSize ?? 0), Outcome.Done);
    }

    /// <summary>A text the user must give, no longer than its column holds (decision 0013).</summary>
    private void Required<T>(List<Problem> problems, string field, string? value, Expression<Func<T, string?>> column, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
            problems.Add(new(field, message));
        else if (db.TooLong(column, value.Trim(), field) is { } tooLong)
            problems.Add(tooLong);
    }

    public static string KindCode(TargetKind kind) =>
        kind switch
        {
            TargetKind.CommuneCount => "communeCount",
            TargetKind.NamedCommune => "namedCommune",
            _ => "activity",
        };

    public static string KindName(string kind) =>
        kind switch
        {
            "communeCount" => "Số xã đạt chuẩn",
            "namedCommune" => "Xã đạt chuẩn",
            _ => "Hoạt động",
        };

    private static string ScopeCode(ActivityScope scope) => scope == ActivityScope.PerCommune ? "perCommune" : "overall";

    private static string ModeCode(ProgressMode mode) => mode == ProgressMode.LatestValue ? "latestValue" : "cumulative";

    public static string StateCode(TargetState state) =>
        state switch
        {
            TargetState.OnTrack => "onTrack",
            TargetState.Behind => "behind",
            TargetState.Done => "done",
            TargetState.Missed => "missed",
            _ => "notYet",
        };

    public static string StateName(TargetState state) =>
        state switch
        {
            TargetState.OnTrack => "Đúng tiến độ",
            TargetState.Behind => "Chậm tiến độ",
            TargetState.Done => "Đã hoàn thành",
            TargetState.Missed => "Không hoàn thành",
            _ => "Chưa đến hạn",
        };
}
