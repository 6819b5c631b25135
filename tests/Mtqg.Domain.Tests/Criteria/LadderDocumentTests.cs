using Mtqg.Domain.Criteria;

namespace Mtqg.Domain.Tests.Criteria;

/// <summary>The ladder in a set document (DESIGN §9): a level judged on another's thresholds, and conditions beyond thresholds.</summary>
public sealed class LadderDocumentTests
{
    private static CriteriaSetDocument WithModelLevel(LevelDocument model)
    {
        var doc = SampleCriteriaSet.Build();
        doc.Levels!.Add(model);
        return doc;
    }

    private static LevelDocument Model(string? thresholdsOf = "NTMNC", params LevelConditionDocument[] conditions) =>
        new("NTMKM", "Xã nông thôn mới kiểu mẫu", 3, ThresholdsOf: thresholdsOf, Conditions: [.. conditions]);

    private static readonly LevelConditionDocument HoldsAdvanced = new("KM1", "Đạt chuẩn xã NTM nâng cao", "title", "NTMNC");
    private static readonly LevelConditionDocument SmartVillage = new("KM3", "Có ít nhất một mô hình thôn thông minh", "declared");

    [Fact]
    public void A_model_level_on_the_advanced_thresholds_with_a_title_and_a_declared_condition_is_valid_and_ready_to_publish()
    {
        var doc = WithModelLevel(Model("NTMNC", HoldsAdvanced, SmartVillage));

        Assert.Empty(CriteriaSetValidator.Validate(doc));
        // It has no rows of its own, yet its criteria are those of NTM nâng cao: nothing stops publishing.
        Assert.Empty(CriteriaSetValidator.ReadyToPublish(doc));
    }

    [Theory]
    [InlineData("KHONG-CO", "không có trong bộ tiêu chí")]
    [InlineData("NTMKM", "chỉ dùng được ngưỡng của một mức thấp hơn")]
    public void A_level_borrowing_the_thresholds_of_an_unknown_or_not_lower_level_is_refused(string of, string message)
    {
        var problems = CriteriaSetValidator.Validate(WithModelLevel(Model(of)));

        var problem = Assert.Single(problems, p => p.Field == "levels[2].thresholdsOf");
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void Borrowed_thresholds_are_not_borrowed_again_and_a_borrowing_level_writes_no_rows_of_its_own()
    {
        var doc = WithModelLevel(Model("NTMNC"));
        doc.Levels!.Add(new("NTMHD", "Xã nông thôn mới hiện đại", 4, Pilot: true, ThresholdsOf: "NTMKM"));
        doc.Criteria![0].Indicators![0].Thresholds!.Add(new() { Level = "NTMKM", Value = ThresholdValue.Of(100m) });

        var problems = CriteriaSetValidator.Validate(doc);

        Assert.Contains(problems, p => p.Field == "levels[3].thresholdsOf" && p.Message.Contains("cũng dùng ngưỡng của mức khác"));
        Assert.Contains(problems, p =>
            p.Field == "criteria[0].indicators[0].thresholds[4].level" && p.Message.Contains("dùng ngưỡng của mức \"NTMNC\"")
        );
    }

    [Fact]
    public void Conditions_name_every_problem_a_bad_way_of_judging_a_title_without_a_lower_level_a_repeated_code()
    {
        var doc = WithModelLevel(
            Model(
                "NTMNC",
                new("KM1", "Giữ danh hiệu", "title"),
                new("KM2", "Thu nhập cao hơn 10%", "tự nhận"),
                new("KM2", "Thôn thông minh", "declared", "NTM"),
                new("KM4", "  ", "declared")
            )
        );

        var fields = CriteriaSetValidator.Validate(doc).Select(p => p.Field).ToList();

        Assert.Equal(
            [
                "levels[2].conditions[0].level",
                "levels[2].conditions[1].judged",
                "levels[2].conditions[2].code",
                "levels[2].conditions[2].level",
                "levels[2].conditions[3].text",
            ],
            fields
        );
    }
}
