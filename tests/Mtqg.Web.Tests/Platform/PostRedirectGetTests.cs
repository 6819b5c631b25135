using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Platform;

/// <summary>
/// Post/Redirect/Get on the page forms: a post that changed something answers 303 to a page that shows its
/// message once, so reloading that page posts nothing again; a refused post renders the page in place with
/// the errors and what the user typed.
/// </summary>
public sealed class PostRedirectGetTests
{
    private const string Lists = "/tinh/15/danh-sach-xa";

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    private static async Task<int> ListCountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/commune-lists?province=15")).GetArrayLength();

    [Fact]
    public async Task A_saved_commune_list_answers_303_to_its_page_which_shows_the_message_once_and_the_list_is_written_once()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi", followRedirects: false);
        var before = await ListCountAsync(coordinator);

        var posted = await coordinator.PostFormAsync(
            Lists,
            "new-list",
            ("name", "Xã thử tải lại trang"),
            ("communes", $"{BaoHa}, {BaoNhai}")
        );

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal(Lists, posted.Target());
        var shown = await PageAsync(coordinator, posted.Target());
        Assert.Contains("Đã lưu danh sách «Xã thử tải lại trang».", shown);
        Assert.Contains("role=\"status\"", shown);
        var reloaded = await PageAsync(coordinator, posted.Target());
        Assert.DoesNotContain("Đã lưu danh sách", reloaded);
        Assert.Equal(before + 1, await ListCountAsync(coordinator));
    }

    [Fact]
    public async Task A_list_deleted_from_its_page_with_the_version_it_showed_is_gone_and_a_stale_version_is_refused()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi", followRedirects: false);
        var created = await coordinator.PostFormAsync(Lists, "new-list", ("name", "Danh sách xóa thử"), ("communes", BaoHa));
        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        var before = await ListCountAsync(coordinator);
        var page = await PageAsync(coordinator, Lists);
        var id = Regex.Matches(page, "name=\"_handler\" value=\"delete-list-(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).Max();

        var stale = await coordinator.PostFormAsync(Lists, $"delete-list-{id}", ("version", "1-0"));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(before, await ListCountAsync(coordinator));
        var form = page[page.IndexOf($"value=\"delete-list-{id}\"", StringComparison.Ordinal)..];
        var version = WebUtility.HtmlDecode(Regex.Match(form, "name=\"version\" value=\"([^\"]+)\"").Groups[1].Value);
        var deleted = await coordinator.PostFormAsync(Lists, $"delete-list-{id}", ("version", version));
        Assert.Equal(HttpStatusCode.SeeOther, deleted.StatusCode);
        Assert.Contains("Đã xóa danh sách «Danh sách xóa thử».", await PageAsync(coordinator, deleted.Target()));
        Assert.Equal(before - 1, await ListCountAsync(coordinator));
    }

    [Fact]
    public async Task A_refused_form_renders_in_place_with_its_errors_and_the_input_kept_and_writes_nothing()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi", followRedirects: false);
        var before = await ListCountAsync(coordinator);

        var posted = await coordinator.PostFormAsync(Lists, "new-list", ("name", "Danh sách có mã sai"), ("communes", $"{BaoHa}, 99999"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Null(posted.Headers.Location);
        var html = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("Xã dòng 2: mã \"99999\" không phải xã đang có hiệu lực của tỉnh 15.", html);
        Assert.Contains("value=\"Danh sách có mã sai\"", html);
        Assert.Contains($"{BaoHa}, 99999</textarea>", html);
        Assert.Equal(before, await ListCountAsync(coordinator));
    }

    [Fact]
    public async Task An_answer_on_the_recommendations_own_page_is_recorded_and_an_empty_one_is_refused_in_place()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var department = await app.ClientAsAsync("demo.thamdinh", followRedirects: false);
        var id = Regex
            .Match(await department.GetStringAsync("/kien-nghi?tinh=15"), "name=\"_handler\" value=\"respond-(\\d+)\"")
            .Groups[1]
            .Value;
        var url = $"/kien-nghi/{id}";

        var empty = await department.PostFormAsync(url, "respond", ("text", "   "));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("role=\"alert\"", await empty.Content.ReadAsStringAsync());
        var posted = await department.PostFormAsync(url, "respond", ("text", "Sở đã gửi hướng dẫn bằng văn bản"));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Contains("Đã ghi trả lời", await PageAsync(department, posted.Target()));
        var history = (await department.GetFromJsonAsync<JsonElement>($"/api/v1/recommendations/{id}"))
            .GetProperty("history")
            .EnumerateArray();
        Assert.Single(history, e => e.GetProperty("text").GetString() == "Sở đã gửi hướng dẫn bằng văn bản");
    }

    [Fact]
    public async Task An_answer_to_a_recommendation_from_the_open_list_redirects_back_to_the_same_filtered_list()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var department = await app.ClientAsAsync("demo.thamdinh", followRedirects: false);
        const string url = "/kien-nghi?tinh=15";
        var id = Regex.Match(await department.GetStringAsync(url), "name=\"_handler\" value=\"respond-(\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(id);

        var posted = await department.PostFormAsync(url, $"respond-{id}", ("text", "Sở đã cử cán bộ hướng dẫn"));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal(url, posted.Target());
        Assert.Contains("Đã ghi trả lời", await PageAsync(department, url));
        var history = (await department.GetFromJsonAsync<JsonElement>($"/api/v1/recommendations/{id}"))
            .GetProperty("history")
            .EnumerateArray();
        Assert.Single(history, e => e.GetProperty("text").GetString() == "Sở đã cử cán bộ hướng dẫn");
    }

    [Fact]
    public async Task Saved_values_redirect_to_the_scorecard_and_a_value_that_is_not_a_number_comes_back_as_typed()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var officer = await app.ClientAsAsync("demo.xa", followRedirects: false);
        var url = $"/xa/{BaoHa}?nam=2026&set={Code}";
        var page = await PageAsync(officer, url);
        var field = Regex.Match(page, "name=\"(V\\[\\d+\\])\"[^>]*aria-label=\"Giá trị chỉ tiêu 1.2\"").Groups[1].Value;
        var version = PageForms.Hidden(page, "version");

        var refused = await officer.PostFormAsync(url, "indicator-values", ("version", version), (field, "tám mươi"));
        var refusedHtml = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        var saved = await officer.PostFormAsync(url, "indicator-values", ("version", version), (field, "81,5"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Chỉ tiêu 1.2: \"tám mươi\" không phải là số.", refusedHtml);
        Assert.Contains("value=\"tám mươi\"", refusedHtml);
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal(url, saved.Target());
        Assert.Contains("Đã lưu. Bảng đánh giá và tổng hợp của tỉnh đã cập nhật.", await PageAsync(officer, url));
        var card = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/years/2026/scorecard?set={Code}");
        Assert.Equal(81.5m, card.GetProperty("criteria")[0].GetProperty("indicators")[1].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task A_visit_recorded_on_the_page_redirects_to_the_visit_with_the_message()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var agency = await app.ClientAsAsync("demo.giupdo", followRedirects: false);
        var before = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits?commune={BaoHa}")).GetArrayLength();

        var posted = await agency.PostFormAsync(
            "/buoi-lam-viec/moi",
            "new-visit",
            ("date", "2026-11-20"),
            ("communeCode", BaoHa),
            ("participants", "Phó Giám đốc Sở Tài chính"),
            ("content", "Kiểm tra tiến độ")
        );

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Matches("^/buoi-lam-viec/\\d+$", posted.Target());
        Assert.Contains("Đã lưu biên bản buổi làm việc tại Xã Bảo Hà.", await PageAsync(agency, posted.Target()));
        Assert.Equal(before + 1, (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits?commune={BaoHa}")).GetArrayLength());
    }
}
