using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;

namespace Mtqg.Web.Tests.Platform;

/// <summary>
/// The rules of input (DESIGN §8, issue 18): NUL, control and bidirectional characters, invisible required text, years,
/// dates, passwords, duplicate JSON keys and bodies that say nothing are refused with a Vietnamese 400 naming the field —
/// never a 500 (PostgreSQL refuses a NUL itself), never written (SQLite would keep it).
/// </summary>
public sealed class InputRulesTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<string> OneError(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        return Assert.Single(ProblemAssert.Errors(problem, field));
    }

    [Fact]
    public async Task A_NUL_or_a_bidirectional_override_in_a_query_or_an_address_is_a_400_naming_the_parameter()
    {
        await using var app = await MtqgApp.StartAsync();
        var anonymous = app.CreateClient();

        Assert.Equal(
            "Tham số q chứa ký tự điều khiển U+0000 ở vị trí 4; xóa ký tự đó rồi gửi lại.",
            await OneError(await anonymous.GetAsync("/api/v1/units?q=L%C3%A0o%00Cai"), "q")
        );
        Assert.Contains("U+202E", await OneError(await anonymous.GetAsync("/api/v1/units?q=%E2%80%AEiaC"), "q"));
        // A NUL in the path itself never reaches the app: the server refuses to decode it.
        Assert.Contains("U+0007", await OneError(await anonymous.GetAsync("/api/v1/criteria-sets/%07"), "code"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/units?q=L%C3%A0o%20Cai")).StatusCode);
    }

    [Fact]
    public async Task A_NUL_in_the_token_request_is_a_400_naming_the_field_not_a_500()
    {
        await using var app = await MtqgApp.StartAsync();
        var anonymous = app.CreateClient();

        var userName = await OneError(
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "quantri\0thu", password = "Mk-12345678" }),
            "userName"
        );
        var password = await OneError(
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "quantri.thu", password = "Mk\u0000" }),
            "password"
        );

        Assert.StartsWith("Trường userName: Giá trị chứa ký tự điều khiển U+0000", userName);
        Assert.Contains("U+0000", password);
    }

    [Fact]
    public async Task A_NUL_in_a_JSON_body_is_refused_naming_the_field_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account("coordinator", "15")).Client;

        var refused = await office.PostAsJsonAsync(
            "/api/v1/plans",
            new
            {
                provinceCode = "15",
                number = "12/KH",
                issuer = "UBND tỉnh",
                issuedOn = "2026-02-01",
                periodFrom = "2026-01-01",
                periodTo = "2026-12-31",
                title = "Kế hoạch\0 năm 2026",
            }
        );

        Assert.Contains("U+0000 ở vị trí 9", await OneError(refused, "title"));
        Assert.Equal(0, (await office.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15")).GetArrayLength());
        await app.Given().Plan(office, "15", "12/KH", title: "Kế hoạch\nnăm 2026"); // a line break is text, not a control
    }

    [Theory]
    [InlineData("\0", "Biểu mẫu có ký tự điều khiển (như NUL) không được phép; xóa ký tự đó rồi gửi lại.")] // refused by the form reader itself
    [InlineData("\u0007", "Trường title chứa ký tự điều khiển U+0007 ở vị trí 9; xóa ký tự đó rồi gửi lại.")]
    [InlineData("\u202E", "Trường title chứa ký tự đổi chiều văn bản U+202E ở vị trí 9; xóa ký tự đó rồi gửi lại.")]
    public async Task A_control_character_in_a_page_form_is_a_Vietnamese_400_page_and_nothing_is_written(string bad, string message)
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account("coordinator", "15")).Client;

        var posted = await office.PostFormAsync(
            "/tinh/15/ke-hoach",
            "new-plan",
            ("number", "31/KH-BCĐ"),
            ("issuedOn", "2026-01-05"),
            ("issuer", "Ban Chỉ đạo tỉnh"),
            ("title", $"Kế hoạch{bad}"),
            ("periodFrom", "2026-01-01"),
            ("periodTo", "2026-12-31")
        );

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal("text/html", posted.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()));
        Assert.Equal(0, (await office.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15")).GetArrayLength());
    }

    [Fact]
    public async Task A_page_form_with_a_bad_antiforgery_token_is_a_Vietnamese_400_page()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account("coordinator", "15")).Client;
        await office.GetStringAsync("/tinh/15/ke-hoach");

        var posted = await office.PostAsync(
            "/tinh/15/ke-hoach",
            new FormUrlEncodedContent([new("__RequestVerificationToken", "CfDJ8-hong"), new("_handler", "new-plan"), new("number", "1/KH")])
        );

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var html = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Contains("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ; tải lại trang rồi gửi lại.", html);
        Assert.DoesNotContain("antiforgery", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (await office.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15")).GetArrayLength());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1999")]
    [InlineData("2101")]
    [InlineData("9999")]
    [InlineData("10000")]
    public async Task A_year_outside_2000_to_2100_is_a_400_naming_it_not_a_500(string year)
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();

        var group = await admin.PutAsJsonAsync(
            $"/api/v1/communes/02989/criteria-sets/NTM-XA-2026-2030/group?year={year}",
            new { group = "G1" }
        );
        var summary = await app.CreateClient().GetAsync($"/api/v1/provinces/15/years/{year}/summary");
        var page = await admin.GetAsync($"/xa/02989?nam={year}");

        Assert.Equal($"Tham số year ({year}) phải trong khoảng 2000–2100.", await OneError(group, "year"));
        Assert.Contains("2000–2100", await OneError(summary, "year"));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Tham số nam", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_year_or_a_date_outside_the_range_in_a_JSON_body_is_refused_naming_the_field()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account("coordinator", "15")).Client;

        object Plan(string issuedOn, string periodTo) =>
            new
            {
                provinceCode = "15",
                number = "12/KH",
                issuer = "UBND tỉnh",
                issuedOn,
                periodFrom = "2026-01-01",
                periodTo,
                title = "Kế hoạch",
            };

        Assert.Equal(
            "Trường issuedOn: Ngày (01/01/0001) phải trong khoảng 01/01/2000–31/12/2100.",
            await OneError(await office.PostAsJsonAsync("/api/v1/plans", Plan("0001-01-01", "2026-12-31")), "issuedOn")
        );
        Assert.Contains(
            "31/12/9999",
            await OneError(await office.PostAsJsonAsync("/api/v1/plans", Plan("2026-01-05", "9999-12-31")), "periodTo")
        );
        var plan = await app.Given().Plan(office, "15", "12/KH");
        Assert.Contains(
            "Năm (10000) phải trong khoảng 2000–2100.",
            await OneError(
                await office.PostAsJsonAsync(
                    $"/api/v1/plans/{plan}/targets",
                    new
                    {
                        kind = "communeCount",
                        name = "Xã đạt chuẩn",
                        level = "NTM",
                        year = 10000,
                        goal = 3,
                    }
                ),
                "year"
            )
        );
    }

    [Fact]
    public async Task A_date_outside_the_range_in_a_page_form_is_a_400_naming_the_field()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account("coordinator", "15")).Client;

        var posted = await office.PostFormAsync(
            "/tinh/15/ke-hoach",
            "new-plan",
            ("number", "31/KH-BCĐ"),
            ("issuedOn", "0001-01-05"),
            ("issuer", "Ban Chỉ đạo tỉnh"),
            ("title", "Kế hoạch"),
            ("periodFrom", "2026-01-01"),
            ("periodTo", "2026-12-31")
        );

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains(
            "Trường issuedOn (0001-01-05) phải là ngày trong khoảng 01/01/2000–31/12/2100.",
            WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync())
        );
    }

    [Fact]
    public async Task A_body_that_does_not_say_disabled_or_not_changes_nothing()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var viewer = await app.Given().Account("viewer", "15");
        var id = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/users"))
            .EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == viewer.UserName)
            .GetProperty("id")
            .GetString();
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await admin.PutAsJsonAsync($"/api/v1/users/{id}/disabled", new { disabled = true })).StatusCode
        );

        Assert.Equal(
            "Thiếu trường disabled: true để khóa, false để mở khóa tài khoản; chưa thay đổi gì.",
            await OneError(await admin.PutAsync($"/api/v1/users/{id}/disabled", Json("{}")), "disabled")
        );
        Assert.Contains(
            "hai lần",
            await OneError(
                await admin.PutAsync($"/api/v1/users/{id}/disabled", Json("""{"disabled": true, "disabled": false}""")),
                "disabled"
            )
        );

        var signIn = await app.CreateClient()
            .PostAsJsonAsync("/api/v1/auth/token", new { userName = viewer.UserName, password = viewer.Password });
        Assert.NotEqual(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Duplicate_keys_in_a_JSON_body_are_refused_naming_the_key()
    {
        await using var app = await MtqgApp.StartAsync();

        var token = await app.CreateClient()
            .PostAsync(
                "/api/v1/auth/token",
                Json(
                    $$"""{"userName": "khach", "userName": "{{TestDatabase.AdminUserName}}", "password": "{{TestDatabase.AdminPassword}}"}"""
                )
            );

        Assert.Equal("Trường userName có hai lần trong JSON; gửi mỗi trường một lần.", await OneError(token, "userName"));
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("   ")]
    [InlineData("\u200B \u2060\uFEFF\u00A0")]
    public async Task Required_text_made_only_of_invisible_characters_is_refused_as_missing(string invisible)
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account("coordinator", "15")).Client;

        var refused = await office.PostAsJsonAsync(
            "/api/v1/plans",
            new
            {
                provinceCode = "15",
                number = "12/KH",
                issuer = "UBND tỉnh",
                issuedOn = "2026-02-01",
                periodFrom = "2026-01-01",
                periodTo = "2026-12-31",
                title = invisible,
            }
        );

        Assert.NotEmpty(ProblemAssert.Errors(await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest), "title"));
        Assert.Equal(0, (await office.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15")).GetArrayLength());
    }

    [Fact]
    public async Task A_password_over_128_characters_is_refused_on_create_reset_and_change_and_128_is_accepted()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var tooLong = "Mk1" + new string('a', 126);
        var longest = "Mk1" + new string('a', 125);

        var created = await admin.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                userName = "xem.dai",
                password = tooLong,
                displayName = "Xem",
                role = "viewer",
                unitCode = "15",
            }
        );
        Assert.Contains(
            "Mật khẩu dài tối đa 128 ký tự.",
            ProblemAssert.Errors(await ProblemAssert.IsProblemAsync(created, HttpStatusCode.BadRequest), "password")
        );

        var viewer = await app.Given().Account("viewer", "15");
        var id = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/users"))
            .EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == viewer.UserName)
            .GetProperty("id")
            .GetString();
        var reset = await admin.PutAsJsonAsync($"/api/v1/users/{id}/password", new { password = tooLong });
        Assert.Contains(
            "Mật khẩu dài tối đa 128 ký tự.",
            ProblemAssert.Errors(await ProblemAssert.IsProblemAsync(reset, HttpStatusCode.BadRequest), "password")
        );

        Assert.Equal(
            HttpStatusCode.NoContent,
            (await admin.PutAsJsonAsync($"/api/v1/users/{id}/password", new { password = longest })).StatusCode
        );
        await app.ClientAsAsync(viewer.UserName, longest);
    }

    [Fact]
    public async Task Appraising_a_criterion_the_dossier_does_not_have_is_a_404()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);

        var problem = await ProblemAssert.IsProblemAsync(
            await AppraiseAsync(await app.ClientAsAsync("demo.thamdinh"), id, 99),
            HttpStatusCode.NotFound
        );

        Assert.Equal($"Hồ sơ #{id} không có tiêu chí 99.", problem.GetProperty("detail").GetString());
    }
}
