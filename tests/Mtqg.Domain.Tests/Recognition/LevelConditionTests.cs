using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;
using static Mtqg.Domain.Tests.Evaluation.SetBuilder;

namespace Mtqg.Domain.Tests.Recognition;

/// <summary>Kiểu mẫu (319/QĐ-TTg): thresholds borrowed from NTM nâng cao, conditions that stop submitting and deciding.</summary>
public sealed class LevelConditionTests
{
    private static readonly LevelCondition Holds = new("KM1", "Đạt chuẩn xã NTM nâng cao", "title", "NC");
    private static readonly LevelCondition Income = new("KM2", "Thu nhập cao hơn ít nhất 10%", "declared", null);
    private static readonly LevelCondition Village = new("KM3", "Có mô hình thôn thông minh", "declared", null);

    [Fact]
    public void Submitting_waits_for_every_declaration_and_the_title_held()
    {
        var missing = LevelConditions.BeforeSubmit([
            new(Holds, null, null, false, null),
            new(Income, "Thu nhập 78 triệu đồng/người", null, null, null),
            new(Village, " ", null, null, null),
        ]);

        Assert.Equal(2, missing.Count);
        Assert.StartsWith("KM1", missing[0]);
        Assert.Contains("chưa giữ danh hiệu mức NC", missing[0]);
        Assert.StartsWith("KM3", missing[1]);
        Assert.Contains("chưa kê khai", missing[1]);
        Assert.Empty(LevelConditions.BeforeSubmit([new(Holds, null, null, true, null), new(Income, "Có", null, null, null)]));
    }

    [Fact]
    public void A_decision_waits_until_every_condition_is_judged_met()
    {
        var missing = LevelConditions.BeforeDecision([
            new(Holds, null, null, true, null),
            new(Income, "Có", null, null, null),
            new(Village, "Có", null, false, "Chưa có"),
        ]);

        Assert.Equal(["KM2", "KM3"], missing.Select(m => m[..3]));
        Assert.Contains("chưa xét", missing[0]);
        Assert.Contains("chưa đạt", missing[1]);
    }

    [Fact]
    public void A_level_on_borrowed_thresholds_is_judged_on_them_and_never_reached_on_values_alone()
    {
        var model = new EvaluationLevel("KM", "Kiểu mẫu", 3, ThresholdsOf: "NC", HasConditions: true);
        var set = new EvaluationSet([Ntm, Nc, model], [], [Criterion(1, Percent("1.1", Rule.AtLeast, Row("NTM", 90m), Row("NC", 95m)))]);
        var values = Values(("1.1", 96m));

        var card = Evaluator.Evaluate(set, null, 2026, "KM", values);

        Assert.Equal(95m, Only(card).Threshold);
        Assert.Equal(EvaluationStatus.Met, Only(card).Status);
        Assert.Equal(["NTM", "NC"], Evaluator.Reached(set, null, 2026, values));
    }
}
