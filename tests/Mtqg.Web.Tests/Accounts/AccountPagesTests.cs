using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Accounts;

public sealed class AccountPagesTests
{
    [Fact]
    public async Task An_account_corrected_on_its_page_from_an_older_version_is_refused_in_place_showing_what_was_saved()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var created = await (
            await admin.PostAsJsonAsync(
                "/api/v1/users",
                new
                {
                    userName = "xem.trang",
                    password = "Mat-khau-2026",
                    displayName = "Tên ban đầu",
                    role = "viewer",
                    unitCode = "15",
                }
            )
        ).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var page = await admin.GetStringAsync($"/tai-khoan/{id}");
        var version = PageForms.Hidden(page, "Edit.Version");

        var first = await admin.PostFormAsync(
            $"/tai-khoan/{id}",
            "edit-user",
            ("Edit.Version", version),
            ("Edit.DisplayName", "Tên thứ nhất"),
            ("Edit.Role", "viewer"),
            ("Edit.UnitCode", "15")
        );
        Assert.Equal(HttpStatusCode.OK, first.StatusCode); // followed the 303 back to the page
        var firstHtml = WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync());
        Assert.Contains("Đã lưu", firstHtml);

        var second = await admin.PostFormAsync(
            $"/tai-khoan/{id}",
            "edit-user",
            ("Edit.Version", version),
            ("Edit.DisplayName", "Tên thứ hai"),
            ("Edit.Role", "viewer"),
            ("Edit.UnitCode", "15")
        );
        var html = WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync());
        Assert.Contains("vừa được người khác thay đổi", html);
        Assert.Contains("value=\"Tên thứ nhất\"", html);
        Assert.DoesNotContain("Tên thứ hai", html);
        Assert.Equal(
            "Tên thứ nhất",
            (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{id}")).GetProperty("displayName").GetString()
        );
    }

    [Fact]
    public async Task An_account_form_without_a_display_name_is_refused_in_Vietnamese_and_keeps_what_was_typed()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var response = await admin.PostFormAsync(
            "/tai-khoan",
            "create-user",
            ("Create.UserName", "thieu.ten"),
            ("Create.DisplayName", ""),
            ("Create.Role", "viewer"),
            ("Create.UnitCode", "15"),
            ("Create.Password", "Mat-khau-2026")
        );
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nhập tên hiển thị", html);
        Assert.Contains("value=\"thieu.ten\"", html);
        Assert.DoesNotContain(await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/users?q=thieu.ten") ?? [], u =>
            u.GetProperty("userName").GetString() == "thieu.ten"
        );
    }
}
