using System.Net;
using Mtqg.Domain.Common;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Reports;

/// <summary>The reports pages: a GET form per report whose buttons download the files, provinces limited to those the account reads.</summary>
public sealed class ReportPagesTests
{
    [Fact]
    public async Task The_province_reports_page_offers_each_report_as_excel_and_word_for_the_office()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        var page = WebUtility.HtmlDecode(await office.GetStringAsync("/tinh/15/bao-cao"));
        Assert.Contains("<title>Báo cáo — Tỉnh Lào Cai — MTQG</title>", page);
        Assert.Contains("<input type=\"hidden\" name=\"province\" value=\"15\"", page);
        Assert.Contains("formaction=\"/api/v1/reports/ntm-results.xlsx\"", page);
        Assert.Contains("formaction=\"/api/v1/reports/poverty.docx\"", page);
        Assert.Contains("6 tháng đầu năm", page);
        Assert.Contains($"<option value=\"{VietnamTime.Today(DateTime.UtcNow).Year}\" selected", page);
        Assert.Contains("href=\"/tinh/15/bao-cao\"", page); // the menu links the office to its province's reports

        var own = WebUtility.HtmlDecode(await office.GetStringAsync("/bao-cao"));
        Assert.Contains("<option value=\"15\">Tỉnh Lào Cai</option>", own);
        Assert.DoesNotContain("<option value=\"01\"", own);
        Assert.DoesNotContain("Cả nước", own);

        var other = WebUtility.HtmlDecode(await office.GetStringAsync("/tinh/01/bao-cao"));
        Assert.Contains("Tài khoản không có quyền xem báo cáo của tỉnh 01", other);
        Assert.DoesNotContain("Tải Excel", other);
    }

    [Fact]
    public async Task A_national_account_chooses_any_province_or_the_whole_country_and_a_commune_officer_gets_none()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/bao-cao"));
        Assert.Contains("<title>Báo cáo — MTQG</title>", page);
        Assert.Contains("<option value=\"01\">Thành phố Hà Nội</option>", page);
        Assert.Contains(">Cả nước</option>", page);
        Assert.Contains("href=\"/bao-cao\"", page);

        var commune = await app.ClientAsAsync("demo.xa");
        var none = WebUtility.HtmlDecode(await commune.GetStringAsync("/bao-cao"));
        Assert.Contains("Tài khoản không lập được báo cáo của tỉnh nào", none);
        Assert.DoesNotContain("href=\"/bao-cao\"", none);
    }
}
