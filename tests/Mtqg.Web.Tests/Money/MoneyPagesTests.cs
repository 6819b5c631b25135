using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Money;

/// <summary>The money pages as a person sees them: amounts in triệu đồng with vi-VN separators, the workbook uploaded through the page, an administrator's completion form.</summary>
public sealed class MoneyPagesTests
{
    private const string Page = "/von/15/2025";
    private const string Url = "/api/v1/provinces/15/years/2025/capital";

    private static async Task<string> PostFileAsync(HttpClient client, byte[] workbook)
    {
        var page = await client.GetStringAsync(Page);
        var form = new MultipartFormDataContent
        {
            { new StringContent(PageForms.Hidden(page, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent("capital-file"), "_handler" },
            { new ByteArrayContent(workbook), "file", "ke-hoach-von.xlsx" },
        };
        var response = await client.PostAsync(Page, form);
        // Saved: 303 back to the page, which shows the new version (the client follows it itself, signed in).
        if (response.StatusCode == HttpStatusCode.SeeOther)
            response = await client.GetAsync(response.Target());
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    [Fact]
    public async Task The_plan_page_shows_triệu_đồng_by_source_and_programme_and_takes_the_workbook_back()
    {
        await using var app = await MtqgApp.StartAsync();
        var account = await app.Given().Account(Roles.Coordinator, unit: "15");
        var office = await app.ClientAsAsync(account.UserName, account.Password, followRedirects: false);
        await CapitalPlanApiTests.JsonAsync(
            await office.PutAsJsonAsync(
                Url,
                CapitalPlanApiTests.Plan(
                    new
                    {
                        programme = "ntm-2021-2025",
                        source = "central-investment",
                        amount = 5_000_000_000L,
                    },
                    new
                    {
                        programme = "gnbv-2021-2025",
                        source = "local",
                        communeCode = "02989",
                        amount = 1_250_500_000L,
                    }
                )
            )
        );

        var page = WebUtility.HtmlDecode(await office.GetStringAsync(Page));
        Assert.Contains("Phiên bản 1", page);
        Assert.Contains("Ngân sách trung ương - vốn đầu tư phát triển", page);
        Assert.Contains(">5.000<", page);
        Assert.Contains(">1.250,5<", page);
        Assert.Contains(">6.250,5<", page); // the total
        Assert.Contains("Xã Bảo Hà (02989)", page);

        // The downloaded workbook with one amount changed, uploaded on the page: a new version with the new totals.
        var rows = ReadRows(await office.GetByteArrayAsync($"{Url}.xlsx"));
        rows[1]["E"] = 7_000_000_000L;
        var after = await PostFileAsync(office, Write(rows));
        Assert.Contains("phiên bản 2", after);
        Assert.Contains(">8.250,5<", after);
        Assert.Contains("Các phiên bản (2)", after); // the first version is still listed, with its total
        Assert.Contains(">6.250,5<", after);

        // A bad cell: named on the page, nothing written.
        rows[2]["C"] = "tiền túi";
        var refused = await PostFileAsync(office, Write(rows));
        Assert.Contains("Kế hoạch vốn!C3", refused);
        Assert.Contains("tiền túi", refused);
        Assert.Equal(2, (await CapitalPlanApiTests.JsonAsync(await office.GetAsync(Url))).GetProperty("version").GetInt32());

        // Another province's office sees no figure and no upload form.
        var hanoi = (await app.Given().Account(Roles.Coordinator, unit: "01")).Client;
        var other = WebUtility.HtmlDecode(await hanoi.GetStringAsync(Page));
        Assert.DoesNotContain("8.250,5", other);
        Assert.DoesNotContain("capital-file", other);
        Assert.Contains("Chỉ Văn phòng Điều phối", other);
    }

    [Fact]
    public async Task An_administrator_completes_a_component_on_the_programmes_page()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        Assert.DoesNotContain("complete-component", await office.GetStringAsync("/chuong-trinh"));

        var response = await admin.PostFormAsync(
            "/chuong-trinh",
            "complete-component",
            ("Complete.Programme", "gnbv-2021-2025"),
            ("Complete.Component", "8"),
            ("Complete.Name", "Nội dung thêm sau khi đối chiếu"),
            ("Complete.Document", "Quyết định 90/QĐ-TTg")
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/chuong-trinh"));
        Assert.Contains("Nội dung thêm sau khi đối chiếu", page);
        Assert.Matches(new Regex("Quyết định 90/QĐ-TTg"), page);
    }

    private static List<Dictionary<string, object?>> ReadRows(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return MiniExcel
            .Query(stream, useHeaderRow: false, sheetName: "Kế hoạch vốn", excelType: ExcelType.XLSX)
            .Select(r => new Dictionary<string, object?>((IDictionary<string, object?>)r))
            .ToList();
    }

    private static byte[] Write(List<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, printHeader: false, sheetName: "Kế hoạch vốn");
        return stream.ToArray();
    }
}
