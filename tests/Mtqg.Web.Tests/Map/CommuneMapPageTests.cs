using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Map.BoundaryFiles;

namespace Mtqg.Web.Tests.Map;

/// <summary>The communes' map on the province's dashboard (decision 0029): the empty state, the upload form of the office, the drawing.</summary>
public sealed class CommuneMapPageTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly int Year = Mtqg.Domain.Common.VietnamTime.Today(TimeProvider.System).Year;
    private static readonly string Dashboard = $"/tinh/15/tong-hop?nam={Year}";

    private static async Task<string> HtmlAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>The communes' SVG of the page, parsed; null when the page draws none.</summary>
    private static XElement? Map(string html)
    {
        var marker = html.IndexOf("mtqg-commune-map", StringComparison.Ordinal);
        if (marker < 0)
            return null;
        var start = html.LastIndexOf("<svg", marker, StringComparison.Ordinal);
        var end = html.IndexOf("</svg>", marker, StringComparison.Ordinal) + "</svg>".Length;
        return XElement.Parse(html[start..end]);
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string geoJson)
    {
        var page = await client.GetStringAsync(Dashboard);
        var form = Form(geoJson);
        // An account without the form has no token of it: the gate answers before the antiforgery check reads one.
        var token = System
            .Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")
            .Groups[1]
            .Value;
        form.Add(new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken");
        form.Add(new StringContent("commune-boundaries"), "_handler");
        return await client.PostAsync(Dashboard, form);
    }

    [Fact]
    public async Task The_office_uploads_the_boundaries_on_the_dashboard_and_everyone_sees_one_linked_path_per_commune()
    {
        await using var app = await MtqgApp.StartAsync();
        var officeAccount = await app.Given().Account(Roles.Coordinator, unit: "15");
        var office = await app.ClientAsAsync(officeAccount.UserName, officeAccount.Password, followRedirects: false);

        // Before: an empty state; the office gets the form and the help naming the code properties; the public does not.
        var empty = WebUtility.HtmlDecode(await HtmlAsync(await app.CreateClient().GetAsync(Dashboard)));
        Assert.Contains("Tỉnh Lào Cai chưa nạp ranh giới các xã nên chưa vẽ được bản đồ các xã.", empty);
        Assert.DoesNotContain("value=\"commune-boundaries\"", empty);
        Assert.Null(Map(empty));
        var form = WebUtility.HtmlDecode(await HtmlAsync(await office.GetAsync(Dashboard)));
        Assert.Contains("value=\"commune-boundaries\"", form);
        Assert.Contains("<code>ma_xa</code>, <code>code</code>", form);

        // A refused file: the problems in place, in Vietnamese; nothing drawn.
        var refused = WebUtility.HtmlDecode(await HtmlAsync(await PostFileAsync(office, Collection(Square(SocSon, 104.5, 22.2)))));
        Assert.Contains("Đối tượng thứ 1 (mã 00376): Xã Sóc Sơn thuộc tỉnh, thành phố mã 01", refused);
        Assert.Contains("chưa có gì được ghi", refused);
        Assert.Null(Map(refused));

        var posted = await PostFileAsync(office, ThreeCommunes());
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var after = WebUtility.HtmlDecode(await HtmlAsync(await office.GetAsync(posted.Target())));
        Assert.Contains("Đã nạp ranh giới của 3 xã", after);

        var html = await HtmlAsync(await app.CreateClient().GetAsync(Dashboard));
        var map = Map(html)!;
        var paths = map.Descendants(Svg + "path").Where(p => p.Attribute("data-code") is not null).ToList();
        Assert.Equal([LaoCai, HopThanh, BaoHa], paths.Select(p => (string)p.Attribute("data-code")!).Order());
        foreach (var path in paths.Where(p => (string)p.Attribute("data-code")! != LaoCai))
        {
            var code = (string)path.Attribute("data-code")!;
            Assert.StartsWith("M", (string)path.Attribute("d")!);
            Assert.StartsWith($"/xa/{code}?nam={Year}&set=", (string)path.Parent!.Attribute("href")!);
            Assert.Equal("chua-co-so-lieu", (string)path.Attribute("data-status")!); // no value entered yet
            Assert.EndsWith(": chưa có số liệu", (string)path.Element(Svg + "title")!);
            Assert.Equal((string)path.Element(Svg + "title")!, (string)path.Parent!.Attribute("aria-label")!);
        }
        Assert.Contains("Xã Bảo Hà", (string)paths.Single(p => (string)p.Attribute("data-code")! == BaoHa).Element(Svg + "title")!);
        // The ward is drawn (no hole in the province), grey and not linked: the criteria are for communes.
        var ward = paths.Single(p => (string)p.Attribute("data-code")! == LaoCai);
        Assert.Equal("khong-danh-gia", (string)ward.Attribute("data-status")!);
        Assert.Equal("Phường Lào Cai: không đánh giá nông thôn mới", (string)ward.Element(Svg + "title")!);
        Assert.NotEqual(Svg + "a", ward.Parent!.Name);
        Assert.Equal(3, ((string)paths.Single(p => (string)p.Attribute("data-code")! == LaoCai).Attribute("d")!).Count(c => c == 'M')); // 3 rings
        Assert.Equal("commune-map-heading", (string)map.Attribute("aria-labelledby")!);

        var text = WebUtility.HtmlDecode(html);
        var evaluated = JsonDocument
            .Parse(await officeAccount.Client.GetStringAsync($"/api/v1/provinces/15/years/{Year}/summary"))
            .RootElement.GetProperty("communesEvaluated")
            .GetInt32();
        Assert.Contains($"Chưa có ranh giới, không vẽ ({evaluated - 2} xã)", text);
        Assert.Contains("Chưa có số liệu (2 xã)", text);
        Assert.Contains("Phường, không đánh giá nông thôn mới (1 phường)", text);
        Assert.Contains("Đạt theo số liệu tự đánh giá (chưa phải công nhận) (0 xã)", text);
    }

    [Fact]
    public async Task A_viewer_posting_a_file_to_the_dashboard_is_refused_before_it_is_read()
    {
        await using var app = await MtqgApp.StartAsync();
        var viewer = await app.Given().Account(Roles.Viewer, unit: "15");
        var client = await app.ClientAsAsync(viewer.UserName, viewer.Password, followRedirects: false);
        var response = await PostFileAsync(client, ThreeCommunes());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Tệp không được đọc, chưa có gì được ghi.", body);
        Assert.Null(Map(await HtmlAsync(await client.GetAsync(Dashboard))));
    }
}
