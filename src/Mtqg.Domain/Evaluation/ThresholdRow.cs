namespace Mtqg.Domain.Evaluation;

/// <summary>Which threshold row of an indicator applies to a commune (DESIGN §6).</summary>
public static class ThresholdRow
{
    /// <summary>
    /// The most specific of one level's rows matching the commune: group and year, then group, then year,
    /// then neither. A row naming a group or year matches only that group or year; among equally specific
    /// rows the first wins. Null when none matches (the indicator then has no threshold for this commune).
    /// A row whose value is null (unknown) is still chosen: it never falls back to a less specific row.
    /// </summary>
    public static EvaluationThreshold? Select(ReadOnlySpan<EvaluationThreshold> rowsOfLevel, string? group, int year)
    {
        EvaluationThreshold? best = null;
        var bestScore = -1;
        foreach (var row in rowsOfLevel)
        {
            if (row.Group is not null && !string.Equals(row.Group, group, StringComparison.Ordinal))
                continue;
            if (row.Year is int y && y != year)
                continue;
            var score = (row.Group is null ? 0 : 2) + (row.Year is null ? 0 : 1);
            if (score > bestScore)
                (best, bestScore) = (row, score);
        }
        return best;
    }

    /// <summary>The row of <paramref name="level"/> that applies, from all of an indicator's rows.</summary>
    public static EvaluationThreshold? Select(IEnumerable<EvaluationThreshold> rows, string level, string? group, int year)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Select([.. rows.Where(t => string.Equals(t.Level, level, StringComparison.Ordinal))], group, year);
    }
}
