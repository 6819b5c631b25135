using Mtqg.Domain.Recognition;
using static Mtqg.Domain.Tests.Recognition.DossierBuilder;

namespace Mtqg.Domain.Tests.Recognition;

public sealed class SnapshotTests
{
    public static TheoryData<DossierStatus> Statuses() => [.. Enum.GetValues<DossierStatus>()];

    [Theory]
    [MemberData(nameof(Statuses))]
    public void A_restored_dossier_has_the_same_snapshot_as_the_one_taken(DossierStatus status)
    {
        var original = In(status);
        var restored = Dossier.Restore(original.Snapshot());
        var (a, b) = (original.Snapshot(), restored.Snapshot());
        Assert.Equal(
            a with
            {
                Criteria = [],
                Progress = [],
                Appraisals = [],
                Timeline = [],
            },
            b with
            {
                Criteria = [],
                Progress = [],
                Appraisals = [],
                Timeline = [],
            }
        );
        Assert.Equal(a.Criteria, b.Criteria);
        Assert.Equal(a.Progress, b.Progress);
        Assert.Equal(a.Appraisals, b.Appraisals);
        Assert.Equal(a.Timeline, b.Timeline);
    }

    [Fact]
    public void A_restored_sent_back_dossier_resubmits_only_what_was_sent_back_and_continues_the_round()
    {
        var restored = Dossier.Restore(SentBack().Snapshot());
        Assert.True(restored.Resubmit(Commune, T0.AddDays(5)).IsDone);
        Assert.Equal([8], restored.PendingCriteria);
        Assert.Equal(2, restored.ProgressOf(8).Round);
        Assert.True(restored.Appraise(8, Nnmt, AppraisalResult.Met, null, Greener, T0.AddDays(6)).IsDone);
        Assert.Equal(DossierStatus.Appraised, restored.Status);
    }

    [Fact]
    public void A_restored_submitted_dossier_still_refuses_a_second_appraisal_of_a_judged_criterion()
    {
        var dossier = Submitted();
        Assert.True(dossier.Appraise(1, Construction, AppraisalResult.Met, null, Builder, T0.AddDays(1)).IsDone);
        var restored = Dossier.Restore(dossier.Snapshot());
        var again = restored.Appraise(1, Construction, AppraisalResult.Met, null, Builder, T0.AddDays(2));
        Assert.False(again.IsDone);
        Assert.Contains("đã được thẩm định đạt", again.Message);
    }
}
