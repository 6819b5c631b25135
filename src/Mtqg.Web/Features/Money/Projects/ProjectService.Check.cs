using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Money;
using Mtqg.Domain.Common;
using Mtqg.Domain.Money;
using Mtqg.Domain.Units;

namespace Mtqg.Web.Features.Money.Projects;

public sealed partial class ProjectService
{
    public const int MaxCommunes = 200;

    /// <summary>Every problem of <paramref name="input"/> added to <paramref name="problems"/>; the project as it will be stored.</summary>
    private async Task<Project> CheckAsync(string province, ProjectInput input, List<Problem> problems, CancellationToken ct)
    {
        var name = input.Name?.Trim() ?? "";
        if (InputText.IsBlank(input.Name))
            problems.Add(new("name", "Phải nhập tên dự án."));
        else if (InputText.Check("name", "Tên dự án", name, multiLine: false) is { } bad)
            problems.Add(bad);
        else if (db.TooLong((Project p) => p.Name, name, "name") is { } tooLong)
            problems.Add(tooLong);
        var kind = input.Kind?.Trim();
        if (!ProjectKinds.IsKnown(kind))
            problems.Add(
                new(
                    "kind",
                    $"Loại dự án \"{kind}\" không có; dùng một trong: {string.Join(", ", ProjectKinds.All.Select(k => $"{k.Code} ({k.Label})"))}."
                )
            );
        var (start, end) = (input.StartYear ?? 0, input.EndYear ?? 0);
        if (input.StartYear is null)
            problems.Add(new("startYear", "Phải nhập năm bắt đầu."));
        else if (!InputRange.IsYear(start))
            problems.Add(new("startYear", InputRange.YearMessage("Năm bắt đầu", start)));
        if (input.EndYear is null)
            problems.Add(new("endYear", "Phải nhập năm kết thúc."));
        else if (!InputRange.IsYear(end))
            problems.Add(new("endYear", InputRange.YearMessage("Năm kết thúc", end)));
        else if (input.StartYear is not null && end < start)
            problems.Add(new("endYear", $"Năm kết thúc ({end}) trước năm bắt đầu ({start})."));
        var (programme, component) = await CheckProgrammeAsync(input, start, end, problems, ct);
        var (department, investorCommune) = await CheckInvestorAsync(province, input.Investor, problems, ct);
        var communes = await CheckCommunesAsync(province, input.Communes, problems, ct);
        var sources = CheckSources(input, problems);
        CheckBeneficiaries(input.Beneficiaries, problems);
        var criteria = input.Criteria ?? [];
        foreach (var (number, i) in criteria.Select((n, i) => (n, i)))
            if (number is < 1 or > 99)
                problems.Add(new($"criteria[{i}]", $"Tiêu chí số {number} không có; số tiêu chí từ 1 đến 99."));
        var b = input.Beneficiaries;
        return new Project
        {
            ProvinceCode = province,
            Name = name,
            Kind = kind ?? "",
            ProgrammeCode = programme,
            ComponentCode = component,
            InvestorDepartmentCode = department,
            InvestorCommuneCode = investorCommune,
            CommuneCodes = string.Join(",", communes),
            StartYear = start,
            EndYear = end,
            ApprovedTotal = input.ApprovedTotal ?? 0,
            ApprovedSources = FormatSources(sources),
            Households = b?.Households,
            Poor = b?.Households is null ? null : b.Poor ?? 0,
            NearPoor = b?.Households is null ? null : b.NearPoor ?? 0,
            EthnicMinority = b?.Households is null ? null : b.EthnicMinority ?? 0,
            EscapedPoverty = b?.Households is null ? null : b.EscapedPoverty ?? 0,
            Criteria = string.Join(",", criteria.Distinct().Order()),
        };
    }

    private async Task<(string Programme, string? Component)> CheckProgrammeAsync(
        ProjectInput input,
        int start,
        int end,
        List<Problem> problems,
        CancellationToken ct
    )
    {
        var code = input.Programme?.Trim() ?? "";
        var component = string.IsNullOrWhiteSpace(input.Component) ? null : input.Component.Trim();
        var catalogue = await programmes.CatalogueAsync(ct);
        if (code.Length == 0)
            problems.Add(new("programme", "Phải chọn chương trình."));
        else if (!catalogue.TryGetValue(code, out var found))
            problems.Add(
                new("programme", $"Không có chương trình mã \"{code}\"; dùng một trong: {string.Join(", ", catalogue.Keys.Order())}.")
            );
        else
        {
            if (start > 0 && end >= start && (found.Programme.ValidFrom.Year > end || found.Programme.ValidTo.Year < start))
                problems.Add(
                    new(
                        "programme",
                        $"Chương trình {code} có hiệu lực {found.Programme.ValidFrom.Year}–{found.Programme.ValidTo.Year}, không trùng thời gian dự án {start}–{end}."
                    )
                );
            if (component is not null && !found.Components.Contains(component))
                problems.Add(
                    new(
                        "component",
                        $"Chương trình {code} không có nội dung thành phần \"{component}\""
                            + (
                                found.Components.Count == 0
                                    ? "."
                                    : $" (có: {string.Join(", ", found.Components.Order(StringComparer.Ordinal))})."
                            )
                    )
                );
        }
        return (code, component);
    }

    private async Task<(string? Department, string? Commune)> CheckInvestorAsync(
        string province,
        InvestorInput? investor,
        List<Problem> problems,
        CancellationToken ct
    )
    {
        var department = string.IsNullOrWhiteSpace(investor?.DepartmentCode) ? null : investor.DepartmentCode.Trim();
        var commune = string.IsNullOrWhiteSpace(investor?.CommuneCode) ? null : investor.CommuneCode.Trim();
        if (department is null == (commune is null))
        {
            problems.Add(
                new("investor", "Chủ đầu tư là một sở, ngành của tỉnh (departmentCode) hoặc một xã (communeCode), một trong hai.")
            );
            return (null, null);
        }
        if (department is not null)
        {
            var (code, problem) = await departments.ResolveAsync(province, department, Today, "investor.departmentCode", ct);
            if (problem is not null)
                problems.Add(problem);
            return (code, null);
        }
        if (!await IsCommuneOfAsync(province, commune!, ct))
            problems.Add(new("investor.communeCode", $"Xã mã \"{commune}\" không phải xã đang có hiệu lực của tỉnh {province}."));
        return (null, commune);
    }

    private Task<bool> IsCommuneOfAsync(string province, string commune, CancellationToken ct) =>
        db.Units.AnyAsync(u => u.Code == commune && u.Level == UnitLevel.Commune && u.ProvinceCode == province && u.ValidTo == null, ct);

    private async Task<List<string>> CheckCommunesAsync(string province, List<string?>? input, List<Problem> problems, CancellationToken ct)
    {
        var codes = (input ?? []).Select(c => c?.Trim() ?? "").ToList();
        if (codes.Count == 0)
            problems.Add(new("communes", "Phải nêu ít nhất một xã của dự án."));
        if (codes.Count > MaxCommunes)
        {
            problems.Add(new("communes", $"Dự án nêu {codes.Count} xã; tối đa {MaxCommunes} xã."));
            return [];
        }
        var known = (
            await db
                .Units.AsNoTracking()
                .Where(u => codes.Contains(u.Code) && u.Level == UnitLevel.Commune && u.ProvinceCode == province && u.ValidTo == null)
                .Select(u => u.Code)
                .ToListAsync(ct)
        ).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            if (!known.Contains(codes[i]))
                problems.Add(new($"communes[{i}]", $"Xã mã \"{codes[i]}\" không phải xã đang có hiệu lực của tỉnh {province}."));
            else if (codes.IndexOf(codes[i]) < i)
                problems.Add(new($"communes[{i}]", $"Xã mã \"{codes[i]}\" nêu hai lần."));
        }
        return [.. codes.Distinct()];
    }

    /// <summary>The approved total by source: known sources, each once, whole đồng not negative, adding up to the total.</summary>
    private static List<SourceAmount> CheckSources(ProjectInput input, List<Problem> problems)
    {
        var amounts = CheckAmounts(input.Sources, "sources", "Tổng mức theo nguồn", problems);
        if (input.ApprovedTotal is not { } total)
            problems.Add(new("approvedTotal", "Phải nhập tổng mức được duyệt (đồng)."));
        else if (total is < 0 or > CapitalPlanService.MaxAmount)
            problems.Add(new("approvedTotal", $"Tổng mức được duyệt {total} đồng phải từ 0 đến {CapitalPlanService.MaxAmount} đồng."));
        else if (amounts is not null && amounts.Sum(a => a.Amount) != total)
            problems.Add(
                new(
                    "sources",
                    $"Các nguồn cộng lại {CapitalTotals.Millions(amounts.Sum(a => a.Amount))} triệu đồng, khác tổng mức được duyệt {CapitalTotals.Millions(total)} triệu đồng."
                )
            );
        return amounts ?? [];
    }

    /// <summary>A list of {source, amount}: each problem named by its index; null when any.</summary>
    internal static List<SourceAmount>? CheckAmounts(List<SourceAmountInput?>? input, string field, string label, List<Problem> problems)
    {
        if (input is null)
        {
            problems.Add(new(field, $"Thiếu danh sách nguồn vốn ({field})."));
            return null;
        }
        var before = problems.Count;
        var result = new List<SourceAmount>();
        for (var i = 0; i < input.Count; i++)
        {
            var at = $"{field}[{i}]";
            var source = CapitalSource.Parse(input[i]?.Source);
            if (source is null)
                problems.Add(
                    new(
                        $"{at}.source",
                        $"{label}, dòng {i + 1}: nguồn vốn \"{input[i]?.Source}\" không có; dùng một trong: {string.Join(", ", CapitalSource.All.Select(s => s.Code))}."
                    )
                );
            else if (result.Any(r => r.Source == source))
                problems.Add(new($"{at}.source", $"{label}, dòng {i + 1}: nguồn {CapitalSource.Label(source)} nêu hai lần."));
            if (input[i]?.Amount is not { } amount)
                problems.Add(new($"{at}.amount", $"{label}, dòng {i + 1}: thiếu số tiền (đồng, số nguyên không âm)."));
            else if (amount < 0)
                problems.Add(new($"{at}.amount", $"{label}, dòng {i + 1}: số tiền {amount} âm; số tiền là số đồng, không âm."));
            else if (amount > CapitalPlanService.MaxAmount)
                problems.Add(
                    new(
                        $"{at}.amount",
                        $"{label}, dòng {i + 1}: số tiền {amount} đồng vượt mức tối đa {CapitalPlanService.MaxAmount} đồng."
                    )
                );
            else if (source is not null)
                result.Add(new(source, amount));
        }
        return problems.Count > before ? null : result;
    }

    private static void CheckBeneficiaries(BeneficiariesInput? b, List<Problem> problems)
    {
        if (b is null)
            return;
        if (b.Households is not { } households)
        {
            problems.Add(new("beneficiaries.households", "Phải nhập số hộ hưởng lợi khi nêu đối tượng hưởng lợi."));
            return;
        }
        if (households < 0)
            problems.Add(new("beneficiaries.households", $"Số hộ hưởng lợi ({households}) âm."));
        foreach (
            var (field, label, value) in new[]
            {
                ("poor", "Số hộ nghèo", b.Poor),
                ("nearPoor", "Số hộ cận nghèo", b.NearPoor),
                ("ethnicMinority", "Số hộ dân tộc thiểu số", b.EthnicMinority),
                ("escapedPoverty", "Số hộ thoát nghèo", b.EscapedPoverty),
            }
        )
            if (value < 0)
                problems.Add(new($"beneficiaries.{field}", $"{label} ({value}) âm."));
            else if (value > households)
                problems.Add(new($"beneficiaries.{field}", $"{label} ({value}) lớn hơn số hộ hưởng lợi ({households})."));
        if ((b.Poor ?? 0) + (b.NearPoor ?? 0) > households && b.Poor <= households && b.NearPoor <= households)
            problems.Add(
                new(
                    "beneficiaries.nearPoor",
                    $"Hộ nghèo và hộ cận nghèo cộng lại ({b.Poor + b.NearPoor}) lớn hơn số hộ hưởng lợi ({households})."
                )
            );
        if (b.EscapedPoverty > b.Poor && b.EscapedPoverty <= households)
            problems.Add(
                new("beneficiaries.escapedPoverty", $"Số hộ thoát nghèo ({b.EscapedPoverty}) lớn hơn số hộ nghèo ({b.Poor ?? 0}).")
            );
    }
}
