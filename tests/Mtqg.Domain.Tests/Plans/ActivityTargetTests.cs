using Mtqg.Domain.Plans;

namespace Mtqg.Domain.Tests.Plans;

public class ActivityTargetTests
{
    private static readonly PlanPeriod Year2026 = new(new(2026, 1, 1), new(2026, 12, 31));
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly string[] TenCommunes = [.. Enumerable.Range(1, 10).Select(i => $"C{i:00}")];

    private static ActivityTarget Lan() =>
        ActivityTarget.PerCommune(
            "Mạng LAN",
            "xã",
            [.. TenCommunes.Select(c => new CommuneGoal(c, 1))],
            ProgressMode.LatestValue,
            Year2026
        );

    private static ProgressUpdate Update(string date, decimal amount, string? commune = null) =>
        new(DateOnly.Parse(date), amount, "Sở KH&CN", "CV 12/STTTT", commune);

    [Fact]
    public void A_cumulative_overall_activity_adds_its_updates_up_to_the_date()
    {
        var training = ActivityTarget.Overall("Tập huấn tổ công nghệ số", "lớp", 10, ProgressMode.Cumulative, Year2026);
        Assert.True(training.Record(Update("2026-03-01", 2), Today).IsDone);
        Assert.True(training.Record(Update("2026-06-01", 3), Today).IsDone);
        Assert.True(training.Record(Update("2026-10-01", 4), Today).IsDone);

        Assert.Equal(5m, training.ProgressAt(new(2026, 6, 30)).Progress.Achieved);
        Assert.Equal(
            "9/10 lớp (90%) — chậm tiến độ so với kế hoạch (dự kiến 90,3% vào 26/11/2026)",
            training.ProgressAt(Today).Progress.Summary
        );
    }

    [Fact]
    public void A_latest_value_activity_takes_the_most_recent_update_not_the_sum()
    {
        var coded = ActivityTarget.Overall("Mã địa chỉ bưu chính", "%", 100, ProgressMode.LatestValue, Year2026);
        coded.Record(Update("2026-09-01", 60), Today);
        coded.Record(Update("2026-03-01", 40), Today); // entered late, older: does not replace 60
        coded.Record(Update("2026-09-01", 65), Today); // same date, recorded later: wins

        Assert.Equal(65m, coded.ProgressAt(Today).Progress.Achieved);
        Assert.Equal(40m, coded.ProgressAt(new(2026, 5, 1)).Progress.Achieved);
    }

    [Fact]
    public void A_per_commune_activity_counts_communes_that_reached_their_own_goal()
    {
        var lan = Lan();
        foreach (var c in TenCommunes.Take(8))
            Assert.True(lan.Record(Update("2026-10-01", 1, c), Today).IsDone);
        lan.Record(Update("2026-10-01", 0, "C09"), Today);

        var result = lan.ProgressAt(Today);

        Assert.Equal("8/10 xã (80%) — chậm tiến độ so với kế hoạch (dự kiến 90,3% vào 26/11/2026)", result.Progress.Summary);
        Assert.Equal(8, result.Communes.Count(c => c.IsDone));
        Assert.Equal(10, result.Communes.Count);
    }

    [Fact]
    public void A_commune_is_done_only_when_its_own_quantity_reaches_its_own_goal()
    {
        var households = ActivityTarget.PerCommune(
            "Hộ được gắn mã địa chỉ",
            "hộ",
            [new("C01", 500), new("C02", 300)],
            ProgressMode.Cumulative,
            Year2026
        );
        households.Record(Update("2026-02-01", 300, "C01"), Today);
        households.Record(Update("2026-03-01", 300, "C02"), Today);
        households.Record(Update("2026-04-01", 150, "C01"), Today);

        var result = households.ProgressAt(Today);

        Assert.Equal([(450m, false), (300m, true)], result.Communes.Select(c => (c.Achieved, c.IsDone)));
        Assert.Equal((1m, 2m), (result.Progress.Achieved, result.Progress.Goal));
    }

    [Fact]
    public void A_per_commune_activity_with_every_commune_done_is_done()
    {
        var lan = Lan();
        foreach (var c in TenCommunes)
            lan.Record(Update("2026-06-01", 1, c), Today);

        Assert.Equal(TargetState.Done, lan.ProgressAt(Today).Progress.State);
    }

    [Theory]
    [InlineData("2026-05-01", -1, "C01", "amount", "Số lượng không được âm.")]
    [InlineData("2025-12-31", 1, "C01", "date", "Ngày cập nhật phải nằm trong kỳ kế hoạch (01/01/2026–31/12/2026).")]
    [InlineData("2026-11-27", 1, "C01", "date", "Ngày cập nhật không được sau ngày hôm nay (26/11/2026).")]
    [InlineData("2026-05-01", 1, "X99", "communeCode", "Xã X99 không thuộc danh sách xã của mục tiêu này.")]
    [InlineData("2026-05-01", 1, null, "communeCode", "Phải chọn xã cho mục tiêu theo từng xã.")]
    public void A_bad_update_is_refused_with_a_message_naming_the_field_and_nothing_is_recorded(
        string date,
        decimal amount,
        string? commune,
        string field,
        string message
    )
    {
        var lan = Lan();

        var outcome = lan.Record(Update(date, amount, commune), Today);

        Assert.True(outcome.IsInvalid);
        Assert.Contains(outcome.Problems, p => p.Field == field && p.Message == message);
        Assert.Empty(lan.Updates);
    }

    [Fact]
    public void An_update_dated_today_on_the_last_day_of_the_period_is_accepted()
    {
        Assert.True(Lan().Record(Update("2026-12-31", 1, "C01"), new(2026, 12, 31)).IsDone);
    }

    [Fact]
    public void An_overall_activity_without_a_commune_list_refuses_updates_naming_a_commune()
    {
        var training = ActivityTarget.Overall("Tập huấn", "lớp", 5, ProgressMode.Cumulative, Year2026);

        Assert.True(training.Record(Update("2026-05-01", 1, "C01"), Today).IsInvalid);
        Assert.True(training.Record(Update("2026-05-01", 1), Today).IsDone);
    }
}
