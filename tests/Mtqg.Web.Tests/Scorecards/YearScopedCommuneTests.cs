using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Scorecards;

/// <summary>DESIGN §5: in a year-scoped path a commune code names the unit in force on 31 December of that year.</summary>
public sealed class YearScopedCommuneTests
{
    /// <summary>Xã Kim Sơn (Bảo Yên), merged into the new Xã Bảo Hà on 1/7/2025.</summary>
    private const string KimSon = "02971";

    [Fact]
    public async Task Code_02989_named_the_old_Xa_Bao_Ha_until_30_June_2025_and_the_new_one_since()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = app.CreateClient();

        var old = await client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{BaoHa}?asOf=2024-12-31");
        var current = await client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{BaoHa}?asOf=2026-12-31");

        Assert.Equal(
            ("Xã Bảo Hà", "2025-06-30", "10"),
            (old.GetProperty("fullName").GetString(), old.GetProperty("validTo").GetString(), old.GetProperty("provinceCode").GetString())
        );
        Assert.Equal(
            ("Xã Bảo Hà", "2025-07-01", "15"),
            (
                current.GetProperty("fullName").GetString(),
                current.GetProperty("validFrom").GetString(),
                current.GetProperty("provinceCode").GetString()
            )
        );
        Assert.Contains(current.GetProperty("predecessors").EnumerateArray(), p =>
            p.GetProperty("code").GetString() == BaoHa && p.GetProperty("validTo").GetString() == "2025-06-30"
        );
        Assert.Contains(current.GetProperty("predecessors").EnumerateArray(), p => p.GetProperty("code").GetString() == KimSon);
    }

    [Fact]
    public async Task A_2024_value_for_02989_goes_to_the_old_Xa_Bao_Ha_and_never_shows_on_the_new_one()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["1.2"] = 90 });

        var written = await admin.PutValuesOkAsync(BaoHa, 2024, new Dictionary<string, object?> { ["1.2"] = 42 });

        Assert.Equal(
            (BaoHa, 2024),
            (written.GetProperty("commune").GetProperty("code").GetString(), written.GetProperty("year").GetInt32())
        );
        Assert.Equal(42m, written.Indicator("1.2").GetProperty("value").GetDecimal());
        Assert.Equal(42m, (await admin.ScorecardAsync(BaoHa, 2024)).Indicator("1.2").GetProperty("value").GetDecimal());
        Assert.Equal(90m, (await admin.ScorecardAsync(BaoHa, 2026)).Indicator("1.2").GetProperty("value").GetDecimal());

        // The old commune is counted under the old Tỉnh Lào Cai (10) in 2024, not under code 15 (then Tỉnh Yên Bái).
        var oldProvince = await admin.SummaryAsync("10", 2024);
        Assert.Contains(
            "1. Quy hoạch",
            oldProvince.Commune("communes", BaoHa)!.Value.GetProperty("criteriaNotMet").EnumerateArray().Select(c => c.GetString())
        );
        Assert.Null((await admin.SummaryAsync("15", 2024)).Commune("communes", BaoHa));
    }

    [Fact]
    public async Task The_old_and_the_new_Xa_Bao_Ha_keep_separate_groups_and_2025_belongs_to_the_new_one()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        await admin.AssignGroupAsync(BaoHa, "G2", year: 2024);
        await admin.AssignGroupAsync(BaoHa, "G3", year: 2026);

        Assert.Equal("G2", (await admin.ScorecardAsync(BaoHa, 2024)).GetProperty("group").GetString());
        Assert.Equal("G3", (await admin.ScorecardAsync(BaoHa, 2025)).GetProperty("group").GetString());
        Assert.Equal("G3", (await admin.ScorecardAsync(BaoHa, 2026)).GetProperty("group").GetString());
    }

    [Fact]
    public async Task A_commune_merged_away_in_2025_takes_values_for_2024_but_is_unknown_for_2025_and_2026()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var in2024 = await admin.PutValuesOkAsync(KimSon, 2024, new Dictionary<string, object?> { ["1.2"] = 77 });
        var in2025 = await admin.PutValuesAsync(KimSon, 2025, new Dictionary<string, object?> { ["1.2"] = 77 });
        var in2026 = await admin.PutValuesAsync(KimSon, 2026, new Dictionary<string, object?> { ["1.2"] = 77 });

        Assert.Equal("Xã Kim Sơn", in2024.GetProperty("commune").GetProperty("name").GetString());
        Assert.Equal(77m, in2024.Indicator("1.2").GetProperty("value").GetDecimal());
        Assert.Contains(
            "31/12/2025",
            (await ProblemAssert.IsProblemAsync(in2025, HttpStatusCode.NotFound)).GetProperty("detail").GetString()
        );
        Assert.Contains(
            "31/12/2026",
            (await ProblemAssert.IsProblemAsync(in2026, HttpStatusCode.NotFound)).GetProperty("detail").GetString()
        );
        await ProblemAssert.IsProblemAsync(await admin.GetAsync(ScorecardUrl(KimSon, 2026)), HttpStatusCode.NotFound);
    }
}
