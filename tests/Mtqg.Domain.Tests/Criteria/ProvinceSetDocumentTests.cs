using Mtqg.Domain.Criteria;
using static Mtqg.Domain.Tests.Criteria.SampleCriteriaSet;

namespace Mtqg.Domain.Tests.Criteria;

/// <summary>A province's own set (DESIGN §9): its province, the national set it details, the national floor; what stops publishing.</summary>
public class ProvinceSetDocumentTests
{
    private static readonly DetailedSet National = new("NTM-XA-2026-2030", null, 2026, 2030, [1, 2]);

    private static SetContext Context(DetailedSet? details = null) => new(new HashSet<string> { "15", "01" }, details ?? National);

    private static CriteriaSetDocument Province15() => Build() with { Province = "15", Details = National.Code };

    [Fact]
    public void A_province_set_keeping_the_national_criteria_is_valid() =>
        Assert.Empty(CriteriaSetValidator.Validate(Province15(), Context()));

    [Fact]
    public void An_unknown_province_and_a_missing_national_set_are_both_named()
    {
        var problems = CriteriaSetValidator.Validate(Province15() with { Province = "99" }, new(new HashSet<string> { "15" }, null));
        Assert.Contains(problems, p => p.Field == "province" && p.Message.Contains("99"));
        Assert.Contains(problems, p => p.Field == "details" && p.Message.Contains("NTM-XA-2026-2030"));
    }

    [Fact]
    public void Criteria_of_the_national_set_left_out_are_listed_by_number()
    {
        var problem = Assert.Single(
            CriteriaSetValidator.Validate(Province15(), Context(National with { CriterionNumbers = [1, 2, 3, 7] }))
        );
        Assert.Equal("criteria", problem.Field);
        Assert.Contains("3, 7", problem.Message);
    }

    [Fact]
    public void Years_outside_the_national_set_and_a_province_set_as_details_are_refused()
    {
        Assert.Equal(
            "validFrom",
            Assert.Single(CriteriaSetValidator.Validate(Province15(), Context(National with { ValidTo = 2028 }))).Field
        );
        Assert.Contains(
            "tỉnh 01",
            Assert.Single(CriteriaSetValidator.Validate(Province15(), Context(National with { Province = "01" }))).Message
        );
    }

    [Fact]
    public void A_province_set_must_name_what_it_details_and_a_national_one_must_not()
    {
        Assert.Equal("details", Assert.Single(CriteriaSetValidator.Validate(Province15() with { Details = null }, Context())).Field);
        Assert.Equal("details", Assert.Single(CriteriaSetValidator.Validate(Build() with { Details = "X" }, Context())).Field);
    }

    [Fact]
    public void Publishing_names_a_level_without_criteria_and_an_indicator_without_threshold_rows()
    {
        var doc = Build();
        foreach (var indicator in doc.Criteria!.SelectMany(c => c.Indicators!))
            indicator.Thresholds!.RemoveAll(t => t.Level == "NTMNC");
        doc.Criteria![1].Indicators![0].Thresholds!.Clear();
        var problems = CriteriaSetValidator.ReadyToPublish(doc);
        Assert.Contains(problems, p => p.Field == "levels[1]" && p.Message.Contains("NTMNC"));
        Assert.Contains(problems, p =>
            p.Field == "criteria[1].indicators[0].thresholds" && p.Message.Contains(doc.Criteria[1].Indicators![0].Code!)
        );
        Assert.Empty(CriteriaSetValidator.ReadyToPublish(Build()));
    }
}
