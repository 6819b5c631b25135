using System.Net;
using System.Text.RegularExpressions;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Platform;

/// <summary>The main navigation lists, for each account, the pages it can use — and those pages serve it.</summary>
public sealed class NavigationTests
{
    private static readonly string[] Public = ["/", "/toan-quoc", "/bo-tieu-chi", "/nguon-du-lieu", "/quyet-dinh", "/scalar"];

    private static async Task<List<string>> NavLinksAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/");
        var nav = Regex.Match(html, "<nav class=\"mtqg-nav\"[^>]*>(.*?)</nav>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Regex.Matches(nav, "href=\"([^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    [Theory]
    [InlineData(null, "", "/ho-so-de-nghi /kien-nghi /tai-khoan /ra-soat-duy-tri")]
    [InlineData("demo.xa", "/xa/02989 /ho-so-de-nghi /kien-nghi", "/tinh/15/ke-hoach /tai-khoan /tham-dinh /nhom-xa /co-quan /ra-soat-duy-tri")]
    [InlineData("demo.giupdo", "/co-quan /buoi-lam-viec/moi /tinh/15/ke-hoach /kien-nghi", "/tai-khoan /tham-dinh /nhom-xa /ra-soat-duy-tri")]
    [InlineData("demo.thamdinh", "/tham-dinh /ho-so-de-nghi /tinh/15/tong-hop /ra-soat-duy-tri", "/tai-khoan /co-quan /nhom-xa /buoi-lam-viec/moi")]
    [InlineData("demo.dieuphoi", "/tai-khoan /nhat-ky /nhom-xa /tinh/15/danh-sach-xa /tinh/15/phan-cong", "/tham-dinh /bo-tieu-chi/nhap /co-quan")]
    [InlineData("demo.xem", "/tinh/15/ke-hoach /ra-soat-duy-tri /kien-nghi", "/tai-khoan /tham-dinh /nhom-xa /co-quan")]
    [InlineData("demo.admin", "/tai-khoan /nhat-ky /tham-dinh /bo-tieu-chi/nhap /nhom-xa", "/co-quan /tinh/15/ke-hoach")]
    public async Task Each_account_is_offered_the_pages_it_can_use_and_each_of_them_serves_it(string? user, string offered, string notOffered)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = user is null ? app.CreateClient(new() { AllowAutoRedirect = false }) : await app.ClientAsAsync(user, followRedirects: false);

        var links = await NavLinksAsync(client);

        Assert.All(Public, link => Assert.Contains(link, links));
        Assert.All(offered.Split(' ', StringSplitOptions.RemoveEmptyEntries), link => Assert.Contains(link, links));
        Assert.All(notOffered.Split(' ', StringSplitOptions.RemoveEmptyEntries), link => Assert.DoesNotContain(link, links));
        foreach (var link in links.Except(Public))
        {
            var response = await client.GetAsync(link);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user} → {link}: {(int)response.StatusCode} {response.Headers.Location}");
            Assert.DoesNotContain("không có quyền", html, StringComparison.OrdinalIgnoreCase);
        }
    }
}
