using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Mail;

/// <summary>Each person's address and choice of mail, on the profile page and through the API.</summary>
public sealed class MailSettingsTests
{
    [Fact]
    public async Task The_profile_page_saves_the_address_and_choice_and_refuses_a_bad_address_in_place_saving_nothing()
    {
        await using var app = await MtqgApp.StartAsync();
        var (viewerName, _, viewer) = await app.Given().Account(Roles.Viewer, unit: "15");

        var saved = await viewer.PostFormAsync(
            "/ho-so",
            "notifications",
            ("Notify.Email", "nguoi.xem@laocai.gov.vn"),
            ("Notify.Choice", "daily")
        );
        Assert.Contains(
            "Đã lưu cài đặt nhận thư: một thư tổng hợp mỗi ngày",
            WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync())
        );

        var refused = await viewer.PostFormAsync("/ho-so", "notifications", ("Notify.Email", "nguoi.xem@"), ("Notify.Choice", "none"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the page again, not a redirect
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Địa chỉ thư điện tử không hợp lệ", page);
        Assert.Contains("chưa có gì được ghi", page);

        var settings = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications");
        Assert.Equal("nguoi.xem@laocai.gov.vn", settings.GetProperty("email").GetString());
        Assert.Equal("daily", settings.GetProperty("choice").GetString());
        Assert.Contains("value=\"nguoi.xem@laocai.gov.vn\"", await viewer.GetStringAsync("/ho-so"));
        Assert.Contains("value=\"nguoi.xem@\"", page); // what was typed stays in the field, to correct

        // Where a person's mail goes is in the audit trail, once (the refused post wrote nothing).
        using var scope = app.Services.CreateScope();
        var trail = await app.Db(scope)
            .AuditEntries.AsNoTracking()
            .Where(e => e.Entity == "AppUser" && e.Key == viewerName)
            .Select(e => e.NewValue)
            .ToListAsync();
        var change = Assert.Single(trail, t => t != null && t.Contains("Thư điện tử: nguoi.xem"));
        Assert.Equal("Thư điện tử: nguoi.xem@laocai.gov.vn; Nhận thư: Một thư tổng hợp mỗi ngày", change);
    }

    [Fact]
    public async Task Hostile_or_malformed_addresses_are_refused_with_400_and_nothing_is_saved()
    {
        await using var app = await MtqgApp.StartAsync();
        var viewer = (await app.Given().Account(Roles.Viewer, unit: "15")).Client;
        Assert.Equal(
            HttpStatusCode.OK,
            (await viewer.PutAsJsonAsync("/api/v1/me/notifications", new { email = "dung@laocai.gov.vn", choice = "immediate" })).StatusCode
        );

        foreach (
            var body in new object[]
            {
                new { email = "a\u0000b@laocai.gov.vn", choice = "immediate" },
                new { email = new string('a', 100_000) + "@laocai.gov.vn", choice = "immediate" },
                new { email = "hai dia chi@laocai.gov.vn, b@c.vn", choice = "immediate" },
                new { email = "dung@laocai.gov.vn", choice = "moi-gio" },
            }
        )
        {
            var response = await viewer.PutAsJsonAsync("/api/v1/me/notifications", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var refused = await viewer.PutAsJsonAsync("/api/v1/me/notifications", new { email = "khong-phai-dia-chi", choice = "daily" });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Địa chỉ thư điện tử không hợp lệ", problem.GetRawText());

        var settings = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications");
        Assert.Equal(
            ("dung@laocai.gov.vn", "immediate"),
            (settings.GetProperty("email").GetString(), settings.GetProperty("choice").GetString())
        );
        var anonymous = await app.CreateClient().GetAsync("/api/v1/me/notifications");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_mail_server_without_a_sender_or_the_site_address_stops_the_app_at_start_naming_the_settings()
    {
        await using var app = new MtqgApp(
            await TestDatabase.CreateAsync(),
            settings: new Dictionary<string, string> { ["Mtqg:Mail:Host"] = "smtp.laocai.gov.vn", ["Mtqg:Mail:BaseUrl"] = "ntm.laocai" }
        );
        var refused = Assert.ThrowsAny<Exception>(() => app.Server).ToString();
        Assert.Contains("Mtqg:Mail:FromAddress", refused);
        Assert.Contains("Mtqg:Mail:BaseUrl", refused);
    }
}
