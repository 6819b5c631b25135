using System.Net;
using System.Text.RegularExpressions;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Closing;

/// <summary>
/// The closing page as the coordination office uses it (DESIGN §13): the year's parts with their state, closing through the
/// form, a commune officer's save on the scorecard page then refused in place with who closed it, and reopening with a reason.
/// </summary>
public sealed class ClosingPagesTests
{
    private const string BaoHa = "02989";
    private const string Page = "/tinh/15/khoa-so?nam=2026";

    private static async Task<string> HtmlAsync(HttpResponseMessage response)
    {
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return body;
    }

    [Fact]
    public async Task The_office_closes_2026_the_officers_save_is_refused_with_the_message_and_a_reopening_needs_a_reason()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var set = await given.IllustrativeCriteriaSet();
        var officeAccount = await given.Account(Roles.Coordinator, unit: "15");
        var office = await app.ClientAsAsync(officeAccount.UserName, officeAccount.Password, followRedirects: false);
        var officerAccount = await given.Account(Roles.Commune, unit: BaoHa);
        var officer = await app.ClientAsAsync(officerAccount.UserName, officerAccount.Password, followRedirects: false);

        var before = await HtmlAsync(await office.GetAsync(Page));
        Assert.Contains("Khóa sổ số liệu năm 2026 — Lào Cai", before);
        Assert.Equal(3, Regex.Matches(before, "Đang mở").Count);
        Assert.Contains("name=\"Close.Values\"", before); // the names the browser posts, bound to the close form

        var closed = await office.PostFormAsync(Page, "close-period", ("Close.Values", "true"), ("Close.Text", "Đã gửi báo cáo năm"));
        Assert.Equal(HttpStatusCode.SeeOther, closed.StatusCode);
        var after = await HtmlAsync(await office.GetAsync(closed.Target()));
        Assert.Contains("Đã khóa sổ năm 2026.", after);
        Assert.Contains("Đã gửi báo cáo năm", after);
        Assert.Equal(2, Regex.Matches(after, "Đang mở").Count);
        Assert.Contains("reopen-period", after);
        Assert.Contains("name=\"Reopen.Values\"", after);

        // The officer's save on the scorecard: refused in place, naming who closed the year and when; nothing written.
        var url = $"/xa/{BaoHa}?nam=2026&set={set}";
        var card = await HtmlAsync(await officer.GetAsync(url));
        Assert.Contains("Số liệu tiêu chí năm 2026 của Tỉnh Lào Cai đã khóa sổ lúc", card); // said before anyone types
        var field = Regex.Match(card, "name=\"(V\\[\\d+\\])\"[^>]*aria-label=\"Giá trị chỉ tiêu 1.2\"").Groups[1].Value;
        var refused = await officer.PostFormAsync(url, "indicator-values", ("version", PageForms.Hidden(card, "version")), (field, "80"));
        var refusedHtml = await HtmlAsync(refused);
        Assert.Contains("Số liệu tiêu chí năm 2026 của Tỉnh Lào Cai đã khóa sổ lúc", refusedHtml);
        Assert.Contains("không ghi được", refusedHtml);

        // Reopening without a reason is refused in place; with one, the part is open again and the officer saves.
        var noReason = await HtmlAsync(await office.PostFormAsync(Page, "reopen-period", ("Reopen.Values", "true"), ("Reopen.Text", " ")));
        Assert.Contains("Lý do mở lại: bắt buộc.", noReason);
        var reopened = await office.PostFormAsync(
            Page,
            "reopen-period",
            ("Reopen.Values", "true"),
            ("Reopen.Text", "Bổ sung số liệu xã Bảo Hà")
        );
        Assert.Equal(HttpStatusCode.SeeOther, reopened.StatusCode);
        Assert.Contains("Bổ sung số liệu xã Bảo Hà", await HtmlAsync(await office.GetAsync(Page)));
        card = await HtmlAsync(await officer.GetAsync(url));
        Assert.DoesNotContain("đã khóa sổ lúc", card);
        var saved = await officer.PostFormAsync(url, "indicator-values", ("version", PageForms.Hidden(card, "version")), (field, "80"));
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
    }

    [Fact]
    public async Task Who_may_not_close_reads_the_state_without_forms_and_a_commune_officer_is_refused()
    {
        await using var app = await MtqgApp.StartAsync();
        var viewerAccount = await app.Given().Account(Roles.Viewer, unit: "15");
        var viewer = await app.ClientAsAsync(viewerAccount.UserName, viewerAccount.Password, followRedirects: false);
        var html = await HtmlAsync(await viewer.GetAsync(Page));
        Assert.Contains("Tình trạng các phần số liệu năm 2026", html);
        Assert.DoesNotContain("close-period", html);

        var officerAccount = await app.Given().Account(Roles.Commune, unit: BaoHa);
        var officer = await app.ClientAsAsync(officerAccount.UserName, officerAccount.Password, followRedirects: false);
        Assert.Contains("không có quyền xem số liệu của tỉnh 15", await HtmlAsync(await officer.GetAsync(Page)));
    }
}
