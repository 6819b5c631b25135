using System.Net;
using System.Net.Http.Json;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Recognition;

/// <summary>The pages call the same service: what each account is offered, and what waits for whom.</summary>
public sealed class RecognitionPageTests
{
    private const string CommunePage = $"/xa/{BaoHa}?nam=2026&set={Code}";

    /// <summary>The page as text: Blazor writes computed Vietnamese text as character references.</summary>
    private static async Task<string> PageAsync(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));

    [Fact]
    public async Task Only_the_commune_officer_is_offered_to_create_the_dossier_on_the_commune_page()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        Assert.Contains("Lập hồ sơ đề nghị công nhận", await PageAsync(await app.ClientAsAsync("demo.xa"), CommunePage));
        foreach (var user in new[] { "demo.xem", "demo.dieuphoi", "demo.thamdinh" })
        {
            var html = await PageAsync(await app.ClientAsAsync(user), CommunePage);
            Assert.Contains("Chưa có hồ sơ đề nghị công nhận năm 2026", html);
            Assert.DoesNotContain("Lập hồ sơ đề nghị công nhận</button>", html);
        }
    }

    [Fact]
    public async Task After_submission_each_department_sees_its_own_criteria_waiting_on_its_home_page_and_queue()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);

        var builder = await app.ClientAsAsync("demo.thamdinh");
        Assert.Contains("Thẩm định Xã Bảo Hà năm 2026: tiêu chí 1, 2", await PageAsync(builder, "/viec-cho-toi"));
        var queue = await PageAsync(builder, "/tham-dinh");
        Assert.Contains($"/ho-so-de-nghi/{id}#tieu-chi-1", queue);
        Assert.Contains($"/ho-so-de-nghi/{id}#tieu-chi-2", queue);
        Assert.DoesNotContain("#tieu-chi-3", queue);
        Assert.Contains(
            "Thẩm định Xã Bảo Hà năm 2026: tiêu chí 3, 6, 8",
            await PageAsync(await app.ClientAsAsync("demo.thamdinh.nnmt"), "/viec-cho-toi")
        );

        // On the dossier page the department is offered to judge its criteria only.
        var page = await PageAsync(builder, $"/ho-so-de-nghi/{id}");
        Assert.Contains("Nhận xét tiêu chí 1", page);
        Assert.DoesNotContain("Nhận xét tiêu chí 3", page);
        // Submitted, the dossier no longer waits for the commune (its recommendations to answer still do).
        var commune = await PageAsync(await app.ClientAsAsync("demo.xa"), "/viec-cho-toi");
        Assert.DoesNotContain("Hoàn thiện và nộp hồ sơ Xã Bảo Hà năm 2026", commune);
        Assert.DoesNotContain($"/ho-so-de-nghi/{id}\"", commune[commune.IndexOf("Việc chờ tôi", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task The_board_groups_dossiers_by_state_and_another_province_sees_neither_the_board_entry_nor_the_dossier()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        var board = await PageAsync(await app.ClientAsAsync("demo.dieuphoi"), "/ho-so-de-nghi");
        Assert.Contains("Đã nộp, đang thẩm định (1)", board);
        Assert.Contains($"/ho-so-de-nghi/{id}", board);

        var admin = await app.ClientAsAsync("demo.admin");
        (
            await admin.PostAsJsonAsync(
                "/api/v1/users",
                new
                {
                    userName = "dieuphoi.hanoi",
                    password = "Mat-khau-2026",
                    displayName = "VPĐP Hà Nội",
                    role = "coordinator",
                    unitCode = "01",
                }
            )
        ).EnsureSuccessStatusCode();
        var other = await app.ClientAsAsync("dieuphoi.hanoi", "Mat-khau-2026");
        Assert.Contains("Chưa có hồ sơ đề nghị nào", await PageAsync(other, "/ho-so-de-nghi"));
        Assert.Contains("Không có quyền truy cập", await PageAsync(other, $"/ho-so-de-nghi/{id}"));
    }
}
