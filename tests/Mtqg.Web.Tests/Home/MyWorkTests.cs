using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Mtqg.Web.Tests.Infrastructure;
using Mtqg.Web.Tests.Scorecards;
using static Mtqg.Web.Tests.Recognition.Recognition;

namespace Mtqg.Web.Tests.Home;

/// <summary>
/// "Việc chờ tôi" (issue 17): each role is told what to do today — the commune its missing values and its criteria sent
/// back, the department its appraisals, the agency the communes it has not visited this half-year — on the page, in the
/// navigation's count and through the API; signing in lands there.
/// </summary>
public sealed class MyWorkTests
{
    private static async Task<JsonElement> WorkAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/v1/my-work");

    private static IEnumerable<JsonElement> Items(JsonElement work, string section) =>
        work.GetProperty("sections")
            .EnumerateArray()
            .Where(s => s.GetProperty("title").GetString() == section)
            .SelectMany(s => s.GetProperty("items").EnumerateArray());

    [Fact]
    public async Task A_commune_is_told_how_many_indicators_of_this_year_have_no_value_and_the_number_falls_when_one_is_entered()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var xa = await app.ClientAsAsync("demo.xa");
        var year = ThisYear;
        var card = await xa.ScorecardAsync(DemoSet.BaoHa, year);
        var typed = card.GetProperty("criteria")
            .EnumerateArray()
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Where(i => i.TryGetProperty("source", out var s) is false || s.ValueKind == JsonValueKind.Null)
            .ToList();
        var number = typed.First(i => i.GetProperty("type").GetString() == "percent").GetProperty("code").GetString()!;
        // One typed indicator emptied, so that something is missing whatever the demo holds this year.
        await xa.PutValuesOkAsync(DemoSet.BaoHa, year, new Dictionary<string, object?> { [number] = null });
        card = await xa.ScorecardAsync(DemoSet.BaoHa, year);
        var missing = card.GetProperty("criteria")
            .EnumerateArray()
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Count(i =>
                i.GetProperty("value").ValueKind == JsonValueKind.Null
                && (i.TryGetProperty("source", out var s) is false || s.ValueKind == JsonValueKind.Null)
            );
        Assert.True(missing >= 1);

        var item = Assert.Single(Items(await WorkAsync(xa), "Số liệu cần nhập"));
        Assert.StartsWith($"Nhập {missing} chỉ tiêu chưa có số liệu năm {year} của Xã Bảo Hà", item.GetProperty("text").GetString());
        Assert.Equal($"/xa/{DemoSet.BaoHa}?nam={year}", item.GetProperty("href").GetString());
        var page = WebUtility.HtmlDecode(await xa.GetStringAsync("/viec-cho-toi"));
        Assert.Contains($"Nhập {missing} chỉ tiêu chưa có số liệu năm {year}", page);
        Assert.Contains("<title>Việc chờ tôi (", page);

        await xa.PutValuesOkAsync(DemoSet.BaoHa, year, new Dictionary<string, object?> { [number] = 50m });
        var after = Items(await WorkAsync(xa), "Số liệu cần nhập").ToList();
        if (missing == 1)
            Assert.Empty(after);
        else
            Assert.StartsWith($"Nhập {missing - 1} chỉ tiêu", Assert.Single(after).GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_criterion_sent_back_is_on_the_commune_s_list_as_urgent_and_the_other_departments_see_what_they_must_appraise()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        var department = await app.ClientAsAsync(AppraiserOf[1]);
        var waiting = Items(await WorkAsync(department), "Thẩm định hồ sơ")
            .Single(i => i.GetProperty("href").GetString() == $"/ho-so-de-nghi/{id}");
        Assert.Contains("Thẩm định Xã Bảo Hà", waiting.GetProperty("text").GetString());

        // The dossier goes back to the commune once every department has finished: nine criteria pass, the first is sent back.
        await AppraiseAllAsync(app, id, Enumerable.Range(2, 9));
        Assert.Equal(HttpStatusCode.OK, (await SendBackAsync(department, id, 1, "Thiếu biên bản kiểm tra thực tế")).StatusCode);
        var xa = await app.ClientAsAsync("demo.xa");
        var sentBack = Items(await WorkAsync(xa), "Hồ sơ công nhận")
            .Single(i => i.GetProperty("href").GetString() == $"/ho-so-de-nghi/{id}");
        Assert.StartsWith("Bổ sung 1 tiêu chí bị trả lại", sentBack.GetProperty("text").GetString());
        Assert.True(sentBack.GetProperty("urgent").GetBoolean());
        // The navigation's count on any page says how many things wait, and how many are urgent.
        var work = await WorkAsync(xa);
        var anyPage = WebUtility.HtmlDecode(await xa.GetStringAsync("/toan-quoc"));
        Assert.Contains(
            $">{work.GetProperty("count").GetInt32()}<span class=\"mtqg-sr-only\"> việc, {work.GetProperty("urgent").GetInt32()} quá hạn hoặc bị trả lại",
            anyPage
        );
    }

    [Fact]
    public async Task An_agency_is_told_which_communes_it_has_not_visited_this_half_year_and_a_visit_there_takes_it_off()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var agency = await app.ClientAsAsync("demo.giupdo");
        var before = Items(await WorkAsync(agency), "Xã được giúp đỡ").ToList();
        Assert.NotEmpty(before);
        var href = before[0].GetProperty("href").GetString()!;
        Assert.StartsWith("/buoi-lam-viec/moi?xa=", href);
        var commune = href["/buoi-lam-viec/moi?xa=".Length..];
        // The visit form opened from the list has that commune chosen.
        Assert.Matches($"<option value=\"{commune}\" selected", await agency.GetStringAsync(href));

        var visit = await agency.PostAsJsonAsync(
            "/api/v1/visits",
            new
            {
                date = Today.Iso(),
                communeCode = commune,
                participants = new[] { "Phó Giám đốc Sở" },
                content = "Làm việc định kỳ",
            }
        );
        Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
        var after = Items(await WorkAsync(agency), "Xã được giúp đỡ").Select(i => i.GetProperty("href").GetString()).ToList();
        Assert.DoesNotContain(href, after);
        Assert.Equal(before.Count - 1, after.Count);
    }

    [Fact]
    public async Task Signing_in_lands_on_what_waits_unless_the_account_was_sent_from_a_page()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = await browser.PostFormAsync(
            "/dang-nhap",
            "sign-in",
            ("Input.UserName", "demo.dieuphoi"),
            ("Input.Password", "Demo@2026")
        );
        Assert.Equal("/viec-cho-toi", PathOf(signedIn));

        var other = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var sent = await other.PostFormAsync(
            "/dang-nhap?ReturnUrl=%2Fquyet-dinh",
            "sign-in",
            ("Input.UserName", "demo.dieuphoi"),
            ("Input.Password", "Demo@2026")
        );
        Assert.Equal("/quyet-dinh", PathOf(sent));
    }

    private static string PathOf(HttpResponseMessage redirect) =>
        new Uri(new Uri("http://localhost"), redirect.Headers.Location!).PathAndQuery;

    [Theory]
    [InlineData("/quyet-dinh?nam=abc", "nam", "abc")]
    [InlineData("/toan-quoc?nam=2026a", "nam", "2026a")]
    [InlineData("/ho-so-de-nghi?nam=x", "nam", "x")]
    public async Task A_page_address_with_a_value_its_filter_cannot_take_answers_400_naming_it_with_a_way_back(
        string url,
        string name,
        string value
    )
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        var response = await office.GetAsync(url);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"Tham số «{name}» trên địa chỉ có giá trị «{value}» không hợp lệ: cần một năm (ví dụ 2026).", page);
        Assert.Contains("Về trang chủ", page);
    }

    [Fact]
    public async Task Only_those_who_may_enter_values_see_the_province_s_upload_form()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var url = $"/tinh/15/nam/{ThisYear}/excel";
        var viewer = WebUtility.HtmlDecode(await (await app.ClientAsAsync("demo.xem")).GetStringAsync(url));
        Assert.DoesNotContain("type=\"file\"", viewer);
        Assert.Contains("Không tải tệp lên được: tài khoản này không nhập số liệu", viewer);
        Assert.Contains("Tải tệp số liệu (.xlsx)", viewer); // reading stays
        var office = await (await app.ClientAsAsync("demo.dieuphoi")).GetStringAsync(url);
        Assert.Contains("type=\"file\"", office);
    }

    [Fact]
    public async Task A_date_typed_day_first_in_a_page_filter_is_read_as_Vietnamese_write_it()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var page = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/?asOf=30/06/2025"));
        Assert.Contains("Tình trạng ngày 30/06/2025.", page);
        Assert.Contains("Trước sắp xếp 01/07/2025", page);
        Assert.Contains("name=\"asOf\" value=\"30/06/2025\"", page); // the field shows it back day first
        var refused = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/?asOf=06/31/2025"));
        Assert.Contains("Ngày \"06/31/2025\" không hợp lệ", refused);
    }
}
