using Mtqg.Domain.Plans;

namespace Mtqg.Web.Features.Plans;

/// <summary>Which communes of a province reached a level in a year, and the candidates with the criteria they still miss.</summary>
public sealed record Attainment(
    IReadOnlyList<RecognitionFact> Reached,
    IReadOnlyList<PipelineCommune> Candidates,
    IReadOnlyDictionary<string, string> Names
);

/// <summary>
/// Where "reaching a level" comes from: recognition decisions (<see cref="RecognitionLevelAttainment"/>, registered), with the
/// pipeline from the criteria-set evaluation (<see cref="ScorecardLevelAttainment"/>).
/// </summary>
public interface ILevelAttainment
{
    /// <summary>How the UI names the source ("đạt theo đánh giá bộ tiêu chí").</summary>
    string Source { get; }
    Task<Attainment> InYearAsync(string provinceNow, int year, string level, DateOnly today, CancellationToken ct);
}
