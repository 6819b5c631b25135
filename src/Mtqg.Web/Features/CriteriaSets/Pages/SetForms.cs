using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;

namespace Mtqg.Web.Features.CriteriaSets.Pages;

/// <summary>A copy of a national set for a province, as the catalogue posts it ([SupplyParameterFromForm]); the service checks the rest.</summary>
public sealed class CopyForm
{
    [Required(ErrorMessage = "Chọn bộ tiêu chí quốc gia để sao chép.")]
    public string? National { get; set; }

    [Required(ErrorMessage = "Chọn tỉnh.")]
    public string? Province { get; set; }

    [Required(ErrorMessage = "Nhập mã bộ tiêu chí mới (chữ, số, dấu chấm, gạch ngang; ví dụ LCI-NTM-XA-2026-2030).")]
    public string? Code { get; set; }
    public string? Name { get; set; }

    public CriteriaSetService.CopyRequest ToRequest() => new(Province, Code, Name);
}

/// <summary>
/// One criterion of a draft as its editor posts it: names, department, and each indicator's threshold rows (level × group ×
/// year → value, note). Values are typed as a person writes them ("92,5" or "92.5"; empty = the official value is unknown).
/// </summary>
public sealed class CriterionForm
{
    public string? Version { get; set; }
    public string? Name { get; set; }
    public string? Department { get; set; }
    public List<IndicatorForm> Indicators { get; set; } = [];

    /// <summary>A new indicator (added when its code is filled in).</summary>
    public IndicatorForm Added { get; set; } = new();

    /// <summary>The lists a post left out (the binder leaves them null): a criterion with no indicator posts none.</summary>
    public CriterionForm Complete()
    {
        Indicators ??= [];
        Added ??= new();
        Indicators.RemoveAll(i => i is null);
        foreach (var indicator in Indicators.Prepend(Added))
        {
            indicator.Rows ??= [];
            indicator.New ??= new();
            indicator.Rows.RemoveAll(r => r is null);
        }
        return this;
    }

    public static CriterionForm Of(CriterionDocument criterion, string? version) =>
        new()
        {
            Version = version,
            Name = criterion.Name,
            Department = criterion.ResponsibleSector,
            Indicators =
            [
                .. (criterion.Indicators ?? []).Select(i => new IndicatorForm
                {
                    Code = i.Code,
                    Name = i.Name,
                    Unit = i.Unit,
                    Source = i.Source,
                    Rows =
                    [
                        .. (i.Thresholds ?? []).Select(t => new RowForm
                        {
                            Level = t.Level,
                            Group = t.Group,
                            Year = t.Year?.ToString(CultureInfo.InvariantCulture),
                            Value = t.Value switch
                            {
                                { Flag: true } => "true",
                                { Number: { } n } when i.Type == "boolean" && n != 0 => "true",
                                { Number: { } n } => n.ToString("0.####", Vi),
                                _ => null,
                            },
                            Note = t.Note,
                        }),
                    ],
                }),
            ],
        };

    /// <summary>
    /// The criterion as a document: what the form did not touch (codes, kinds, rules, verification flags, notes) comes from
    /// <paramref name="stored"/>. Null with every problem named when a typed value is not a number or a year.
    /// </summary>
    public (CriterionDocument? Criterion, List<Problem> Problems) ToDocument(CriterionDocument stored)
    {
        var problems = new List<Problem>();
        var indicators = new List<IndicatorDocument>();
        foreach (var (form, i) in Indicators.Select((x, i) => (x, i)))
        {
            var original = (stored.Indicators ?? []).FirstOrDefault(x => x.Code == form.Code);
            if (original is null || form.Remove)
                continue;
            indicators.Add(
                original with
                {
                    Name = form.Name?.Trim(),
                    Unit = Blank(form.Unit),
                    Source = Blank(form.Source),
                    Thresholds = Rows(form, original, $"indicators[{i}]", problems),
                }
            );
        }
        if (!InputText.IsBlank(Added.Code))
        {
            var added = new IndicatorDocument
            {
                Code = Added.Code.Trim(),
                Name = Added.Name?.Trim(),
                Type = Added.Type,
                Rule = Added.Type == "boolean" ? "achieved" : Added.Rule,
                Unit = Added.Type == "percent" ? "%" : Blank(Added.Unit),
                Source = Blank(Added.Source),
            };
            indicators.Add(added with { Thresholds = Rows(Added, added, "added", problems) });
        }
        var criterion = stored with { Name = Name?.Trim(), ResponsibleSector = Blank(Department), Indicators = indicators };
        return problems.Count > 0 ? (null, problems) : (criterion, problems);
    }

    private static List<ThresholdDocument> Rows(IndicatorForm form, IndicatorDocument indicator, string path, List<Problem> problems)
    {
        var rows = new List<ThresholdDocument>();
        var typed = form.Rows.Select((r, t) => (Row: r, Path: $"{path}.rows[{t}]")).Where(x => !x.Row.Remove).ToList();
        if (!InputText.IsBlank(form.New.Level))
            typed.Add((form.New, $"{path}.new"));
        foreach (var (row, at) in typed)
        {
            var where = $"Chỉ tiêu {indicator.Code}, dòng mức {row.Level}{(InputText.IsBlank(row.Group) ? "" : $" nhóm {row.Group}")}";
            int? year = null;
            if (!InputText.IsBlank(row.Year))
            {
                if (int.TryParse(row.Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y))
                    year = y;
                else
                    problems.Add(
                        new Problem(
                            $"{at}.year",
                            $"{where}: năm \"{row.Year.Trim()}\" không phải một năm (ví dụ 2027; để trống nếu áp dụng mọi năm)."
                        )
                    );
            }
            ThresholdValue? value = null;
            if (!InputText.IsBlank(row.Value))
            {
                var text = row.Value.Trim();
                if (indicator.Type == "boolean")
                    value = ThresholdValue.Of(true);
                else if (
                    decimal.TryParse(
                        text.Replace(',', '.'),
                        NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                        CultureInfo.InvariantCulture,
                        out var n
                    )
                )
                    value = ThresholdValue.Of(n);
                else
                    problems.Add(
                        new Problem(
                            $"{at}.value",
                            $"{where}: ngưỡng \"{text}\" không phải là số (ví dụ 80 hoặc 92,5; để trống nếu chưa có ngưỡng chính thức)."
                        )
                    );
            }
            rows.Add(
                new ThresholdDocument
                {
                    Level = row.Level,
                    Group = Blank(row.Group),
                    Year = year,
                    Value = value,
                    Note = Blank(row.Note),
                }
            );
        }
        return rows;
    }

    private static string? Blank(string? text) => InputText.IsBlank(text) ? null : text.Trim();

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
}

public sealed class IndicatorForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Unit { get; set; }

    /// <summary>Where the value comes from (<see cref="IndicatorSources"/>); empty = typed by the commune.</summary>
    public string? Source { get; set; }

    /// <summary>For a new indicator only: an existing one keeps its kind and rule (its values were judged by them).</summary>
    public string? Type { get; set; } = "percent";
    public string? Rule { get; set; } = ">=";
    public bool Remove { get; set; }
    public List<RowForm> Rows { get; set; } = [];

    /// <summary>A new threshold row (added when its level is chosen).</summary>
    public RowForm New { get; set; } = new();
}

public sealed class RowForm
{
    public string? Level { get; set; }
    public string? Group { get; set; }
    public string? Year { get; set; }
    public string? Value { get; set; }
    public string? Note { get; set; }
    public bool Remove { get; set; }
}
