using Mtqg.Domain.Criteria;
using static Mtqg.Domain.Tests.Criteria.SampleCriteriaSet;

namespace Mtqg.Domain.Tests.Criteria;

/// <summary>The optional recognition condition of a criteria set: the residents' satisfaction rate a dossier must show.</summary>
public class RecognitionConditionDocumentTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(90)]
    [InlineData(100)]
    public void A_set_without_a_rate_or_with_a_percentage_is_valid(int? rate) =>
        Assert.Empty(CriteriaSetValidator.Validate(Build() with { Recognition = new RecognitionDocument(rate) }));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(120)]
    public void A_rate_that_is_not_a_percentage_above_zero_is_named(double rate)
    {
        var problem = Assert.Single(CriteriaSetValidator.Validate(Build() with { Recognition = new RecognitionDocument((decimal)rate) }));
        Assert.Equal("recognition.requiredSatisfaction", problem.Field);
    }
}
