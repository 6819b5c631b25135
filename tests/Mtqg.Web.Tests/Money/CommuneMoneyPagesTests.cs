using System.Net;
using System.Net.Http.Json;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;

namespace Mtqg.Web.Tests.Money;

/// <summary>
/// The commune page's "Vốn và nguồn lực" section (issue 14 items 5–6) and the recognition dossier's "no outstanding
/// construction debt" condition read from the recorded debt where one exists (DESIGN §11), as a person sees them.
/// </summary>
public sealed class CommuneMoneyPagesTests
{
    private const string BaoHa = "02989";

    /// <summary>The page after a post: saved, 303 back to the page (the client may follow it itself, signed in); refused, the page again.</summary>
    private static async Task<string> AfterAsync(HttpClient client, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.SeeOther)
            response = await client.GetAsync(response.Target());
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    [Fact]
    public async Task The_commune_page_shows_the_projects_money_and_its_officer_saves_contributions_and_debt_with_the_form()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        // Redirects seen, not followed: the bearer token is not sent again on a followed redirect.
        var xa = await app.ClientAsAsync("demo.xa", followRedirects: false);
        var year = ThisYear;
        var url = $"/xa/{BaoHa}?nam={year}";

        var page = await PageAsync(xa, url);
        Assert.Contains($"Vốn và nguồn lực năm {year}", page);
        Assert.Contains($"Chưa có số liệu đóng góp của người dân năm {year}.", page);
        Assert.Contains($"Chưa có số liệu nợ đọng xây dựng cơ bản năm {year}", page);
        // The demo's projects serving Bảo Hà, with this year's allocation in triệu đồng.
        var projects = System
            .Text.Json.JsonDocument.Parse(await xa.GetStringAsync($"/api/v1/projects?province=15&year={year}&commune={BaoHa}"))
            .RootElement.GetProperty("items");
        if (projects.GetArrayLength() == 0)
            Assert.Contains($"Chưa có dự án nào do xã làm chủ đầu tư hoặc phục vụ xã trong năm {year}.", page);
        foreach (var p in projects.EnumerateArray())
            Assert.Contains(p.GetProperty("name").GetString()!, page);

        var saved = await xa.PostFormAsync(
            url,
            "commune-contributions",
            ("Contributions.Cash", "11250000000"),
            ("Contributions.InKind", "450000000"),
            ("Contributions.LandSquareMetres", "1200"),
            ("Contributions.Workdays", "3450")
        );
        page = await AfterAsync(xa, saved);
        Assert.Contains("Đã lưu đóng góp của người dân", page);
        Assert.Contains("11.250 triệu đồng", page);
        Assert.Contains("450 triệu đồng", page);
        Assert.Contains("1.200 m²", page);
        Assert.Contains("3.450 ngày công", page);

        // A negative figure is refused on the page, named, and nothing is written.
        var refused = await xa.PostFormAsync(url, "commune-construction-debt", ("Debt.Amount", "-5"));
        var body = await AfterAsync(xa, refused);
        Assert.DoesNotContain("Đã lưu nợ đọng", body);
        Assert.Contains("Nợ đọng xây dựng cơ bản không được âm", body);
        Assert.Contains($"Chưa có số liệu nợ đọng xây dựng cơ bản năm {year}", body);

        saved = await xa.PostFormAsync(url, "commune-construction-debt", ("Debt.Amount", "12500000"));
        page = await AfterAsync(xa, saved);
        Assert.Contains("Đã lưu nợ đọng xây dựng cơ bản", page);
        Assert.Contains("Còn nợ đọng 12,5 triệu đồng.", page);

        // A viewer of the province reads the section without the forms.
        var viewer = await app.ClientAsAsync("demo.xem");
        page = await PageAsync(viewer, url);
        Assert.Contains("Còn nợ đọng 12,5 triệu đồng.", page);
        Assert.DoesNotContain("commune-construction-debt", page);
    }

    [Fact]
    public async Task The_dossier_reads_the_construction_debt_condition_from_the_recorded_debt_and_the_declaration_cannot_override_it()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        await MeetNtmAsync(app);
        var xa = await app.ClientAsAsync("demo.xa");
        var id = await ReadyDraftAsync(app, xa); // declares no outstanding debt
        var debt = $"/api/v1/communes/{BaoHa}/years/{Year}/construction-debt";

        var dossierPage = await PageAsync(xa, $"/ho-so-de-nghi/{id}");
        Assert.Contains("theo cam kết của xã", dossierPage);

        // A recorded debt: a gap naming the amount, although the commune declared none.
        Assert.Equal(HttpStatusCode.NoContent, (await xa.PutAsJsonAsync(debt, new { amount = 12_500_000L })).StatusCode);
        var refused = await ProblemAssert.IsProblemAsync(
            await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null),
            HttpStatusCode.Conflict
        );
        Assert.Contains("còn nợ đọng xây dựng cơ bản 12,5 triệu đồng", refused.GetProperty("detail").GetString());
        dossierPage = await PageAsync(xa, $"/ho-so-de-nghi/{id}");
        Assert.Contains("theo số liệu nợ đọng XDCB: còn 12,5 triệu đồng", dossierPage);

        // Recorded 0: met, even with the declaration withdrawn.
        Assert.Equal(HttpStatusCode.NoContent, (await xa.PutAsJsonAsync(debt, new { amount = 0L })).StatusCode);
        await OkAsync(await xa.PutAsJsonAsync($"/api/v1/dossiers/{id}", new { noConstructionDebtDeclared = false }));
        dossierPage = await PageAsync(xa, $"/ho-so-de-nghi/{id}");
        Assert.Contains("theo số liệu nợ đọng XDCB: 0 đồng", dossierPage);
        var submitted = await OkAsync(await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null));
        Assert.Equal("submitted", submitted.GetProperty("status").GetString());
    }
}
