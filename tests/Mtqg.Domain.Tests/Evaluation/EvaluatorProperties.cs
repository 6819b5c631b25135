using System.Text.Json;
using FsCheck.Xunit;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using static Mtqg.Domain.Tests.Evaluation.SetBuilder;

namespace Mtqg.Domain.Tests.Evaluation;

public class EvaluatorProperties
{
    private static readonly EvaluationLevel Km = new("KM", "Nông thôn mới kiểu mẫu", 3);

    // Every kind of row and rule; KM has no row at all.
    private static readonly EvaluationSet Sample = new(
        [Nc, Ntm, Km],
        [new("Đạt chuẩn", 4), new("2–3 tiêu chí", 2)],
        [
            Criterion(
                1,
                Percent(
                    "1.1",
                    Rule.AtLeast,
                    Row("NTM", 80),
                    Row("NTM", 85, "G1"),
                    Row("NTM", 90, "G1", 2027),
                    Row("NTM", 82, year: 2027),
                    Row("NC", 95)
                ),
                Percent("1.2", Rule.AtMost, Row("NTM", 5), Row("NTM", null, "G2"))
            ),
            Criterion(2, Flag("2.1", Row("NTM", 1)), Number("2.2", Rule.MoreThan, Row("NC", 1000, "G3"))),
            Criterion(3, Number("3.1", Rule.EqualTo, Row("NTM", 0)), Number("3.2", Rule.LessThan, Row("NTM", null))),
            Criterion(4, Percent("4.1", Rule.AtLeast, Row("NC", 70, year: 2026), Row("NC", 75, "G1"))),
        ]
    );

    private static readonly string[] Codes = ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "9.9", "không có"];
    private static readonly string?[] Groups = ["G1", "G2", "G3", null, "g1"];
    private static readonly decimal[] Edges = [0m, 1m, 5m, 80m, 85m, 90m, 1000m, -1m, decimal.MaxValue, decimal.MinValue];

    private static List<KeyValuePair<string, decimal?>> Entries(byte[] picks, decimal[] numbers, bool[] blanks)
    {
        var entries = new List<KeyValuePair<string, decimal?>>();
        for (var i = 0; i < picks.Length; i++)
        {
            var code = Codes[picks[i] % Codes.Length];
            if (entries.Exists(e => e.Key == code))
                continue;
            decimal? value =
                blanks.Length > 0 && blanks[i % blanks.Length] ? null
                : picks[i] % 2 == 0 || numbers.Length == 0 ? Edges[picks[i] % Edges.Length]
                : numbers[i % numbers.Length];
            entries.Add(new(code, value));
        }
        return entries;
    }

    private static string Snapshot(Scorecard card) => JsonSerializer.Serialize(card);

    [Property]
    public void Evaluation_never_throws_and_ignores_the_order_values_were_inserted(
        byte[] picks,
        decimal[] numbers,
        bool[] blanks,
        byte group,
        bool later,
        int seed
    )
    {
        var entries = Entries(picks ?? [], numbers ?? [], blanks ?? []);
        var shuffled = entries.ToArray();
        new Random(seed).Shuffle(shuffled);
        var inOrder = new Dictionary<string, decimal?>(entries);
        var reversed = new Dictionary<string, decimal?>(Enumerable.Reverse(entries));
        var mixed = new Dictionary<string, decimal?>(shuffled);
        var (g, year) = (Groups[group % Groups.Length], later ? 2027 : 2026);

        foreach (var level in Sample.Levels)
        {
            var expected = Snapshot(Evaluator.Evaluate(Sample, g, year, level.Code, inOrder));
            Assert.Equal(expected, Snapshot(Evaluator.Evaluate(Sample, g, year, level.Code, reversed)));
            Assert.Equal(expected, Snapshot(Evaluator.Evaluate(Sample, g, year, level.Code, mixed)));
        }
        Assert.Equal(Evaluator.Reached(Sample, g, year, inOrder), Evaluator.Reached(Sample, g, year, mixed));
    }

    [Property]
    public void A_level_is_reached_exactly_when_its_scorecard_is_complete_and_every_lower_level_is_reached(
        byte[] picks,
        decimal[] numbers,
        bool[] blanks,
        byte group,
        bool later
    )
    {
        var values = new Dictionary<string, decimal?>(Entries(picks ?? [], numbers ?? [], blanks ?? []));
        var (g, year) = (Groups[group % Groups.Length], later ? 2027 : 2026);

        var reached = Evaluator.Reached(Sample, g, year, values);

        var lowerReached = true;
        foreach (var level in Sample.Levels.OrderBy(l => l.Rank))
        {
            var card = Evaluator.Evaluate(Sample, g, year, level.Code, values);
            Assert.InRange(card.CriteriaMet, 0, card.CriteriaTotal);
            lowerReached &= card.CriteriaTotal > 0 && card.CriteriaMet == card.CriteriaTotal;
            Assert.Equal(lowerReached, reached.Contains(level.Code));
            Assert.Equal(reached, card.Reached);
        }
    }

    /// <summary>
    /// Values laid out by position (as the service hands the values of thousands of communes) give the scorecard the same
    /// values looked up by code give; values laid out for another instance of the set are looked up by code, not by position.
    /// Evaluated one after another in a mixed order, so results shared between communes (what has no value) never carry one
    /// commune's values into another's.
    /// </summary>
    [Property]
    public void Values_laid_out_in_the_set_order_give_the_scorecard_the_codes_give(
        byte[] picks,
        decimal[] numbers,
        bool[] blanks,
        byte group,
        bool later,
        int seed
    )
    {
        var entries = Entries(picks ?? [], numbers ?? [], blanks ?? []);
        var byCode = new Dictionary<string, decimal?>(entries);
        var shuffled = entries.ToArray();
        new Random(seed).Shuffle(shuffled);
        var other = new Dictionary<string, decimal?>(shuffled.Take(shuffled.Length / 2));
        var (g, year) = (Groups[group % Groups.Length], later ? 2027 : 2026);
        var copy = Sample with { };

        foreach (var level in Sample.Levels)
        {
            var expected = Snapshot(Evaluator.Evaluate(Sample, g, year, level.Code, byCode));
            var expectedOther = Snapshot(Evaluator.Evaluate(Sample, g, year, level.Code, other));
            var empty = Snapshot(Evaluator.Evaluate(Sample, g, year, level.Code, new Dictionary<string, decimal?>()));
            Assert.Equal(expected, Snapshot(Evaluator.Evaluate(Sample, g, year, level.Code, new LaidOut(Sample, byCode))));
            Assert.Equal(empty, Snapshot(Evaluator.Evaluate(Sample, g, year, level.Code, new LaidOut(Sample, []))));
            Assert.Equal(expectedOther, Snapshot(Evaluator.Evaluate(Sample, g, year, level.Code, new LaidOut(Sample, other))));
            Assert.Equal(expected, Snapshot(Evaluator.Evaluate(Sample, g, year, level.Code, byCode)));
            // Laid out for another instance (a set loaded again): its positions are not trusted, its codes are.
            Assert.Equal(
                Snapshot(Evaluator.Evaluate(copy, g, year, level.Code, byCode)),
                Snapshot(Evaluator.Evaluate(copy, g, year, level.Code, new LaidOut(Sample, byCode, scrambled: true)))
            );
        }
        Assert.Equal(Evaluator.Reached(Sample, g, year, byCode), Evaluator.Reached(Sample, g, year, new LaidOut(Sample, byCode)));
    }

    /// <summary>Values by position in <paramref name="set"/>'s order; <paramref name="scrambled"/>: positions answer wrong values (only codes are right).</summary>
    private sealed class LaidOut(EvaluationSet set, Dictionary<string, decimal?> values, bool scrambled = false)
        : Dictionary<string, decimal?>(values),
            IValuesInSetOrder
    {
        private readonly decimal?[] positions =
        [
            .. Evaluator.IndicatorCodes(set).Select((code, i) => scrambled ? 7m * i : values.GetValueOrDefault(code)),
        ];

        public EvaluationSet? LaidOutFor => set;

        public decimal? ValueAt(int position) => positions[position];
    }
}
