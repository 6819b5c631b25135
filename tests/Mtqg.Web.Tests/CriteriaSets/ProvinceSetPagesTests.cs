using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.CriteriaSets;

/// <summary>
/// A coordination office makes its province's set in the browser (DESIGN §9): copies the national set, fills in a criterion
/// in the editor, sees what differs from the national set and what still stops publishing, publishes.
/// </summary>
public sealed class ProvinceSetPagesTests
{
    private const string National = ProvinceSetsApiTests.National;

    private static async Task<string> TextAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    [Fact]
    public async Task A_national_set_is_copied_for_the_offices_own_province_only_and_never_from_a_province_set()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;

        var created = await office.PostAsJsonAsync($"/api/v1/criteria-sets/{National}/copies", new { province = "15", code = "LC-COPY" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            ("draft", "15", National),
            (body.GetProperty("status").GetString(), body.GetProperty("province").GetString(), body.GetProperty("details").GetString())
        );
        var national = await office.GetFromJsonAsync<JsonElement>($"/api/v1/criteria-sets/{National}");
        var copy = await office.GetFromJsonAsync<JsonElement>("/api/v1/criteria-sets/LC-COPY");
        Assert.Equal(national.GetProperty("criteria").GetArrayLength(), copy.GetProperty("criteria").GetArrayLength());

        var other = await office.PostAsJsonAsync($"/api/v1/criteria-sets/{National}/copies", new { province = "01", code = "HN-COPY" });
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var ofProvince = await ProblemAssert.IsProblemAsync(
            await office.PostAsJsonAsync("/api/v1/criteria-sets/LC-COPY/copies", new { province = "15", code = "LC-COPY-2" }),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("Chỉ sao chép được bộ tiêu chí quốc gia", ofProvince.GetRawText());
        var taken = await ProblemAssert.IsProblemAsync(
            await office.PostAsJsonAsync($"/api/v1/criteria-sets/{National}/copies", new { province = "15", code = "LC-COPY" }),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("Đã có bộ tiêu chí mã", taken.GetRawText());
    }

    [Fact]
    public async Task The_office_copies_fills_in_a_criterion_sees_the_differences_and_publishes_from_the_pages()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;

        var copied = await office.PostFormAsync(
            "/bo-tieu-chi",
            "copy-set",
            ("Copy.National", National),
            ("Copy.Province", "15"),
            ("Copy.Code", "LC-2026-WEB")
        );
        Assert.Contains("Đã tạo dự thảo LC-2026-WEB", await TextAsync(copied));
        // The redirect drops the bearer header (as a browser would drop nothing: it keeps its cookie), so the office reads again.
        var setPage = await PageAsync(office, "/bo-tieu-chi/LC-2026-WEB");
        Assert.Contains("phải xử lý trước khi ban hành", setPage);
        Assert.Contains("Chưa khác gì", setPage);

        var editor = "/bo-tieu-chi/LC-2026-WEB/tieu-chi/1";
        var page = await office.GetStringAsync(editor);
        var version = PageForms.Hidden(page, "Edit.Version");
        var name = PageForms.Hidden(
            page.Replace("<input class=\"mtqg-field\" name=\"Edit.Name\" value=", "<input type=\"hidden\" name=\"Edit.Name\" value="),
            "Edit.Name"
        );
        (string, string)[] Fields(string value) =>
            [
                ("Edit.Version", version),
                ("Edit.Name", name),
                ("Edit.Department", "SXD"),
                ("Edit.Added.Code", "LC-1.1"),
                ("Edit.Added.Name", "Tỷ lệ thôn có quy hoạch được duyệt"),
                ("Edit.Added.Type", "percent"),
                ("Edit.Added.Rule", ">="),
                ("Edit.Added.New.Level", "NTM"),
                ("Edit.Added.New.Value", value),
            ];

        var bad = await TextAsync(await office.PostFormAsync(editor, "edit-criterion", Fields("chín lăm")));
        Assert.Contains("ngưỡng \"chín lăm\" không phải là số", bad);
        Assert.Contains("chưa có gì được ghi", bad);

        Assert.Contains(
            "Đã lưu tiêu chí 1 của dự thảo LC-2026-WEB",
            await TextAsync(await office.PostFormAsync(editor, "edit-criterion", Fields("92,5")))
        );
        var differences = await PageAsync(office, "/bo-tieu-chi/LC-2026-WEB");
        Assert.Contains("Chỉ tiêu LC-1.1", differences); // listed under "Khác với bộ quốc gia"
        Assert.Contains("2 điểm khác", differences);
        Assert.Contains("Sở Xây dựng (SXD)", differences); // the appraising department given, shown by its name
        var stored = await office.GetFromJsonAsync<JsonElement>("/api/v1/criteria-sets/LC-2026-WEB");
        var threshold = stored.GetProperty("criteria")[0].GetProperty("indicators")[0].GetProperty("thresholds")[0];
        Assert.Equal(92.5m, threshold.GetProperty("value").GetDecimal());

        // The same editor read before that save is now stale: refused, naming who saved.
        var stale = await TextAsync(await office.PostFormAsync(editor, "edit-criterion", Fields("90")));
        Assert.Contains("Bộ tiêu chí LC-2026-WEB", stale);
        Assert.Equal(
            92.5m,
            (await office.GetFromJsonAsync<JsonElement>("/api/v1/criteria-sets/LC-2026-WEB"))
                .GetProperty("criteria")[0]
                .GetProperty("indicators")[0]
                .GetProperty("thresholds")[0]
                .GetProperty("value")
                .GetDecimal()
        );
    }

    [Fact]
    public async Task A_viewer_sees_no_forms_and_the_editor_refuses_other_provinces_and_published_sets()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        var neighbour = (await app.Given().Account(Roles.Coordinator, unit: "01")).Client;
        Assert.Equal(
            HttpStatusCode.Created,
            (await office.PostAsJsonAsync($"/api/v1/criteria-sets/{National}/copies", new { province = "15", code = "LC-X" })).StatusCode
        );

        var catalogue = await PageAsync(app.CreateClient(), "/bo-tieu-chi");
        Assert.Contains("LC-X", catalogue);
        Assert.DoesNotContain("Sao chép thành dự thảo", catalogue);
        Assert.DoesNotContain("Ban hành", await PageAsync(neighbour, "/bo-tieu-chi/LC-X"));
        var refused = await neighbour.GetAsync("/bo-tieu-chi/LC-X/tieu-chi/1");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync($"/bo-tieu-chi/{National}/tieu-chi/1")).StatusCode);
    }
}
