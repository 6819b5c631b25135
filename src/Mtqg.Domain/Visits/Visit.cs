using Mtqg.Domain.Common;

namespace Mtqg.Domain.Visits;

public enum SupportKind
{
    Gift,
    Money,
    Materials,
    InKindWork,
}

/// <summary>One item of support given during a visit. <see cref="Value"/> is in whole đồng; a money item must carry it.</summary>
public sealed record SupportItem(SupportKind Kind, string Description, decimal? Quantity = null, string? Unit = null, long? Value = null);

/// <summary>A recommendation as written into a visit record, before it is raised and tracked.</summary>
public sealed record RecommendationDraft(string Text, ResponsibleParty Responsible, DateOnly? DueDate = null);

/// <summary>A working visit (buổi làm việc) of a helping agency to a commune, as entered; <see cref="Validate"/> before saving.</summary>
public sealed record Visit
{
    public DateOnly Date { get; init; }

    /// <summary>The helping agency (its code or name, as the caller identifies agencies).</summary>
    public string Agency { get; init; } = "";
    public string CommuneCode { get; init; } = "";
    public IReadOnlyList<string> Participants { get; init; } = [];
    public string Content { get; init; } = "";
    public string? Findings { get; init; }
    public IReadOnlyList<SupportItem> Support { get; init; } = [];
    public IReadOnlyList<string> Difficulties { get; init; } = [];
    public IReadOnlyList<RecommendationDraft> Recommendations { get; init; } = [];

    /// <summary>Total value of the support given, in đồng (items without a value count as 0).</summary>
    public long SupportValue => Support.Sum(s => s.Value ?? 0);

    /// <summary>Every problem with the record, in Vietnamese, named by field and row (rows are numbered from 1 in messages, from 0 in field paths).</summary>
    public IReadOnlyList<Problem> Validate(DateOnly today)
    {
        var problems = new List<Problem>();
        if (PastDate.Check("date", "Ngày làm việc", Date, today) is { } future)
            problems.Add(future);
        if (InputText.IsBlank(Agency))
            problems.Add(new("agency", "Phải ghi cơ quan giúp đỡ xã."));
        if (InputText.IsBlank(CommuneCode))
            problems.Add(new("communeCode", "Phải chọn xã."));
        if (Participants.Count == 0)
            problems.Add(new("participants", "Phải ghi ít nhất một thành phần tham dự."));
        for (var i = 0; i < Participants.Count; i++)
            if (InputText.IsBlank(Participants[i]))
                problems.Add(new($"participants[{i}]", $"Thành phần tham dự dòng {i + 1}: không được để trống."));
        if (InputText.IsBlank(Content))
            problems.Add(new("content", "Phải ghi nội dung buổi làm việc."));
        for (var i = 0; i < Support.Count; i++)
            CheckSupport(Support[i], i, problems);
        for (var i = 0; i < Difficulties.Count; i++)
            if (InputText.IsBlank(Difficulties[i]))
                problems.Add(new($"difficulties[{i}]", $"Khó khăn dòng {i + 1}: không được để trống."));
        for (var i = 0; i < Recommendations.Count; i++)
        {
            var draft = Recommendations[i];
            foreach (var p in Recommendation.Validate(draft.Text, Date, Agency, CommuneCode, draft.DueDate, $"recommendations[{i}]."))
                if (!p.Field.EndsWith(".raisedBy", StringComparison.Ordinal) && !p.Field.EndsWith(".communeCode", StringComparison.Ordinal))
                    problems.Add(p with { Message = $"Kiến nghị dòng {i + 1}: {Lower(p.Message)}" });
        }
        return problems;
    }

    /// <summary>Validates and, when valid, raises the visit's recommendations (raised on the visit date, by its agency, for its commune).</summary>
    public Outcome RaiseRecommendations(string actor, DateOnly today, DateTime utcNow, out IReadOnlyList<Recommendation> raised)
    {
        var problems = Validate(today);
        if (problems.Count > 0)
        {
            raised = [];
            return Outcome.Invalid("Biên bản làm việc chưa hợp lệ.", problems);
        }
        raised =
        [
            .. Recommendations.Select(d => new Recommendation(d.Text, Date, Agency, CommuneCode, d.Responsible, d.DueDate, actor, utcNow)),
        ];
        return Outcome.Done;
    }

    private static void CheckSupport(SupportItem item, int i, List<Problem> problems)
    {
        var row = $"Hỗ trợ dòng {i + 1}";
        var at = $"support[{i}]";
        if (item.Kind != SupportKind.Money && InputText.IsBlank(item.Description))
            problems.Add(new($"{at}.description", $"{row}: phải ghi nội dung hỗ trợ."));
        if (item.Value is < 0)
            problems.Add(new($"{at}.value", $"{row}: giá trị không được âm."));
        if (item.Kind == SupportKind.Money && item.Value is null or 0)
            problems.Add(new($"{at}.value", $"{row}: hỗ trợ bằng tiền phải có số tiền (đồng)."));
        if (item.Quantity is <= 0)
            problems.Add(new($"{at}.quantity", $"{row}: số lượng phải lớn hơn 0."));
        if (item.Quantity is not null && InputText.IsBlank(item.Unit))
            problems.Add(new($"{at}.unit", $"{row}: có số lượng thì phải ghi đơn vị tính."));
    }

    private static string Lower(string message) => message.Length == 0 ? message : char.ToLowerInvariant(message[0]) + message[1..];
}
