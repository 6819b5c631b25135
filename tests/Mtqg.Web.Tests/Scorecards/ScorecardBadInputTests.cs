using System.Net;
using System.Net.Http.Json;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Scorecards;

public sealed class ScorecardBadInputTests
{
    [Fact]
    public async Task One_bad_item_among_good_ones_writes_nothing_and_every_bad_item_is_named()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(
            BaoHa,
            2026,
            new Dictionary<string, object?>
            {
                ["1.2"] = 90,
                ["6.1"] = 1.0m,
                ["5.3"] = null,
            }
        );

        var response = await admin.PutValuesAsync(
            BaoHa,
            2026,
            new Dictionary<string, object?>
            {
                ["1.2"] = 50, // good
                ["6.1"] = 3.5m, // good
                ["5.3"] = 100, // good
                ["99.9"] = 1, // no such indicator
                ["2.1"] = "cao", // a string for a percent
                ["1.1"] = 1, // a number for a boolean
                ["4.1"] = 120, // a percent above 100
            }
        );

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(4, problem.GetProperty("errors").EnumerateObject().Count());
        Assert.Contains("99.9", ProblemAssert.Errors(problem, "values.99.9")[0]);
        Assert.Contains("cao", ProblemAssert.Errors(problem, "values.2.1")[0]);
        Assert.Contains("true hoặc false", ProblemAssert.Errors(problem, "values.1.1")[0]);
        Assert.Contains("0–100", ProblemAssert.Errors(problem, "values.4.1")[0]);
        Assert.Contains("chưa có gì được ghi", problem.GetProperty("detail").GetString());

        var card = await admin.ScorecardAsync(BaoHa, 2026);
        Assert.Equal(90m, card.Indicator("1.2").GetProperty("value").GetDecimal());
        Assert.Equal(1.0m, card.Indicator("6.1").GetProperty("value").GetDecimal());
        Assert.Equal("missing", card.Indicator("5.3").Status());
    }

    [Theory]
    [InlineData("{ \"values\": { \"1.2\": 5 ")]
    [InlineData("{ \"values\": [1, 2] }")]
    [InlineData("{ \"values\": { \"1.2\": 5 } } }")]
    [InlineData("giá trị 1.2 = 5")]
    [InlineData("")]
    public async Task A_malformed_body_is_a_400_problem_not_a_500_and_writes_nothing(string body)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["1.2"] = 90 });

        await ProblemAssert.IsProblemAsync(await admin.PutAsync(ValuesUrl(BaoHa, 2026), Json(body)), HttpStatusCode.BadRequest);

        Assert.Equal(90m, (await admin.ScorecardAsync(BaoHa, 2026)).Indicator("1.2").GetProperty("value").GetDecimal());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{ \"values\": {} }")]
    [InlineData("{ \"values\": null }")]
    public async Task A_request_without_any_value_is_refused_on_values(string body)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PutAsync(ValuesUrl(BaoHa, 2026), Json(body)),
            HttpStatusCode.BadRequest
        );

        Assert.NotEmpty(ProblemAssert.Errors(problem, "values"));
    }

    [Fact]
    public async Task An_unknown_commune_is_a_404_in_Vietnamese()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var put = await ProblemAssert.IsProblemAsync(
            await admin.PutValuesAsync("99999", 2026, new Dictionary<string, object?> { ["1.2"] = 90 }),
            HttpStatusCode.NotFound
        );
        var get = await ProblemAssert.IsProblemAsync(await admin.GetAsync(ScorecardUrl("99999", 2026)), HttpStatusCode.NotFound);

        Assert.Equal("Không tìm thấy", put.GetProperty("title").GetString());
        Assert.Contains("Không có xã mã \"99999\"", put.GetProperty("detail").GetString());
        Assert.Contains("99999", get.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_province_code_is_not_a_commune()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        await ProblemAssert.IsProblemAsync(
            await admin.PutValuesAsync("15", 2026, new Dictionary<string, object?> { ["1.2"] = 90 }),
            HttpStatusCode.NotFound
        );
    }

    [Fact]
    public async Task A_year_outside_the_set_is_refused_on_year()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var put = await ProblemAssert.IsProblemAsync(
            await admin.PutValuesAsync(BaoHa, 2019, new Dictionary<string, object?> { ["1.2"] = 90 }),
            HttpStatusCode.BadRequest
        );
        var get = await ProblemAssert.IsProblemAsync(await admin.GetAsync(ScorecardUrl(BaoHa, 2019)), HttpStatusCode.BadRequest);
        var summary = await ProblemAssert.IsProblemAsync(await admin.GetAsync(SummaryUrl("15", 2019)), HttpStatusCode.BadRequest);

        Assert.Contains("2019", ProblemAssert.Errors(put, "year")[0]);
        Assert.Contains("2021–2030", ProblemAssert.Errors(put, "year")[0]);
        Assert.NotEmpty(ProblemAssert.Errors(get, "year"));
        Assert.NotEmpty(ProblemAssert.Errors(summary, "year"));
    }

    [Fact]
    public async Task An_unknown_set_is_a_404_naming_it()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var put = await ProblemAssert.IsProblemAsync(
            await admin.PutAsJsonAsync(
                $"/api/v1/communes/{BaoHa}/years/2026/values?set=KHONG-CO",
                new { values = new Dictionary<string, object> { ["1.2"] = 90 } }
            ),
            HttpStatusCode.NotFound
        );
        var get = await ProblemAssert.IsProblemAsync(
            await admin.GetAsync($"/api/v1/communes/{BaoHa}/years/2026/scorecard?set=KHONG-CO"),
            HttpStatusCode.NotFound
        );
        var summary = await ProblemAssert.IsProblemAsync(
            await admin.GetAsync("/api/v1/provinces/15/years/2026/summary?set=KHONG-CO"),
            HttpStatusCode.NotFound
        );

        Assert.Contains("KHONG-CO", put.GetProperty("detail").GetString());
        Assert.Contains("KHONG-CO", get.GetProperty("detail").GetString());
        Assert.Contains("KHONG-CO", summary.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_level_is_refused_on_level_with_the_levels_of_the_set()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var problem = await ProblemAssert.IsProblemAsync(
            await coordinator.GetAsync(ScorecardUrl(BaoHa, 2026) + "&level=KIEUMAU"),
            HttpStatusCode.BadRequest
        );

        var message = ProblemAssert.Errors(problem, "level")[0];
        Assert.Contains("KIEUMAU", message);
        Assert.Contains("NTM, NTMNC", message);
    }

    [Fact]
    public async Task A_ward_is_refused_because_NTM_applies_only_to_xa_and_dac_khu()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var response = await admin.PutValuesAsync(PhuongLaoCai, 2026, new Dictionary<string, object?> { ["1.2"] = 90 });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("Phường Lào Cai", detail);
        Assert.Contains("chỉ áp dụng cho xã và đặc khu", detail);
    }
}
