using System.Net;
using System.Net.Http.Json;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Poverty;

/// <summary>The poverty pages as a person sees them: the standards and their source, a commune entering its result and the office approving and reopening it through the forms, the province page with its rates, change, the poorest communes and the status board.</summary>
public sealed class PovertyPagesTests
{
    private const string CommunePage = "/xa/02989/ngheo?nam=2025";

    private static async Task<string> HtmlAsync(HttpResponseMessage response)
    {
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return body;
    }

    [Fact]
    public async Task The_standards_page_shows_each_standard_its_lines_indicators_and_legal_source_and_what_is_unknown()
    {
        await using var app = await MtqgApp.StartAsync();
        var html = await HtmlAsync(await app.CreateClient().GetAsync("/ngheo/chuan"));
        Assert.Contains("Nghị định 07/2021/NĐ-CP", html);
        Assert.Contains("Nghị định 351/2025/NĐ-CP", html);
        Assert.Contains("1.500.000", html);
        Assert.Contains("2.800.000", html);
        Assert.Contains("Bảo hiểm y tế", html);
        Assert.Contains("chưa có", html); // the 2027–2030 dimensions not read
        Assert.Contains("vnexpress.net", html);
    }

    [Fact]
    public async Task A_commune_enters_its_result_the_office_approves_and_reopens_it_and_the_province_page_shows_it()
    {
        await using var app = await MtqgApp.StartAsync();
        var officerAccount = await app.Given().Account(Roles.Commune, unit: "02989");
        var officer = await app.ClientAsAsync(officerAccount.UserName, officerAccount.Password, followRedirects: false);
        var officeAccount = await app.Given().Account(Roles.Coordinator, unit: "15");
        var office = await app.ClientAsAsync(officeAccount.UserName, officeAccount.Password, followRedirects: false);

        // A count that does not add up: refused on the page, named, nothing written.
        var refused = await HtmlAsync(
            await officer.PostFormAsync(
                CommunePage,
                "poverty-entry",
                ("Entry.Households", "100"),
                ("Entry.Poor", "80"),
                ("Entry.NearPoor", "30")
            )
        );
        Assert.Contains("vượt tổng số hộ", refused);
        Assert.Contains("chưa có kết quả rà soát", await HtmlAsync(await officer.GetAsync(CommunePage)));

        var saved = await officer.PostFormAsync(
            CommunePage,
            "poverty-entry",
            ("Entry.Households", "2000"),
            ("Entry.Poor", "150"),
            ("Entry.NearPoor", "90"),
            ("Entry.Deprivations[0]", "25")
        );
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        var draft = await HtmlAsync(await officer.GetAsync(saved.Target()));
        Assert.Contains("7,50%", draft);
        Assert.Contains("Đã nhập, chưa phê duyệt", draft);
        Assert.DoesNotContain("Phê duyệt kết quả", draft); // the commune does not approve

        var approved = await office.PostFormAsync(CommunePage, "poverty-approve");
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        var after = await HtmlAsync(await officer.GetAsync(CommunePage));
        Assert.Contains("Đã phê duyệt", after);
        Assert.DoesNotContain("Lưu bản nháp", after); // an approved result is not editable

        var province = await HtmlAsync(await office.GetAsync("/tinh/15/ngheo?nam=2025&sap-xep=ty-le"));
        Assert.Contains("10 xã có tỷ lệ hộ nghèo cao nhất", province);
        Assert.Contains("Xã Bảo Hà", province);
        Assert.Contains("7,50%", province);
        Assert.Contains("1 đã phê duyệt", province);
        Assert.Contains("<svg", province);
        Assert.Contains("mtqg-table-wrap", province);

        var reopened = await office.PostFormAsync(CommunePage, "poverty-reopen", ("Reopen.Reason", "Thôn 2 đếm trùng"));
        Assert.Equal(HttpStatusCode.SeeOther, reopened.StatusCode);
        var open = await HtmlAsync(await officer.GetAsync(CommunePage));
        Assert.Contains("Thôn 2 đếm trùng", open);
        Assert.Contains("Lưu bản nháp", open);
    }

    [Fact]
    public async Task Another_province_sees_a_refusal_not_the_figures()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: "15");
        await PovertyApiTests.JsonAsync(
            await office.Client.PutAsJsonAsync(
                "/api/v1/communes/02989/years/2025/poverty",
                new
                {
                    households = 100,
                    poor = 7,
                    nearPoor = 3,
                }
            )
        );
        // Only a draft: the chart says so in a sentence instead of drawing empty axes, the note column is short.
        var own = await HtmlAsync(await office.Client.GetAsync("/tinh/15/ngheo?nam=2025"));
        Assert.Contains("nên chưa vẽ được biểu đồ", own);
        Assert.DoesNotContain("mtqg-curve", own);
        Assert.Contains(">chờ phê duyệt</span>", own);
        Assert.Contains("Tỉnh Lào Cai", own);
        var hanoi = await app.Given().Account(Roles.Coordinator, unit: "01");
        var page = await HtmlAsync(await hanoi.Client.GetAsync(CommunePage));
        Assert.Contains("không có quyền", page);
        Assert.DoesNotContain("7,00%", page);
        var provincePage = await HtmlAsync(await hanoi.Client.GetAsync("/tinh/15/ngheo?nam=2025"));
        Assert.Contains("không có quyền", provincePage);
    }
}
