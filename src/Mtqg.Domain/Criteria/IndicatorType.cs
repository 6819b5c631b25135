namespace Mtqg.Domain.Criteria;

public enum IndicatorType
{
    Number = 1,
    Percent = 2,
    Boolean = 3,
}

/// <summary>How a value is compared with its threshold.</summary>
public enum Rule
{
    AtLeast = 1,
    MoreThan = 2,
    AtMost = 3,
    LessThan = 4,
    EqualTo = 5,
    Achieved = 6,
}

public enum CriteriaSetStatus
{
    Draft = 1,
    Published = 2,

    /// <summary>No longer applies (a published set is never changed: a correction is a new set).</summary>
    Withdrawn = 3,
}

public static class CriteriaVocabulary
{
    public static readonly IReadOnlyDictionary<string, IndicatorType> Types = new Dictionary<string, IndicatorType>
    {
        ["number"] = IndicatorType.Number,
        ["percent"] = IndicatorType.Percent,
        ["boolean"] = IndicatorType.Boolean,
    };

    public static readonly IReadOnlyDictionary<string, Rule> Rules = new Dictionary<string, Rule>
    {
        [">="] = Rule.AtLeast,
        [">"] = Rule.MoreThan,
        ["<="] = Rule.AtMost,
        ["<"] = Rule.LessThan,
        ["="] = Rule.EqualTo,
        ["achieved"] = Rule.Achieved,
    };

    public static readonly IReadOnlyDictionary<string, CriteriaSetStatus> Statuses = new Dictionary<string, CriteriaSetStatus>
    {
        ["draft"] = CriteriaSetStatus.Draft,
        ["published"] = CriteriaSetStatus.Published,
        ["withdrawn"] = CriteriaSetStatus.Withdrawn,
    };

    public static string Code(this IndicatorType type) => Types.First(t => t.Value == type).Key;

    public static string Code(this Rule rule) => Rules.First(r => r.Value == rule).Key;

    public static string Code(this CriteriaSetStatus status) => Statuses.First(s => s.Value == status).Key;

    public static string Label(this CriteriaSetStatus status) =>
        status switch
        {
            CriteriaSetStatus.Published => "Đã ban hành",
            CriteriaSetStatus.Withdrawn => "Đã bãi bỏ",
            _ => "Dự thảo",
        };

    public static string Symbol(this Rule rule) =>
        rule switch
        {
            Rule.AtLeast => "≥",
            Rule.MoreThan => ">",
            Rule.AtMost => "≤",
            Rule.LessThan => "<",
            Rule.EqualTo => "=",
            _ => "Đạt",
        };

    /// <summary>A boolean indicator is judged by <c>achieved</c>; a number or percent by a comparison.</summary>
    public static bool Fits(this IndicatorType type, Rule rule) =>
        type == IndicatorType.Boolean ? rule == Rule.Achieved : rule != Rule.Achieved;
}
