using System.Net;
using System.Text.RegularExpressions;
using Mtqg.Domain.Money;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Money.CapitalPlanApiTests;
using static Mtqg.Web.Tests.Money.ProjectsApiTests;

namespace Mtqg.Web.Tests.Money;

/// <summary>Projects created, corrected and allocated on pages (issue 14 item 3), with the API's checks and every problem named.</summary>
public sealed class ProjectPagesTests
{
    private static (string, string)[] Fields(string name, long total, params (int Line, long Amount)[] sources) =>
        [
            ("Form.Name", name),
            ("Form.Kind", "investment"),
            ("Form.Programme", "ntm-2021-2025"),
            ("Form.Component", ""),
            ("Form.Investor", $"c:{BaoHa}"),
            ("Form.Communes", BaoHa),
            ("Form.StartYear", "2025"),
            ("Form.EndYear", "2026"),
            ("Form.ApprovedTotal", $"{total}"),
            ("Form.Criteria", "2, 5"),
            .. Lines("Form", sources),
        ];

    /// <summary>Every source line of the form, as a browser posts it: the hidden code, and the amount or blank.</summary>
    private static IEnumerable<(string, string)> Lines(string form, params (int Line, long Amount)[] amounts) =>
        CapitalSource.All.SelectMany(
            (s, i) =>
                new[]
                {
                    ($"{form}.Sources[{i}].Source", s.Code),
                    ($"{form}.Sources[{i}].Amount", amounts.Where(a => a.Line == i).Select(a => $"{a.Amount}").FirstOrDefault() ?? ""),
                }
        );

    [Fact]
    public async Task The_office_creates_a_project_on_a_page_corrects_it_and_allocates_its_year()
    {
        await using var app = await MtqgApp.StartAsync();
        var account = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var office = await app.ClientAsAsync(account.UserName, account.Password, followRedirects: false);
        var list = WebUtility.HtmlDecode(await office.GetStringAsync($"/du-an?tinh={LaoCai}"));
        Assert.Contains($"/du-an/moi?tinh={LaoCai}", list);

        // Sources that do not add up: refused with the message, nothing written.
        var form = await office.GetStringAsync($"/du-an/moi?tinh={LaoCai}");
        Assert.Contains("Xã Bảo Hà", WebUtility.HtmlDecode(form));
        var refused = await office.PostFormAsync(
            $"/du-an/moi?tinh={LaoCai}",
            "project",
            Fields("Đường trục xã Bảo Hà", 1_000_000_000L, (0, 600_000_000L), (2, 300_000_000L))
        );
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var body = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("role=\"alert\"", body);
        Assert.Contains("1.000", body); // the total named in triệu đồng, as the API names it
        Assert.Equal(
            0,
            (await JsonAsync(await account.Client.GetAsync($"/api/v1/projects?province={LaoCai}"))).GetProperty("total").GetInt32()
        );

        var created = await office.PostFormAsync(
            $"/du-an/moi?tinh={LaoCai}",
            "project",
            Fields("Đường trục xã Bảo Hà", 1_000_000_000L, (0, 700_000_000L), (2, 300_000_000L))
        );
        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        var projectUrl = created.Target();
        var id = int.Parse(Regex.Match(projectUrl, @"/du-an/(\d+)").Groups[1].Value);
        var project = await JsonAsync(await account.Client.GetAsync($"/api/v1/projects/{id}"));
        Assert.Equal("Đường trục xã Bảo Hà", project.GetProperty("name").GetString());
        Assert.Equal(BaoHa, project.GetProperty("investor").GetProperty("communeCode").GetString());
        Assert.Equal("[2,5]", project.GetProperty("criteria").GetRawText());
        Assert.Equal(700_000_000L, project.GetProperty("sources")[0].GetProperty("amount").GetInt64());

        // Corrected on its edit page: the form comes filled in, and the saved name shows on the project's page.
        var edit = WebUtility.HtmlDecode(await office.GetStringAsync($"/du-an/{id}/sua"));
        Assert.Contains("value=\"Đường trục xã Bảo Hà\"", edit);
        var fields = Fields("Đường trục xã Bảo Hà (giai đoạn 1)", 1_000_000_000L, (0, 700_000_000L), (2, 300_000_000L));
        var saved = await office.PostFormAsync(
            $"/du-an/{id}/sua",
            "project",
            [.. fields, ("Form.Version", PageForms.Hidden(await office.GetStringAsync($"/du-an/{id}/sua"), "Form.Version"))]
        );
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Contains("Đường trục xã Bảo Hà (giai đoạn 1)", WebUtility.HtmlDecode(await office.GetStringAsync($"/du-an/{id}")));

        // Someone else saved meanwhile: the old version is refused and the name stays.
        var stale = await office.PostFormAsync(
            $"/du-an/{id}/sua",
            "project",
            [
                .. Fields("Tên cũ", 1_000_000_000L, (0, 700_000_000L), (2, 300_000_000L)),
                ("Form.Version", project.GetProperty("version").GetString()!),
            ]
        );
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("role=\"alert\"", await stale.Content.ReadAsStringAsync());

        // The year's allocation given on the project's page.
        var allocated = await office.PostFormAsync(
            $"/du-an/{id}",
            "allocation",
            [("Allocation.Year", "2025"), .. Lines("Allocation", (0, 400_000_000L), (2, 100_000_000L))]
        );
        Assert.Equal(HttpStatusCode.SeeOther, allocated.StatusCode);
        project = await JsonAsync(await account.Client.GetAsync($"/api/v1/projects/{id}"));
        Assert.Equal("Đường trục xã Bảo Hà (giai đoạn 1)", project.GetProperty("name").GetString());
        var year = project.GetProperty("years").EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == 2025);
        Assert.Equal(500_000_000L, year.GetProperty("allocated").EnumerateArray().Sum(a => a.GetProperty("amount").GetInt64()));

        // A commune officer has no edit page and no allocation form.
        var commune = await app.Given().Account(Roles.Commune, unit: BaoHa);
        var officer = await app.ClientAsAsync(commune.UserName, commune.Password, followRedirects: false);
        Assert.Contains("Chỉ Văn phòng Điều phối", WebUtility.HtmlDecode(await officer.GetStringAsync($"/du-an/{id}/sua")));
        Assert.DoesNotContain("Giao vốn trong năm", WebUtility.HtmlDecode(await officer.GetStringAsync($"/du-an/{id}")));
    }
}
