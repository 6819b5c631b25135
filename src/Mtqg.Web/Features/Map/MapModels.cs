namespace Mtqg.Web.Features.Map;

/// <summary>
/// The public map of a year: per province, the communes in force on 31/12, those holding a title recognised by decision on
/// that day, and — a second, separate layer — those reaching the lowest level by the province's own (self-assessed) figures.
/// A share is null when there is nothing to compute it from (no decision recorded for the province; no value entered).
/// </summary>
public sealed record MapDto(
    int Year,
    string? Set,
    string? SelfAssessedLevel,
    string? SelfAssessedProblem,
    IReadOnlyList<MapClass> Classes,
    IReadOnlyList<MapProvince> Provinces
);

/// <summary>
/// A province on the map. <c>Recognised</c>: communes holding a title (any level, not revoked) on 31/12, null when the province has
/// no decision recorded. <c>SelfAssessed</c>: communes reaching the set's lowest level by the self-assessed values, null when none has
/// a value. Shares are in % of <c>Communes</c> (in force on 31/12), null with their count.
/// </summary>
public sealed record MapProvince(
    string Code,
    string Name,
    int Communes,
    int? Recognised,
    decimal? RecognisedShare,
    int CommunesWithData,
    int? SelfAssessed,
    decimal? SelfAssessedShare
);

/// <summary>A colour class: shares from <paramref name="From"/> (included) to <paramref name="To"/> (excluded, but 100 included in the last).</summary>
public sealed record MapClass(int Index, decimal From, decimal To, string Colour)
{
    public string Label => To >= 100 ? $"{From:0}–100 %" : $"{From:0} – dưới {To:0} %";
}

public static class MapClasses
{
    /// <summary>Five equal classes, light to dark green (ColorBrewer Greens, readable for colour-blind readers as a lightness ramp).</summary>
    public static readonly IReadOnlyList<MapClass> All =
    [
        new(0, 0, 20, "#edf8e9"),
        new(1, 20, 40, "#bae4b3"),
        new(2, 40, 60, "#74c476"),
        new(3, 60, 80, "#31a354"),
        new(4, 80, 100, "#006d2c"),
    ];

    /// <summary>The class of a share (in %), or null for no data.</summary>
    public static MapClass? Of(decimal? share) => share is not { } s ? null : All.LastOrDefault(c => s >= c.From) ?? All[0];

    public static decimal? Share(int? part, int whole) => part is not { } p || whole == 0 ? null : Math.Round(100m * p / whole, 1);
}
