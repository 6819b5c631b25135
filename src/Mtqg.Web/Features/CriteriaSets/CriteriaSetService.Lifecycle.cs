using Microsoft.EntityFrameworkCore;
using Mtqg.Data.Criteria;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Features.CriteriaSets;

/// <summary>A set's life after it is written (DESIGN §9): publishing, withdrawing, copying a national set, workbooks.</summary>
public sealed partial class CriteriaSetService
{
    /// <summary>A copy of a national set for a province (<c>POST /api/v1/criteria-sets/{code}/copies</c>): its code and optional name.</summary>
    public sealed record CopyRequest(string? Province, string? Code, string? Name = null);

    /// <summary>
    /// What stops a draft from being published, every one named (DESIGN §9): a level without criteria, an indicator without
    /// any threshold row, a department the registry does not know (<see cref="DepartmentProblemsAsync"/>), and the province's other
    /// published set for the same years.
    /// </summary>
    public async Task<IReadOnlyList<Problem>> PublishProblemsAsync(CriteriaSetDocument doc, CancellationToken ct)
    {
        var problems = CriteriaSetValidator.ReadyToPublish(doc).ToList();
        problems.AddRange(await DepartmentProblemsAsync(doc, ct));
        if (doc.Province is { } province)
        {
            var overlapping = await db
                .CriteriaSets.AsNoTracking()
                .Where(s =>
                    s.ProvinceCode == province
                    && s.Code != doc.Code
                    && s.Status == CriteriaSetStatus.Published
                    && s.ValidFrom <= doc.ValidTo
                    && s.ValidTo >= doc.ValidFrom
                )
                .Select(s => s.Code)
                .ToListAsync(ct);
            foreach (var other in overlapping)
                problems.Add(
                    new Problem(
                        "validFrom",
                        $"Tỉnh đã có bộ tiêu chí {other} đang áp dụng cho cùng giai đoạn; bãi bỏ bộ đó trước khi ban hành bộ này."
                    )
                );
        }
        return problems;
    }

    /// <summary>Departments of the criteria no longer in the registry today (merged or closed since the draft was saved).</summary>
    private async Task<IEnumerable<Problem>> DepartmentProblemsAsync(CriteriaSetDocument doc, CancellationToken ct) =>
        (await CheckAsync(doc, ct)).Problems.Where(p => p.Field.EndsWith(".responsibleSector", StringComparison.Ordinal));

    /// <summary>Publishes a draft (it applies from now on, DESIGN §9); refused naming every problem when it is not ready.</summary>
    public async Task<Outcome> PublishAsync(string code, CancellationToken ct)
    {
        var set = await db.CriteriaSets.FirstOrDefaultAsync(s => s.Code == code, ct);
        if (set is null)
            return Outcome.NotFound($"Không có bộ tiêu chí mã \"{code}\".");
        if (Refuse(set.ProvinceCode, code) is { } refused)
            return refused;
        if (set.Status != CriteriaSetStatus.Draft)
            return Outcome.Conflict(
                set.Status == CriteriaSetStatus.Published
                    ? $"Bộ tiêu chí {code} đã ban hành rồi."
                    : $"Bộ tiêu chí {code} đã bãi bỏ; không ban hành lại được: một điều chỉnh là một bộ tiêu chí mới."
            );
        var problems = await PublishProblemsAsync((await GetAsync(code, ct))!, ct);
        if (problems.Count > 0)
            return Outcome.Invalid($"Chưa ban hành được bộ tiêu chí {code}: còn {problems.Count} vấn đề.", problems);
        return await ChangeStatusAsync(set, CriteriaSetStatus.Published, ct);
    }

    /// <summary>Withdraws a published set: it no longer applies by default; what was judged by it stays.</summary>
    public async Task<Outcome> WithdrawAsync(string code, CancellationToken ct)
    {
        var set = await db.CriteriaSets.FirstOrDefaultAsync(s => s.Code == code, ct);
        if (set is null)
            return Outcome.NotFound($"Không có bộ tiêu chí mã \"{code}\".");
        if (Refuse(set.ProvinceCode, code) is { } refused)
            return refused;
        if (set.Status != CriteriaSetStatus.Published)
            return Outcome.Conflict(
                set.Status == CriteriaSetStatus.Draft
                    ? $"Bộ tiêu chí {code} còn là dự thảo, chưa ban hành nên không bãi bỏ được."
                    : $"Bộ tiêu chí {code} đã bãi bỏ rồi."
            );
        return await ChangeStatusAsync(set, CriteriaSetStatus.Withdrawn, ct);
    }

    private async Task<Outcome> ChangeStatusAsync(CriteriaSet set, CriteriaSetStatus status, CancellationToken ct)
    {
        set.Status = status;
        (set.UpdatedAt, set.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, access.User.UserName);
        var saved = await EditVersion.SaveAsync(db, set, $"Bộ tiêu chí {set.Code}", ct);
        if (saved.IsDone)
            catalog.Forget(set.Code);
        return saved;
    }

    /// <summary>
    /// A province's draft copied from a national set (DESIGN §9): every criterion, indicator and threshold row of it, bound to
    /// the province and detailing the national set; the coordination office then fills in its thresholds.
    /// </summary>
    public async Task<Outcome> CopyAsync(string nationalCode, CopyRequest request, CancellationToken ct)
    {
        if (InputText.IsBlank(request.Province))
            return Outcome.Invalid(
                "Chưa chọn tỉnh.",
                [new Problem("province", "Chọn tỉnh sẽ ban hành bộ tiêu chí chi tiết hóa (mã tỉnh, ví dụ 15).")]
            );
        var province = request.Province.Trim();
        if (Refuse(province, request.Code) is { } refused)
            return refused;
        var national = await GetAsync(nationalCode, ct);
        if (national is null)
            return Outcome.NotFound($"Không có bộ tiêu chí mã \"{nationalCode}\".");
        if (national.Province is not null)
            return Outcome.Invalid(
                $"Bộ tiêu chí {nationalCode} là bộ của tỉnh mã {national.Province}, không phải bộ quốc gia.",
                [new Problem("details", $"Chỉ sao chép được bộ tiêu chí quốc gia; {nationalCode} là bộ của tỉnh mã {national.Province}.")]
            );
        return await CreateAsync(
            national with
            {
                Code = request.Code?.Trim(),
                Name = InputText.IsBlank(request.Name) ? $"{national.Name} — chi tiết hóa của tỉnh" : request.Name.Trim(),
                Province = province,
                Details = nationalCode,
                Source = null,
                IsDemo = false,
            },
            ct
        );
    }

    /// <summary>Whether the account may create sets at all: administrators (national and any province), coordination offices (their province).</summary>
    public bool MayCreate => access.User.IsAdmin || access.User.Is(Roles.Coordinator) && access.User.Unit is { Length: > 0 };

    /// <summary>Whether the account may create, edit, publish and withdraw the sets of <paramref name="province"/> (null = national).</summary>
    public bool MayManage(string? province) => Refuse(province, null) is null;

    /// <summary>The province the account writes sets for: its own as a coordination office; null for an administrator (any).</summary>
    public string? OwnProvince => access.OwnProvince;

    /// <summary>
    /// What a province set changes of the national set it details (DESIGN §9: "what differs from the national set"); null for a
    /// national set or when the national set is gone.
    /// </summary>
    public async Task<IReadOnlyList<SetDifference>?> DifferencesAsync(CriteriaSetDocument doc, CancellationToken ct) =>
        doc.Province is null || doc.Details is null || await GetAsync(doc.Details, ct) is not { } national
            ? null
            : CriteriaSetComparison.Compare(national, doc);

    /// <summary>
    /// Replaces one criterion of a draft, as the set page's editor posts it: the whole document is validated again (the same
    /// rules as an upload), with the version the editor read (412 when someone saved in between).
    /// </summary>
    public async Task<Outcome> ReplaceCriterionAsync(string code, CriterionDocument criterion, string? version, CancellationToken ct)
    {
        if (await GetAsync(code, ct) is not { } doc)
            return Outcome.NotFound($"Không có bộ tiêu chí mã \"{code}\".");
        var index = doc.Criteria!.FindIndex(c => c.Number == criterion.Number);
        if (index < 0)
            return Outcome.NotFound($"Bộ tiêu chí {code} không có tiêu chí số {criterion.Number}.");
        List<CriterionDocument> criteria = [.. doc.Criteria];
        criteria[index] = criterion;
        return await ReplaceAsync(code, doc with { Criteria = criteria }, version, ct);
    }

    /// <summary>The workbook of a set (DESIGN §9): null when no set has that code.</summary>
    public async Task<byte[]?> WorkbookAsync(string code, CancellationToken ct) =>
        await GetAsync(code, ct) is { } doc ? CriteriaSetWorkbook.Build(doc) : null;

    /// <summary>
    /// Whether the account may upload a set's workbook at all, asked before a byte is read (decision 0018): to create, an
    /// administrator or a coordination office; to replace <paramref name="code"/>, whoever may edit that draft.
    /// </summary>
    public async Task<Outcome> MayUploadAsync(string? code, CancellationToken ct)
    {
        if (code is null)
            return MayCreate
                ? Outcome.Done
                : Outcome.Forbidden("Chỉ quản trị hệ thống và Văn phòng Điều phối của tỉnh tạo bộ tiêu chí; tệp không được đọc.");
        var set = await db
            .CriteriaSets.AsNoTracking()
            .Where(s => s.Code == code)
            .Select(s => new { s.ProvinceCode, s.Status })
            .FirstOrDefaultAsync(ct);
        if (set is null)
            return Outcome.NotFound($"Không có bộ tiêu chí mã \"{code}\".");
        if (Refuse(set.ProvinceCode, code) is { } refused)
            return refused;
        return set.Status == CriteriaSetStatus.Draft
            ? Outcome.Done
            : Immutable(
                new CriteriaSet
                {
                    Code = code,
                    Name = "",
                    Status = set.Status,
                }
            );
    }

    /// <summary>
    /// Creates a draft (or replaces draft <paramref name="replace"/>) from an uploaded workbook: the gate measures its structure,
    /// it is read under the parse time limit, and every problem — of reading and of the set's validation — is named by sheet,
    /// row and column; nothing is written when there is one.
    /// </summary>
    public async Task<(CriteriaSetDocument? Document, UploadOutcome Result)> UploadAsync(
        Stream file,
        string? replace,
        string? version,
        UploadGate gate,
        CancellationToken ct
    )
    {
        if (file.Length == 0)
        {
            const string empty = "Tệp rỗng: chọn tệp .xlsx của bộ tiêu chí.";
            return (null, UploadOutcome.Refused(Outcome.Invalid(empty, [new Problem("file", empty)])));
        }
        if (gate.Scan(file, false, ct) is { } outside)
            return (null, UploadOutcome.Refused(outside));
        file.Position = 0;
        CriteriaSetWorkbook.ReadResult read;
        using (var budget = gate.StartParse(ct))
        {
            try
            {
                read = CriteriaSetWorkbook.Read(file, budget.Token);
            }
            catch (OperationCanceledException) when (budget.Token.IsCancellationRequested && budget.Refusal is { } stopped)
            {
                return (null, UploadOutcome.Refused(stopped));
            }
        }
        var doc = read.Document;
        if (doc is not null && replace is not null)
            doc = doc with { Code = InputText.IsBlank(doc.Code) ? replace : doc.Code };
        var problems = read.Problems.ToList();
        if (doc is not null && problems.Count > 0)
            problems.AddRange((await ProblemsAsync(doc, ct)).Select(read.Locate));
        if (doc is null || problems.Count > 0)
            return (doc, Refused(problems));
        var outcome = replace is null ? await CreateAsync(doc, ct) : await ReplaceAsync(replace, doc, version, ct);
        if (outcome.Kind == OutcomeKind.Invalid)
            return (doc, Refused([.. outcome.Problems.Select(read.Locate)]));
        return (doc, new UploadOutcome(null, outcome, [], []));
    }

    private static UploadOutcome Refused(List<ExcelProblem> problems) =>
        new(null, Outcome.Invalid($"Tệp bộ tiêu chí có {problems.Count} lỗi; chưa có gì được ghi.", []), problems, []);
}
