using System.Net;
using System.Text.RegularExpressions;
using Mtqg.Web.Features.Accounts;
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
    [InlineData(null, null, null, "", "/ho-so-de-nghi /kien-nghi /tai-khoan /ra-soat-duy-tri")]
    [InlineData(
        Roles.Commune,
        "02989",
        null,
        "/xa/02989 /ho-so-de-nghi /kien-nghi",
        "/tinh/15/ke-hoach /tai-khoan /tham-dinh /nhom-xa /co-quan /ra-soat-duy-tri"
    )]
    [InlineData(
        Roles.Agency,
        "15",
        "Sở Tài chính",
        "/co-quan /buoi-lam-viec/moi /tinh/15/ke-hoach /kien-nghi",
        "/tai-khoan /tham-dinh /nhom-xa /ra-soat-duy-tri"
    )]
    [InlineData(
        Roles.Appraiser,
        "15",
        "Sở Xây dựng",
        "/tham-dinh /ho-so-de-nghi /tinh/15/tong-hop /ra-soat-duy-tri",
        "/tai-khoan /co-quan /nhom-xa /buoi-lam-viec/moi"
    )]
    [InlineData(
        Roles.Coordinator,
        "15",
        null,
        "/tai-khoan /nhat-ky /nhom-xa /tinh/15/danh-sach-xa /tinh/15/phan-cong",
        "/tham-dinh /bo-tieu-chi/nhap /co-quan"
    )]
    [InlineData(Roles.Viewer, "15", null, "/tinh/15/ke-hoach /ra-soat-duy-tri /kien-nghi", "/tai-khoan /tham-dinh /nhom-xa /co-quan")]
    [InlineData(Roles.Admin, null, null, "/tai-khoan /nhat-ky /tham-dinh /bo-tieu-chi/nhap /nhom-xa", "/co-quan /tinh/15/ke-hoach")]
    public async Task Each_account_is_offered_the_pages_it_can_use_and_each_of_them_serves_it(
        string? role,
        string? unit,
        string? sector,
        string offered,
        string notOffered
    )
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        // An agency works where it is assigned: Sở Tài chính helps Bảo Hà this year.
        var today = Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow);
        if (role == Roles.Agency)
            await given.Assignment(await given.Administrator(), "15", sector!, ["02989"], today.AddYears(-1), today.AddYears(1));
        var user = role is null ? null : await given.Account(role, unit, sector);
        var client = user is null
            ? app.CreateClient(new() { AllowAutoRedirect = false })
            : await app.ClientAsAsync(user.UserName, user.Password, followRedirects: false);

        var links = await NavLinksAsync(client);

        Assert.All(Public, link => Assert.Contains(link, links));
        Assert.All(offered.Split(' ', StringSplitOptions.RemoveEmptyEntries), link => Assert.Contains(link, links));
        Assert.All(notOffered.Split(' ', StringSplitOptions.RemoveEmptyEntries), link => Assert.DoesNotContain(link, links));
        foreach (var link in links.Except(Public))
        {
            var response = await client.GetAsync(link);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.True(
                response.StatusCode == HttpStatusCode.OK,
                $"{role} → {link}: {(int)response.StatusCode} {response.Headers.Location}"
            );
            Assert.DoesNotContain("không có quyền", html, StringComparison.OrdinalIgnoreCase);
        }
    }
}
