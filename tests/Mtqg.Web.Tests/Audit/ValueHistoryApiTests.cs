using System.Net;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Audit.AuditCalls;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Audit;

/// <summary>GET /api/v1/communes/{code}/years/{year}/history: who changed which value of a commune-year, when, from what to what.</summary>
public sealed class ValueHistoryApiTests
{
    [Fact]
    public async Task A_value_changed_twice_has_two_history_rows_newest_first_with_old_and_new_values_and_who_changed_it()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        admin.DefaultRequestHeaders.UserAgent.ParseAdd("MtqgTests/1.0");
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var seeded = (await admin.ScorecardAsync(BaoHa, 2026)).Text("2.1");

        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 61.25m });
        var card = await coordinator.PutValuesOkAsync(
            BaoHa,
            2026,
            new Dictionary<string, object?>
            {
                ["2.1"] = 72.75m,
                ["2.2"] = (await admin.ScorecardAsync(BaoHa, 2026)).Indicator("2.2").GetProperty("value"),
            }
        );

        var rows = await admin.HistoryOfAsync(BaoHa, 2026, "2.1");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("demo.dieuphoi", "update", "61.25", "72.75"), (rows[0].UserName, rows[0].Action, rows[0].OldValue, rows[0].NewValue));
        Assert.Equal(
            ("demo.admin", seeded is null ? "create" : "update", seeded, "61.25"),
            (rows[1].UserName, rows[1].Action, rows[1].OldValue, rows[1].NewValue)
        );
        Assert.True(rows[0].At >= rows[1].At);
        Assert.Equal(DateTimeKind.Utc, rows[0].At.Kind);
        Assert.InRange(rows[0].At, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        Assert.Contains("MtqgTests/1.0", rows[1].Client);
        Assert.All(rows, r => Assert.Equal((BaoHa, 2026, Code), (r.UnitCode, r.Year, r.SetCode)));
        // Saving a value unchanged is not a change.
        Assert.Empty(await admin.HistoryOfAsync(BaoHa, 2026, "2.2"));
        Assert.Equal(72.75m, card.Indicator("2.1").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Clearing_a_value_is_a_delete_row_with_the_old_value_and_booleans_read_true_or_false()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 50.5m, ["9.2"] = true });

        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = null, ["9.2"] = false });

        var cleared = (await admin.HistoryOfAsync(BaoHa, 2026, "2.1"))[0];
        Assert.Equal(("delete", "50.5", null), (cleared.Action, cleared.OldValue, cleared.NewValue));
        Assert.Equal("demo.admin", cleared.UserName);
        var flag = (await admin.HistoryOfAsync(BaoHa, 2026, "9.2"))[0];
        Assert.Equal(("update", "true", "false"), (flag.Action, flag.OldValue, flag.NewValue));
    }

    [Fact]
    public async Task A_request_refused_as_a_whole_writes_no_audit_row()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var officer = await app.ClientAsAsync("demo.xa");

        var invalid = await admin.PutValuesAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 70.25m, ["1.2"] = "nhiều" });
        var forbidden = await officer.PutValuesAsync(BaoNhai, 2026, new Dictionary<string, object?> { ["2.1"] = 70.25m });
        var badFile = await admin.UploadCsvAsync("15", 2026, "Mã xã,1.2,2.1\r\n02989,40.25,150\r\n");

        Assert.Equal(
            (HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest),
            (invalid.StatusCode, forbidden.StatusCode, badFile.StatusCode)
        );
        Assert.DoesNotContain(await admin.HistoryAsync(BaoHa, 2026), e => e.Entity == "IndicatorValue");
        Assert.DoesNotContain(await admin.HistoryAsync(BaoNhai, 2026), e => e.Entity == "IndicatorValue");
        Assert.Equal(0, (await admin.SearchAsync("entity=IndicatorValue")).Total);
    }

    [Fact]
    public async Task An_Excel_upload_records_one_entry_per_commune_listing_each_changed_cell_and_none_for_cells_left_as_they_were()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 33.5m, ["1.1"] = true });
        var baoHa = await admin.ScorecardAsync(BaoHa, 2026);
        var baoNhai = await admin.ScorecardAsync(BaoNhai, 2026);

        // Bảo Hà: 1.2 changed, 1.1 written again unchanged, 2.1 cleared; Bảo Nhai: 3.1 changed, the rest empty (left alone).
        var response = await coordinator.UploadCsvAsync("15", 2026, "Mã xã,1.2,1.1,2.1,3.1\r\n02989,12.25,Đạt,xóa,\r\n02890,,,,44.75\r\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (total, rows) = await admin.SearchAsync("user=demo.dieuphoi&entity=IndicatorValue");
        // Two entries (one per commune of the file that changed), shown as one row per changed value.
        Assert.Equal((2, 3), (total, rows.Count));
        var changes = rows.ToDictionary(r => (r.UnitCode, r.Key));
        Assert.Equal([(BaoNhai, "3.1"), (BaoHa, "1.2"), (BaoHa, "2.1")], changes.Keys.Order());
        Assert.Equal((baoHa.Text("1.2"), "12.25"), (changes[(BaoHa, "1.2")].OldValue, changes[(BaoHa, "1.2")].NewValue));
        Assert.Equal(
            ("delete", "33.5", null),
            (changes[(BaoHa, "2.1")].Action, changes[(BaoHa, "2.1")].OldValue, changes[(BaoHa, "2.1")].NewValue)
        );
        Assert.Equal((baoNhai.Text("3.1"), "44.75"), (changes[(BaoNhai, "3.1")].OldValue, changes[(BaoNhai, "3.1")].NewValue));
        Assert.All(rows, r => Assert.Equal((2026, Code, "demo.dieuphoi"), (r.Year, r.SetCode, r.UserName)));
        var history = await coordinator.HistoryOfAsync(BaoHa, 2026, "2.1");
        Assert.Equal(["demo.dieuphoi", "demo.admin"], history.Select(h => h.UserName));
    }

    [Fact]
    public async Task A_group_assignment_and_its_change_are_in_the_history_of_the_commune()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var seeded = (await admin.ScorecardAsync(BaoHa, 2026)).GetProperty("group").GetString();
        var first = seeded == "G1" ? "G2" : "G1";
        var second = first == "G3" || seeded == "G3" ? "G2" : "G3";

        await admin.AssignGroupAsync(BaoHa, first);
        await admin.AssignGroupAsync(BaoHa, second);

        var groups = (await admin.HistoryAsync(BaoHa, 2026)).Where(e => e.Entity == "CommuneGroupAssignment").ToList();
        Assert.Equal(
            ("demo.admin", "update", first, second),
            (groups[0].UserName, groups[0].Action, groups[0].OldValue, groups[0].NewValue)
        );
        Assert.Equal(("demo.admin", seeded, first), (groups[1].UserName, groups[1].OldValue, groups[1].NewValue));
        Assert.All(groups, g => Assert.Equal((BaoHa, Code), (g.UnitCode, g.SetCode)));
        // The demo data assigned the first group at start-up: recorded too, by the seeder.
        Assert.Equal(("create", seeded), (groups[^1].Action, groups[^1].NewValue));
    }

    [Fact]
    public async Task The_history_of_a_year_before_the_reform_is_that_of_the_old_commune_the_code_named_then()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        await admin.PutValuesOkAsync(BaoHa, 2024, new Dictionary<string, object?> { ["2.1"] = 41.5m });
        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 42.5m });

        Assert.Equal(["41.5"], (await admin.HistoryOfAsync(BaoHa, 2024, "2.1")).Select(e => e.NewValue));
        Assert.Equal(["42.5"], (await admin.HistoryOfAsync(BaoHa, 2026, "2.1")).Select(e => e.NewValue));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(HistoryUrl(BaoHa, 2026))).StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.GetAsync(HistoryUrl("99999", 2026)), HttpStatusCode.NotFound);
    }
}
