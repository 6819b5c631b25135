using Mtqg.Domain.Criteria;
using static Mtqg.Domain.Tests.Criteria.SampleCriteriaSet;

namespace Mtqg.Domain.Tests.Criteria;

/// <summary>The optional revocation rule of a criteria set (shares and protected criteria, as data).</summary>
public class RevocationRuleDocumentTests
{
    [Fact]
    public void A_set_without_a_rule_is_valid() => Assert.Empty(CriteriaSetValidator.Validate(Build() with { Recognition = null }));

    [Fact]
    public void A_rule_of_thirty_and_fifty_percent_naming_criteria_of_the_set_is_valid() =>
        Assert.Empty(
            CriteriaSetValidator.Validate(
                Build() with
                {
                    Recognition = new RecognitionDocument(null, new RevocationDocument(0.3m, 0.5m, [1, 2])),
                }
            )
        );

    [Theory]
    [InlineData(0, 0.5, "recognition.revocation.failingShareFrom")]
    [InlineData(1.5, 0.5, "recognition.revocation.failingShareFrom")]
    [InlineData(0.3, 30, "recognition.revocation.failingShareTo")]
    [InlineData(0.6, 0.5, "recognition.revocation.failingShareTo")]
    public void Shares_outside_0_to_1_or_in_the_wrong_order_are_named(double lower, double upper, string field)
    {
        var problems = CriteriaSetValidator.Validate(
            Build() with
            {
                Recognition = new RecognitionDocument(null, new RevocationDocument((decimal)lower, (decimal)upper, [])),
            }
        );
        Assert.Contains(problems, p => p.Field == field);
    }

    [Fact]
    public void A_protected_criterion_the_set_does_not_have_is_named_with_its_number()
    {
        var problem = Assert.Single(
            CriteriaSetValidator.Validate(
                Build() with
                {
                    Recognition = new RecognitionDocument(null, new RevocationDocument(0.3m, 0.5m, [1, 17])),
                }
            )
        );
        Assert.Equal("recognition.revocation.protectedCriteria[1]", problem.Field);
        Assert.Contains("17", problem.Message);
    }

    [Fact]
    public void Missing_shares_are_named_rather_than_guessed()
    {
        var problems = CriteriaSetValidator.Validate(
            Build() with
            {
                Recognition = new RecognitionDocument(null, new RevocationDocument(null, null, [1])),
            }
        );
        Assert.Equal(["recognition.revocation.failingShareFrom", "recognition.revocation.failingShareTo"], problems.Select(p => p.Field));
    }

    [Fact]
    public void The_old_top_level_shape_is_still_read_and_named_by_its_own_fields()
    {
        var doc = Build() with { Revocation = new LegacyRevocationDocument(0.6m, 0.5m, [1]) };
        Assert.Equal(new RevocationDocument(0.6m, 0.5m, [1]).FailingShareFrom, doc.RevocationRule()!.FailingShareFrom);
        Assert.Equal("revocation.upperShare", Assert.Single(CriteriaSetValidator.Validate(doc)).Field);
    }

    [Fact]
    public void A_rule_written_in_both_shapes_is_refused()
    {
        var doc = Build() with
        {
            Revocation = new LegacyRevocationDocument(0.3m, 0.5m, [1]),
            Recognition = new RecognitionDocument(null, new RevocationDocument(0.3m, 0.5m, [1])),
        };
        Assert.Equal("revocation", Assert.Single(CriteriaSetValidator.Validate(doc)).Field);
    }
}
