using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Recognition;

/// <summary>A council that has met and a decision that has been signed are dated today at the latest: a later date is refused naming the field.</summary>
public sealed class FutureDateTests
{
    private static DateOnly Tomorrow => Today.AddDays(1);

    private static string Shown(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static async Task<int> CouncilHeldAsync(MtqgApp app, HttpClient coordinator)
    {
        var id = await SubmittedAsync(app);
        await AppraiseAllAsync(app, id);
        await OkAsync(await CouncilAsync(coordinator, id));
        return id;
    }

    [Fact]
    public async Task A_council_dated_after_today_is_refused_with_400_naming_the_date()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        await AppraiseAllAsync(app, id);
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var refused = await coordinator.PostAsJsonAsync(
            $"/api/v1/dossiers/{id}/council",
            new
            {
                date = Tomorrow.Iso(),
                members = new[] { "A", "B", "C" },
                votesFor = 3,
                votesAgainst = 0,
                conclusion = "Đề nghị công nhận",
            }
        );

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.StartsWith(
            $"Ngày họp hội đồng ({Shown(Tomorrow)}) không được sau ngày hôm nay (",
            Assert.Single(ProblemAssert.Errors(problem, "date"))
        );
        Assert.Equal("appraised", (await GetAsync(coordinator, id)).Status());
    }

    [Fact]
    public async Task A_recognition_decision_dated_after_today_is_refused_with_400_naming_the_date_and_nothing_is_recognised()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var id = await CouncilHeldAsync(app, coordinator);

        var refused = await coordinator.PostAsJsonAsync(
            "/api/v1/dossiers/decision",
            new
            {
                number = "15/QĐ-UBND",
                date = Tomorrow.Iso(),
                signer = "Chủ tịch UBND tỉnh",
                dossiers = new[] { id },
            }
        );

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.StartsWith(
            $"Ngày quyết định ({Shown(Tomorrow)}) không được sau ngày hôm nay (",
            Assert.Single(ProblemAssert.Errors(problem, "date"))
        );
        Assert.Equal("council_held", (await GetAsync(coordinator, id)).Status());
        using var scope = app.Services.CreateScope();
        Assert.Equal(0, await app.Db(scope).Decisions.CountAsync());
    }

    [Fact]
    public async Task The_dossier_page_refuses_a_decision_dated_after_today_in_place_with_the_field_named_and_the_input_kept()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi", followRedirects: false);
        var id = await CouncilHeldAsync(app, coordinator);

        var posted = await coordinator.PostFormAsync(
            $"/ho-so-de-nghi/{id}",
            "decision",
            ("number", "16/QĐ-UBND"),
            ("date", Tomorrow.Iso()),
            ("signer", "Phó Chủ tịch UBND tỉnh"),
            ("batch", "Đợt 3")
        );

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Contains($"Ngày quyết định ({Shown(Tomorrow)}) không được sau ngày hôm nay", html);
        Assert.Contains("value=\"16/QĐ-UBND\"", html);
        Assert.Contains($"value=\"{Tomorrow.Iso()}\"", html);
        Assert.Contains("value=\"Phó Chủ tịch UBND tỉnh\"", html);
        Assert.Equal("council_held", (await GetAsync(coordinator, id)).Status());

        var recognised = await coordinator.PostFormAsync(
            $"/ho-so-de-nghi/{id}",
            "decision",
            ("number", "16/QĐ-UBND"),
            ("date", Today.Iso()),
            ("signer", "Chủ tịch UBND tỉnh")
        );
        Assert.Equal(HttpStatusCode.SeeOther, recognised.StatusCode);
        Assert.Equal($"/ho-so-de-nghi/{id}", recognised.Target());
        Assert.Equal("recognised", (await GetAsync(coordinator, id)).Status());
    }

    [Fact]
    public async Task A_revocation_dated_after_today_is_refused_with_400_naming_the_date_and_the_title_stays()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var id = await CouncilHeldAsync(app, coordinator);
        await OkAsync(await DecisionAsync(coordinator, "1234/QĐ-UBND", id), HttpStatusCode.Created);
        var title = (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/titles"))
            .GetProperty("held")[0]
            .GetProperty("id")
            .GetInt32();

        var refused = await coordinator.PostAsJsonAsync(
            "/api/v1/decisions/revocations",
            new
            {
                number = "99/QĐ-UBND",
                date = Tomorrow.Iso(),
                signer = "Chủ tịch UBND tỉnh",
                titles = new[] { title },
                reason = "Rà soát",
            }
        );

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.StartsWith(
            $"Ngày quyết định thu hồi ({Shown(Tomorrow)}) không được sau ngày hôm nay (",
            Assert.Single(ProblemAssert.Errors(problem, "date"))
        );
        var after = (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/titles")).GetProperty("held")[0];
        Assert.Equal(JsonValueKind.Null, after.GetProperty("revokedOn").ValueKind);
    }
}
