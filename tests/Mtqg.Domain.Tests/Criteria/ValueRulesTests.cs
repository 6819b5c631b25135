using Mtqg.Domain.Criteria;

namespace Mtqg.Domain.Tests.Criteria;

public class ValueRulesTests
{
    public static TheoryData<IndicatorType, string, string?> Accepted =>
        new()
        {
            { IndicatorType.Percent, "0", "0" },
            { IndicatorType.Percent, "100", "100" },
            { IndicatorType.Percent, "100.0000", "100.0000" },
            { IndicatorType.Percent, "85.1234", "85.1234" },
            { IndicatorType.Percent, "85.12345", "85.1234" },
            { IndicatorType.Percent, "85.12355", "85.1236" },
            { IndicatorType.Number, "-3.5", "-3.5" },
            { IndicatorType.Number, "1234.56789", "1234.5679" },
            { IndicatorType.Number, "99999999999999.9999", "99999999999999.9999" },
        };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void A_number_is_kept_to_four_decimals(IndicatorType type, string entered, string? stored)
    {
        var (value, error) = ValueRules.Check(type, "1.1", Parse(entered));

        Assert.Null(error);
        Assert.Equal(Parse(stored!), value);
        Assert.Equal(stored, value?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static TheoryData<IndicatorType, string, string> Refused =>
        new()
        {
            { IndicatorType.Percent, "100.00001", "tỷ lệ phần trăm" },
            { IndicatorType.Percent, "100.1", "0–100" },
            { IndicatorType.Percent, "-0.00001", "0–100" },
            { IndicatorType.Number, "100000000000000", "quá lớn" },
            { IndicatorType.Number, "-100000000000000", "quá lớn" },
        };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_percent_outside_0_to_100_or_a_number_too_large_is_refused_naming_the_indicator(
        IndicatorType type,
        string entered,
        string reason
    )
    {
        var (value, error) = ValueRules.Check(type, "2.3", Parse(entered));

        Assert.Null(value);
        Assert.NotNull(error);
        Assert.StartsWith("Chỉ tiêu 2.3", error);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_percent_just_above_100_is_refused_rather_than_rounded_down_to_100() =>
        Assert.Null(ValueRules.Check(IndicatorType.Percent, "1.1", 100.00001m).Value);

    [Fact]
    public void A_number_just_below_the_limit_is_accepted() =>
        Assert.Equal(ValueRules.Limit - 0.0001m, ValueRules.Check(IndicatorType.Number, "1.1", ValueRules.Limit - 0.0001m).Value);

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void A_boolean_is_stored_as_one_or_zero(bool achieved, int stored)
    {
        Assert.Equal(stored, ValueRules.FromFlag(achieved));
        Assert.Equal(achieved, ValueRules.IsAchieved(ValueRules.FromFlag(achieved)));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("1.0000", true)]
    [InlineData("0", false)]
    [InlineData("0.9999", false)]
    [InlineData("2", false)]
    public void Only_a_stored_one_reads_as_achieved(string stored, bool achieved) =>
        Assert.Equal(achieved, ValueRules.IsAchieved(Parse(stored)));

    private static decimal Parse(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
