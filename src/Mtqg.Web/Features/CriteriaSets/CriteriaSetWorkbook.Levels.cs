using Mtqg.Domain.Criteria;

namespace Mtqg.Web.Features.CriteriaSets;

/// <summary>
/// The ladder in the workbook (DESIGN §9): two columns of the levels sheet (pilot, thresholds borrowed from another level) and the
/// sheet of level conditions. Both came after the first workbooks were handed out, so a workbook without them still reads.
/// </summary>
public static partial class CriteriaSetWorkbook
{
    private static readonly HashSet<string> OptionalSheets = [ConditionSheet];

    private static readonly HashSet<string> OptionalColumns = ["Thí điểm", "Dùng ngưỡng của mức", SourceColumn];

    private const string ByTitleLabel = "theo danh hiệu",
        DeclaredLabel = "kê khai";

    private static List<Dictionary<string, object?>> ConditionRows(CriteriaSetDocument doc) =>
        (doc.Levels ?? [])
            .SelectMany(l =>
                (l.Conditions ?? []).Select(c =>
                    Row(
                        ConditionColumns,
                        l.Code,
                        c.Code,
                        c.Text,
                        c.Judged switch
                        {
                            CriteriaSetValidator.JudgedByTitle => ByTitleLabel,
                            CriteriaSetValidator.JudgedByDeclaration => DeclaredLabel,
                            var other => other,
                        },
                        c.Level
                    )
                )
            )
            .ToList();

    private static LevelConditionDocument ConditionOf(Dictionary<string, object?> cells) =>
        new(
            Text(cells.GetValueOrDefault("Mã điều kiện")),
            Text(cells.GetValueOrDefault("Nội dung điều kiện")),
            Text(cells.GetValueOrDefault("Cách xét"))?.ToLowerInvariant() switch
            {
                ByTitleLabel => CriteriaSetValidator.JudgedByTitle,
                DeclaredLabel => CriteriaSetValidator.JudgedByDeclaration,
                var other => other,
            },
            Text(cells.GetValueOrDefault("Mức phải giữ"))
        );

    /// <summary>A yes/no cell where empty means no ("có", "x", "true", "1" mean yes).</summary>
    private static bool Yes(object? value) =>
        value switch
        {
            bool b => b,
            _ => Text(value)?.ToLowerInvariant() is "có" or "x" or "true" or "1",
        };
}
