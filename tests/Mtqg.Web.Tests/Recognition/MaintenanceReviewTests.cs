using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Recognition;

/// <summary>The yearly review of recognised communes, revocation decisions, and the exports.</summary>
public sealed class MaintenanceReviewTests
{
    /// <summary>Bảo Hà recognised at NTM in 2026 by decision 1234/QĐ-UBND.</summary>
    private static async Task<int> RecognisedAsync(MtqgApp app)
    {
        var id = await SubmittedAsync(app);
        await AppraiseAllAsync(app, id);
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        await OkAsync(await CouncilAsync(coordinator, id));
        await OkAsync(await DecisionAsync(coordinator, "1234/QĐ-UBND", id), HttpStatusCode.Created);
        return id;
    }

    private static async Task<JsonElement> ReviewAsync(HttpClient client, int year) =>
        await OkAsync(await client.GetAsync($"/api/v1/years/{year}/maintenance-review?province=15"));

    [Fact]
    public async Task A_recognised_commune_whose_next_year_values_fail_half_the_criteria_is_listed_for_revocation_and_a_revocation_decision_ends_its_title()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        await RecognisedAsync(app);
        var admin = await app.ClientAsAsync("demo.admin");
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        // 2027 all met: keep.
        await admin.AssignGroupAsync(BaoHa, "G1", 2027);
        await admin.PutValuesOkAsync(BaoHa, 2027, MeetingNtmInG1());
        var keep = await ReviewAsync(coordinator, 2027);
        var item = Assert.Single(keep.GetProperty("items").EnumerateArray());
        Assert.Equal("keep", item.GetProperty("verdict").GetString());
        Assert.Contains("30%", keep.GetProperty("rule").GetString());

        // Criteria 1, 2, 3 fail (30%) and one of them would need to be protected (6, 8, 10 in the demo set): still at risk only.
        await admin.PutValuesOkAsync(
            BaoHa,
            2027,
            new Dictionary<string, object?>
            {
                ["1.2"] = 10,
                ["2.1"] = 10,
                ["3.1"] = 1,
            }
        );
        item = (await ReviewAsync(coordinator, 2027)).GetProperty("items")[0];
        Assert.Equal("at_risk", item.GetProperty("verdict").GetString());
        Assert.Equal([1, 2, 3], item.GetProperty("notMet").EnumerateArray().Select(n => n.GetInt32()));

        // Criterion 8 fails too: 4 of 10 with a protected one → revocation under the set's rule.
        await admin.PutValuesOkAsync(BaoHa, 2027, new Dictionary<string, object?> { ["8.1"] = 10 });
        var review = await ReviewAsync(coordinator, 2027);
        item = review.GetProperty("items")[0];
        Assert.Equal("revocation", item.GetProperty("verdict").GetString());
        Assert.Contains("Thu hồi", item.GetProperty("message").GetString());
        Assert.Equal(1, review.GetProperty("revocation").GetInt32());

        var revoked = await OkAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/decisions/revocations",
                new
                {
                    number = "99/QĐ-UBND",
                    date = Today.Iso(),
                    signer = "Chủ tịch UBND tỉnh",
                    titles = new[] { item.GetProperty("titleId").GetInt32() },
                    reason = "Rà soát năm 2027",
                }
            ),
            HttpStatusCode.Created
        );
        Assert.Equal("revocation", revoked.GetProperty("kind").GetString());
        var title = (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/titles")).GetProperty("held")[0];
        Assert.Equal((Today.Iso(), "99/QĐ-UBND"), (title.GetProperty("revokedOn").GetString(), title.GetProperty("revokedBy").GetString()));
        Assert.Empty((await ReviewAsync(coordinator, 2027)).GetProperty("items").EnumerateArray());

        var again = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/decisions/revocations",
                new
                {
                    number = "100/QĐ-UBND",
                    date = Today.Iso(),
                    signer = "Chủ tịch UBND tỉnh",
                    titles = new[] { item.GetProperty("titleId").GetInt32() },
                    reason = "Lần hai",
                }
            ),
            HttpStatusCode.Conflict
        );
        Assert.Contains("đã bị thu hồi", again.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_set_without_a_revocation_rule_is_never_given_one_and_the_review_says_so()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        await RecognisedAsync(app);
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var set = db.CriteriaSets.Single(s => s.Code == Code);
            (set.RevocationLowerShare, set.RevocationUpperShare, set.RevocationProtected) = (null, null, null);
            await db.SaveChangesAsync();
        }
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.AssignGroupAsync(BaoHa, "G1", 2027);
        await admin.PutValuesOkAsync(BaoHa, 2027, MeetingNtmInG1());
        await admin.PutValuesOkAsync(
            BaoHa,
            2027,
            new Dictionary<string, object?>
            {
                ["1.2"] = 10,
                ["2.1"] = 10,
                ["3.1"] = 1,
                ["8.1"] = 10,
                ["6.1"] = 50,
            }
        );

        var review = await ReviewAsync(await app.ClientAsAsync("demo.xem"), 2027);
        Assert.Contains("chưa có quy định", review.GetProperty("rule").GetString());
        var item = review.GetProperty("items")[0];
        Assert.Equal("no_rule", item.GetProperty("verdict").GetString());
        Assert.Contains("chưa có quy định", item.GetProperty("message").GetString());
        Assert.Equal(5, item.GetProperty("notMet").GetArrayLength());
    }

    [Fact]
    public async Task The_review_is_for_the_province_accounts_and_asks_which_province()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        await ProblemAssert.IsProblemAsync(
            await (await app.ClientAsAsync("demo.xa")).GetAsync("/api/v1/years/2027/maintenance-review?province=15"),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(
            await (await app.ClientAsAsync("demo.dieuphoi")).GetAsync("/api/v1/years/2027/maintenance-review?province=01"),
            HttpStatusCode.Forbidden
        );
        var missing = await ProblemAssert.IsProblemAsync(
            await (await app.ClientAsAsync("demo.dieuphoi")).GetAsync("/api/v1/years/2027/maintenance-review"),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ProblemAssert.Errors(missing, "province"));
    }

    [Fact]
    public async Task The_dossier_workbook_holds_every_indicator_with_its_value_threshold_appraisal_and_comment_and_the_decisions_workbook_every_decision()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await RecognisedAsync(app);
        var viewer = await app.ClientAsAsync("demo.xem");

        var response = await viewer.GetAsync($"/api/v1/dossiers/{id}/workbook");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Hồ sơ", "Tiêu chí", "Dòng thời gian"], MiniExcel.GetSheetNames(stream));
        var rows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Tiêu chí").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(23, rows.Count);
        var row = rows.Single(r => ((string)r["Chỉ tiêu"]!).StartsWith("1.2 ", StringComparison.Ordinal));
        Assert.Equal(90d, Convert.ToDouble(row["Giá trị"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(80d, Convert.ToDouble(row["Ngưỡng"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("Thẩm định đạt", (string)row["Kết quả thẩm định"]!);
        Assert.Contains("Tiêu chí 1 đạt", (string)row["Nhận xét / lý do"]!);

        var decisions = await app.CreateClient().GetAsync("/api/v1/decisions.xlsx?province=15");
        await using var decisionStream = new MemoryStream(await decisions.Content.ReadAsByteArrayAsync());
        var decision = Assert.Single(MiniExcel.Query(decisionStream, useHeaderRow: true).Cast<IDictionary<string, object?>>());
        Assert.Equal("1234/QĐ-UBND", decision["Số quyết định"]);
        Assert.Contains("Bảo Hà", (string)decision["Các xã"]!);
    }
}
