using Mtqg.Data.Audit;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Features.Audit;

namespace Mtqg.Web.Tests.Audit;

/// <summary>An import's changes are stored one entry per commune-year and read back one row per value.</summary>
public sealed class ImportAuditEntryTests
{
    private static readonly DateTime At = new(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_changes_of_a_commune_year_read_back_as_one_row_per_value_with_the_right_action()
    {
        var entries = AuditWriter
            .ValueChanges(
                At,
                "demo.dieuphoi",
                "127.0.0.1",
                7,
                "02989",
                2026,
                "DEMO",
                [
                    ("1.1", IndicatorType.Boolean, null, 1m),
                    ("1.2", IndicatorType.Percent, 40.5m, 12.25m),
                    ("2.1", IndicatorType.Number, 33.5m, null),
                ]
            )
            .ToList();

        var entry = Assert.Single(entries);
        Assert.Equal((AuditEntry.Import, "3 chỉ tiêu"), (entry.Action, entry.Key));
        var rows = AuditService.Expand(Row(entry)).ToList();
        Assert.Equal(
            [("create", "1.1", null, "true"), ("update", "1.2", "40.5", "12.25"), ("delete", "2.1", "33.5", null)],
            rows.Select(r => (r.Action, r.Key, r.OldValue, r.NewValue))
        );
        Assert.All(rows, r =>
            Assert.Equal(("02989", 2026, "DEMO", "demo.dieuphoi", DateTimeKind.Utc), (r.UnitCode, r.Year, r.SetCode, r.UserName, r.At.Kind))
        );
    }

    [Fact]
    public void A_commune_year_with_more_changes_than_a_column_holds_is_split_into_several_entries_losing_none()
    {
        var changes = Enumerable
            .Range(1, 400)
            .Select(i => ($"CHI-TIEU-RAT-DAI-{i:000}", IndicatorType.Number, (decimal?)(i * 1000.1234m), (decimal?)(i * 2000.5678m)))
            .ToList();

        var entries = AuditWriter.ValueChanges(At, "demo.admin", null, 7, "02989", 2026, "DEMO", changes).ToList();

        Assert.True(entries.Count > 1, $"{entries.Count} entry");
        Assert.All(entries, e => Assert.True(e.OldValue!.Length <= AuditText.MaxLength && e.NewValue!.Length <= AuditText.MaxLength));
        var rows = entries.SelectMany(e => AuditService.Expand(Row(e))).ToList();
        Assert.Equal(changes.Select(c => c.Item1), rows.Select(r => r.Key));
        Assert.Equal("400113.56", rows.Single(r => r.Key == "CHI-TIEU-RAT-DAI-200").NewValue);
    }

    private static AuditRow Row(AuditEntry e) =>
        new(
            DateTime.SpecifyKind(e.At, DateTimeKind.Unspecified),
            e.UserName,
            e.Client,
            e.Action,
            e.Entity,
            e.UnitCode,
            e.Year,
            e.SetCode,
            e.Key,
            e.OldValue,
            e.NewValue
        );
}
