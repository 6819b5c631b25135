using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;

namespace Mtqg.Domain.Tests.Recognition;

/// <summary>A ten-criterion commune: criterion 8 (Môi trường) belongs to the agriculture and environment department, the rest to construction.</summary>
internal static class DossierBuilder
{
    public const string Construction = "Sở Xây dựng";
    public const string Nnmt = "Sở Nông nghiệp và Môi trường";
    public static readonly Actor Commune = new("u-commune", "Cán bộ xã Tân Lập");
    public static readonly Actor Builder = new("u-xd", "Thẩm định viên Sở Xây dựng");
    public static readonly Actor Greener = new("u-nnmt", "Thẩm định viên Sở NN&MT");
    public static readonly Actor Office = new("u-vpdp", "Văn phòng Điều phối NTM");
    public static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

    public static readonly IReadOnlyDictionary<int, string> Sectors = Enumerable
        .Range(1, 10)
        .ToDictionary(n => n, n => n == 8 ? Nnmt : Construction);

    public static string NameOf(int number) =>
        number switch
        {
            2 => "Giao thông",
            8 => "Môi trường",
            _ => $"Tiêu chí số {number}",
        };

    public static Scorecard Card(params (int Number, EvaluationStatus Status)[] overrides) => Card(10, overrides);

    public static Scorecard Card(int count, params (int Number, EvaluationStatus Status)[] overrides)
    {
        var criteria = Enumerable
            .Range(1, count)
            .Select(n => new CriterionResult(
                n,
                $"TC{n:00}",
                NameOf(n),
                overrides.Where(o => o.Number == n).Select(o => o.Status).DefaultIfEmpty(EvaluationStatus.Met).First(),
                []
            ))
            .ToList();
        var met = criteria.Count(c => c.Status == EvaluationStatus.Met);
        return new Scorecard("NTM", "G1", 2026, met, criteria.Count(c => c.Status != EvaluationStatus.NotApplicable), null, [], criteria);
    }

    public static Dossier Draft(Scorecard? card = null, decimal? satisfaction = 95m, bool declared = true)
    {
        var dossier = Dossier.Create("25210", 2026, "QD51-2026", "NTM", Commune, T0, requiredSatisfaction: 90m);
        Assert.True(dossier.RefreshCriteria(card ?? Card(), Sectors, Commune, T0).IsDone);
        Assert.True(dossier.SetResidentSatisfaction(satisfaction).IsDone);
        Assert.True(dossier.DeclareNoConstructionDebt(declared).IsDone);
        return dossier;
    }

    public static Dossier Submitted()
    {
        var dossier = Draft();
        Assert.True(dossier.Submit(Commune, T0.AddHours(1)).IsDone);
        return dossier;
    }

    /// <summary>Both departments find every criterion met.</summary>
    public static Dossier Appraised()
    {
        var dossier = Submitted();
        foreach (var number in Enumerable.Range(1, 10))
            Assert.True(
                dossier.Appraise(number, Sectors[number], AppraisalResult.Met, null, number == 8 ? Greener : Builder, T0.AddDays(1)).IsDone
            );
        return dossier;
    }

    public static Dossier CouncilHeld()
    {
        var dossier = Appraised();
        Assert.True(dossier.RecordCouncil(new DateOnly(2026, 3, 20), Members, 7, 1, "Đề nghị công nhận", Office, T0.AddDays(18)).IsDone);
        return dossier;
    }

    public static Dossier Recognised()
    {
        var dossier = CouncilHeld();
        Assert.True(
            dossier.RecordDecision("1234/QĐ-UBND", new DateOnly(2026, 3, 25), "Chủ tịch UBND tỉnh", "NTM", Office, T0.AddDays(23)).IsDone
        );
        return dossier;
    }

    /// <summary>Construction appraises its nine, environment sends criterion 8 back.</summary>
    public static Dossier SentBack()
    {
        var dossier = Submitted();
        Assert.True(dossier.SendBack(8, Nnmt, "Thiếu biên bản kiểm tra thu gom rác", Greener, T0.AddDays(1)).IsDone);
        foreach (var number in Enumerable.Range(1, 10).Where(n => n != 8))
            Assert.True(dossier.Appraise(number, Construction, AppraisalResult.Met, null, Builder, T0.AddDays(2)).IsDone);
        return dossier;
    }

    public static Dossier Resubmitted()
    {
        var dossier = SentBack();
        Assert.True(dossier.Resubmit(Commune, T0.AddDays(3)).IsDone);
        return dossier;
    }

    public static Dossier RejectedByCriterion()
    {
        var dossier = Submitted();
        Assert.True(dossier.Appraise(8, Nnmt, AppraisalResult.NotMet, "Tỷ lệ thu gom rác 60%", Greener, T0.AddDays(1)).IsDone);
        return dossier;
    }

    public static readonly IReadOnlyList<string> Members = [.. Enumerable.Range(1, 9).Select(i => $"Thành viên {i}")];

    public static Dossier In(DossierStatus status) =>
        status switch
        {
            DossierStatus.Draft => Draft(),
            DossierStatus.Submitted => Submitted(),
            DossierStatus.SentBack => SentBack(),
            DossierStatus.Resubmitted => Resubmitted(),
            DossierStatus.Appraised => Appraised(),
            DossierStatus.CouncilHeld => CouncilHeld(),
            DossierStatus.Recognised => Recognised(),
            _ => RejectedByCriterion(),
        };
}
