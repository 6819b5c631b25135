using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Plans;

/// <summary>The pages of plans, recommendations and the commune timeline, rendered on the server for the account asking.</summary>
public sealed class PlanPageTests
{
    private static async Task<int> DemoPlanAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15"))
            .EnumerateArray()
            .Single(p => p.GetProperty("number").GetString() == "239/KH-BCĐ")
            .GetProperty("id")
            .GetInt32();

    [Fact]
    public async Task The_plan_page_shows_every_target_with_its_state_and_source_and_offers_the_agency_its_own_activity_only()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var agency = await app.ClientAsAsync("demo.giupdo");
        var id = await DemoPlanAsync(agency);

        var html = await PageAsync(agency, $"/ke-hoach/{id}?ngay=2026-11-26");
        var refused = await PageAsync(await app.ClientAsAsync("demo.xa"), $"/ke-hoach/{id}");

        Assert.Contains("Tập huấn tổ công nghệ số cộng đồng", html);
        Assert.Contains("đạt theo quyết định công nhận", html);
        Assert.Contains("7/12 lớp", html);
        Assert.Contains("Chậm tiến độ", html);
        Assert.Equal(1, CountOf(html, "Ghi tiến độ</button>")); // Sở Tài chính records the training, not Sở Khoa học và Công nghệ's LAN and postal codes
        Assert.DoesNotContain("Thêm mục tiêu</button>", html);
        Assert.Contains("không có quyền xem kế hoạch", refused);
    }

    [Fact]
    public async Task The_open_list_marks_overdue_ones_and_offers_answers_only_to_the_responsible_party()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var department = await app.ClientAsAsync("demo.thamdinh");
        var viewer = await app.ClientAsAsync("demo.xem");

        var forDepartment = await PageAsync(department, "/kien-nghi?tinh=15");
        var forViewer = await PageAsync(viewer, "/kien-nghi?tinh=15");

        Assert.Contains("mtqg-overdue", forDepartment);
        Assert.Contains("Quá hạn", forDepartment);
        Assert.Equal(2, CountOf(forDepartment, "Đóng kiến nghị</button>")); // the two addressed to Sở Xây dựng, not the commune's
        Assert.Equal(0, CountOf(forViewer, "Đóng kiến nghị</button>"));
        Assert.Contains("UBND xã rà soát", forViewer);
    }

    [Fact]
    public async Task The_commune_page_shows_the_visits_of_its_helping_agencies_as_a_timeline()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var officer = await app.ClientAsAsync("demo.xa");

        var html = await PageAsync(officer, "/xa/02989?nam=2026&set=DEMO-MINH-HOA");

        Assert.Contains("Buổi làm việc của đơn vị giúp đỡ xã", html);
        var newer = html.IndexOf("Đôn đốc gắn mã địa chỉ bưu chính", StringComparison.Ordinal);
        var older = html.IndexOf("Làm việc về tiến độ xây dựng nông thôn mới năm", StringComparison.Ordinal);
        Assert.True(newer > 0 && older > newer, "newest visit first");
    }

    [Fact]
    public async Task The_province_dashboard_filters_by_a_commune_list_for_accounts_that_read_the_lists()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var list = (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/commune-lists?province=15"))[0];

        var filtered = await PageAsync(coordinator, $"/tinh/15/tong-hop?nam=2026&danh-sach={list.GetProperty("id").GetInt32()}");
        var all = await PageAsync(coordinator, "/tinh/15/tong-hop?nam=2026&danh-sach=");
        var anonymous = await PageAsync(app.CreateClient(), "/tinh/15/tong-hop?nam=2026");

        Assert.Contains($"10 xã của danh sách \"{list.GetProperty("name").GetString()}\"", filtered);
        Assert.Contains("Danh sách xã", all);
        Assert.DoesNotContain(list.GetProperty("name").GetString()!, anonymous);
    }

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    private static int CountOf(string html, string text) =>
        (html.Length - html.Replace(text, "", StringComparison.Ordinal).Length) / text.Length;
}
