namespace Mtqg.Web.Features.Plans;

/// <summary>A commune list; <c>AsOf</c>: the date its communes are named at (default today) — a list of 2023 names the communes of 2023.</summary>
public sealed record CommuneListInput(string? ProvinceCode, string? Name, List<string>? Communes, DateOnly? AsOf = null);

public sealed record CommuneListView(
    int Id,
    string ProvinceCode,
    string Name,
    IReadOnlyList<CommuneRef> Communes,
    DateTime UpdatedAt,
    string? UpdatedBy,
    DateOnly? AsOf = null
)
{
    /// <summary>Send back (If-Match, or the form's hidden field) to correct it: see <see cref="Data.EditVersion"/>.</summary>
    public string Version => Data.EditVersion.Of(UpdatedAt);
}

public sealed record PlanInput(
    string? ProvinceCode,
    string? Number,
    string? Issuer,
    DateOnly? IssuedOn,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    string? Title
);

public sealed record PlanLine(
    int Id,
    string ProvinceCode,
    string Number,
    string Issuer,
    DateOnly IssuedOn,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    string Title,
    int Targets,
    bool HasFile
);

public sealed record PlanFileView(string Name, string ContentType, long Size);

/// <summary>A plan as read, with its targets' progress; send its Version back (If-Match, or a form's hidden field) to correct it or its targets: see <see cref="Data.EditVersion"/>.</summary>
public sealed record PlanView(
    int Id,
    string ProvinceCode,
    string ProvinceName,
    string Number,
    string Issuer,
    DateOnly IssuedOn,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    string Title,
    PlanFileView? File,
    DateOnly AsOf,
    IReadOnlyList<TargetView> Targets,
    string Version
);

public sealed record CommuneGoalInput(string? Code, decimal? Goal);

/// <summary>
/// kind: communeCount | namedCommune | activity | rateReduction; scope: overall | perCommune (for rateReduction: the average
/// reduction | each commune's); mode: cumulative | latestValue; baselineYear: the year a rate reduction starts from.
/// </summary>
public sealed record TargetInput(
    string? Kind,
    string? Name,
    string? Level,
    int? Year,
    string? CommuneCode,
    decimal? Goal,
    string? Unit,
    string? Scope,
    string? Mode,
    List<CommuneGoalInput>? Communes,
    int? CommuneListId,
    string? Agency,
    int? BaselineYear = null
);

public sealed record ProgressInput(DateOnly? Date, decimal? Amount, string? CommuneCode, string? Evidence);

public sealed record PipelineView(string Code, string Name, IReadOnlyList<string> MissingCriteria);

/// <summary>A commune's progress; for a rate reduction, Achieved is the fall in points from Baseline to Latest (of LatestYear).</summary>
public sealed record CommuneProgressView(
    string Code,
    string Name,
    decimal Achieved,
    decimal Goal,
    bool Done,
    decimal? Baseline = null,
    decimal? Latest = null,
    int? LatestYear = null,
    string? Note = null
);

public sealed record UpdateView(
    int Id,
    DateOnly Date,
    decimal Amount,
    string? CommuneCode,
    string? CommuneName,
    string? Evidence,
    string By,
    DateTime RecordedAt,
    string? FileName
);

/// <summary>A target with its progress at <see cref="PlanView.AsOf"/>. state: onTrack | behind | done | missed | notYet.
/// source: how the progress is known ("đạt theo quyết định công nhận", or "ghi nhận của đơn vị" for activities).</summary>
public sealed record TargetView(
    int Id,
    string Kind,
    string Name,
    string? Level,
    int? Year,
    string? CommuneCode,
    string? CommuneName,
    decimal Goal,
    string? Unit,
    string? Scope,
    string? Mode,
    int? AgencyId,
    string? AgencyName,
    decimal Achieved,
    decimal Percent,
    decimal ExpectedPercent,
    string State,
    string StateName,
    string Summary,
    string Source,
    IReadOnlyList<CommuneRef> Counted,
    IReadOnlyList<PipelineView> Pipeline,
    IReadOnlyList<CommuneProgressView> Communes,
    IReadOnlyList<UpdateView> Updates,
    int? BaselineYear = null
);

public sealed record AssignmentInput(
    string? ProvinceCode,
    string? Agency,
    List<string>? Communes,
    DateOnly? From,
    DateOnly? To,
    string? Leader
);

/// <summary>An assignment as read; send its Version back (If-Match, or the form's hidden field) to correct it: see <see cref="Data.EditVersion"/>.</summary>
public sealed record AssignmentView(
    int Id,
    int AgencyId,
    string AgencyName,
    string ProvinceCode,
    DateOnly From,
    DateOnly To,
    string Leader,
    IReadOnlyList<CommuneRef> Communes,
    string Version
);

public sealed record AgencyView(int Id, string ProvinceCode, string Name, IReadOnlyList<AssignmentView> Assignments);
