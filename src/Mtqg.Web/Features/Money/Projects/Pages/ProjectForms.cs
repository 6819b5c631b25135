namespace Mtqg.Web.Features.Money.Projects.Pages;

/// <summary>The monthly cumulative disbursement entered on a project's page: one source at a time, in whole đồng.</summary>
public sealed class DisbursementForm
{
    public string? Month { get; set; }
    public string? Source { get; set; }
    public long? Amount { get; set; }
    public string? Correction { get; set; }

    public DisbursementInput ToInput() => new([new SourceAmountInput(Source, Amount)], Correction);
}

/// <summary>
/// A project created or corrected on a page (<c>/du-an/moi</c>, <c>/du-an/{id}/sua</c>): the same input as the API, the
/// approved total split by source in whole đồng (a blank source is none), communes picked from the province's list.
/// </summary>
public sealed class ProjectForm
{
    public string? Name { get; set; }
    public string? Kind { get; set; } = ProjectKinds.Investment;
    public string? Programme { get; set; }
    public string? Component { get; set; }

    /// <summary>"d:SXD" for a department of the registry, "c:02989" for a commune.</summary>
    public string? Investor { get; set; }
    public string[] Communes { get; set; } = [];
    public int? StartYear { get; set; }
    public int? EndYear { get; set; }
    public long? ApprovedTotal { get; set; }

    /// <summary>One line per source of the catalogue, in its order; a blank amount is none.</summary>
    public List<SourceLine> Sources { get; set; } = Lines([]);
    public int? Households { get; set; }
    public int? Poor { get; set; }
    public int? NearPoor { get; set; }
    public int? EthnicMinority { get; set; }
    public int? EscapedPoverty { get; set; }

    /// <summary>The criteria served, as typed: "10, 13".</summary>
    public string? Criteria { get; set; }

    /// <summary>The version read (decision 0016): a correction saved meanwhile by someone else is refused.</summary>
    public string? Version { get; set; }

    public static ProjectForm Of(ProjectView p) =>
        new()
        {
            Name = p.Name,
            Kind = p.Kind,
            Programme = p.Programme,
            Component = p.Component,
            Investor = p.Investor.DepartmentCode is { } d ? $"d:{d}" : $"c:{p.Investor.CommuneCode}",
            Communes = [.. p.Communes],
            StartYear = p.StartYear,
            EndYear = p.EndYear,
            ApprovedTotal = p.ApprovedTotal,
            Sources = Lines(p.Sources),
            Households = p.Beneficiaries?.Households,
            Poor = p.Beneficiaries?.Poor,
            NearPoor = p.Beneficiaries?.NearPoor,
            EthnicMinority = p.Beneficiaries?.EthnicMinority,
            EscapedPoverty = p.Beneficiaries?.EscapedPoverty,
            Criteria = string.Join(", ", p.Criteria),
            Version = p.Version,
        };

    /// <summary>The API's input; criteria that are not numbers are kept out and named by <see cref="CriteriaProblem"/>.</summary>
    public ProjectInput ToInput(string province)
    {
        var investor = Investor ?? "";
        var beneficiaries =
            Households is null && Poor is null && NearPoor is null && EthnicMinority is null && EscapedPoverty is null
                ? null
                : new BeneficiariesInput(Households, Poor, NearPoor, EthnicMinority, EscapedPoverty);
        return new(
            province,
            Name,
            Kind,
            Programme,
            string.IsNullOrWhiteSpace(Component) ? null : Component,
            new InvestorInput(
                investor.StartsWith("d:", StringComparison.Ordinal) ? investor[2..] : null,
                investor.StartsWith("c:", StringComparison.Ordinal) ? investor[2..] : null
            ),
            [.. Communes],
            StartYear,
            EndYear,
            ApprovedTotal,
            [.. Sources.Where(s => s.Amount is not null).Select(s => (SourceAmountInput?)new SourceAmountInput(s.Source, s.Amount))],
            beneficiaries,
            [.. CriteriaParts().Select(p => int.TryParse(p, out var n) ? n : (int?)null).OfType<int>()]
        );
    }

    internal static List<SourceLine> Lines(IReadOnlyList<SourceAmount> amounts) =>
        [
            .. Mtqg.Domain.Money.CapitalSource.All.Select(s => new SourceLine
            {
                Source = s.Code,
                Amount = amounts.FirstOrDefault(a => a.Source == s.Code)?.Amount,
            }),
        ];

    private IEnumerable<string> CriteriaParts() =>
        (Criteria ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The message for a typed criterion that is not a number, if any.</summary>
    public string? CriteriaProblem() =>
        CriteriaParts().FirstOrDefault(p => !int.TryParse(p, out _)) is { } bad
            ? $"\"{bad}\" không phải số tiêu chí: ghi các số cách nhau bởi dấu phẩy, ví dụ 10, 13."
            : null;
}

public sealed class SourceLine
{
    public string? Source { get; set; }
    public long? Amount { get; set; }
}

/// <summary>A year's allocation given on a project's page: one line per source (a blank amount is none); replaces the year's.</summary>
public sealed class AllocationForm
{
    public int? Year { get; set; }
    public List<SourceLine> Sources { get; set; } = ProjectForm.Lines([]);

    public AllocationInput ToInput() =>
        new([.. Sources.Where(s => s.Amount is not null).Select(s => (SourceAmountInput?)new SourceAmountInput(s.Source, s.Amount))]);
}
