using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;
using Mtqg.Web.Tests.Recognition;

namespace Mtqg.Web.Tests.Plans;

/// <summary>PlanApiTests, continued: refusals, agencies' updates, the signed plan and the demo plan.</summary>
public sealed partial class PlanApiTests
{
    [Fact]
    public async Task A_bad_target_is_refused_naming_every_field_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var plan = await PlanAsync(coordinator);

        var response = await coordinator.PostAsJsonAsync(
            $"/api/v1/plans/{plan}/targets",
            new
            {
                kind = "activity",
                name = "Mạng LAN",
                goal = 0,
                scope = "perCommune",
                mode = "sometimes",
                communes = new[] { new { code = "99999", goal = 1 } },
            }
        );

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.Errors(problem, "unit"));
        Assert.NotEmpty(ProblemAssert.Errors(problem, "mode"));
        Assert.Contains("99999", ProblemAssert.Errors(problem, "communes[0]").Single());
        var view = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{plan}");
        Assert.Equal(0, view.GetProperty("targets").GetArrayLength());
    }

    [Fact]
    public async Task A_bad_plan_and_a_bad_progress_update_list_every_problem()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var plan = await coordinator.PostAsJsonAsync(
            "/api/v1/plans",
            new
            {
                provinceCode = "15",
                number = "",
                issuedOn = "2026-01-05",
                periodFrom = "2026-06-01",
                periodTo = "2026-01-01",
            }
        );
        var problem = await ProblemAssert.IsProblemAsync(plan, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "number", "issuer", "title", "periodTo" })
            Assert.NotEmpty(ProblemAssert.Errors(problem, field));

        Assert.NotEmpty(
            ProblemAssert.Errors(
                await ProblemAssert.IsProblemAsync(await coordinator.GetAsync("/api/v1/plans"), HttpStatusCode.BadRequest),
                "province"
            )
        );

        var id = await PlanAsync(coordinator);
        var target = await TargetAsync(
            coordinator,
            id,
            new
            {
                kind = "activity",
                name = "Tập huấn",
                unit = "lớp",
                goal = 5,
            }
        );
        var update = await coordinator.PostAsJsonAsync(
            $"/api/v1/plans/{id}/targets/{target}/progress",
            new { date = "2025-12-01", amount = -1 }
        );
        var refused = await ProblemAssert.IsProblemAsync(update, HttpStatusCode.BadRequest);
        Assert.Contains("kỳ kế hoạch", ProblemAssert.Errors(refused, "date").Single());
        Assert.NotEmpty(ProblemAssert.Errors(refused, "amount"));
        Assert.Equal(0, (await TargetOfAsync(coordinator, id, target)).GetProperty("updates").GetArrayLength());
    }

    [Fact]
    public async Task Only_the_responsible_agency_records_an_activity_and_computed_targets_take_no_updates()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var agency = await app.ClientAsAsync("demo.giupdo");
        var plan = await PlanAsync(coordinator);
        var other = await TargetAsync(
            coordinator,
            plan,
            new
            {
                kind = "activity",
                name = "Mạng LAN",
                unit = "xã",
                goal = 10,
                agency = "Sở Khoa học và Công nghệ",
            }
        );
        var count = await TargetAsync(
            coordinator,
            plan,
            new
            {
                kind = "communeCount",
                name = "Xã đạt chuẩn",
                level = "NTM",
                year = 2026,
                goal = 10,
            }
        );

        var refused = await agency.PostAsJsonAsync(
            $"/api/v1/plans/{plan}/targets/{other}/progress",
            new { date = "2026-02-01", amount = 1 }
        );
        var computed = await coordinator.PostAsJsonAsync(
            $"/api/v1/plans/{plan}/targets/{count}/progress",
            new { date = "2026-02-01", amount = 1 }
        );
        var newPlan = await agency.PostAsJsonAsync(
            "/api/v1/plans",
            new
            {
                provinceCode = "15",
                number = "1/KH",
                issuer = "x",
                issuedOn = "2026-01-05",
                periodFrom = "2026-01-01",
                periodTo = "2026-12-31",
                title = "x",
            }
        );

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(computed, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(newPlan, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_signed_plan_is_stored_and_streamed_back_and_a_file_of_another_type_is_refused()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var plan = await PlanAsync(coordinator);
        var bytes = Encoding.UTF8.GetBytes("%PDF-1.4 kế hoạch đã ký");

        var wrong = await coordinator.PutAsync(
            $"/api/v1/plans/{plan}/file",
            new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "virus.exe" } }
        );
        var stored = await coordinator.PutAsync(
            $"/api/v1/plans/{plan}/file",
            new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "239-KH-BCD.pdf" } }
        );
        var viewer = await app.ClientAsAsync("demo.xem");
        var back = await viewer.GetAsync($"/api/v1/plans/{plan}/file");

        Assert.Contains(
            "không đúng loại",
            ProblemAssert.Errors(await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.BadRequest), "file").Single()
        );
        Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(bytes, await back.Content.ReadAsByteArrayAsync());
        Assert.Equal(
            "239-KH-BCD.pdf",
            (await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{plan}")).GetProperty("file").GetProperty("name").GetString()
        );
    }

    [Fact]
    public async Task The_demo_plan_has_targets_of_every_kind_and_exports_to_excel()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var viewer = await app.ClientAsAsync("demo.xem");
        var plans = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15");
        var id = plans.EnumerateArray().Single(p => p.GetProperty("number").GetString() == "239/KH-BCĐ").GetProperty("id").GetInt32();

        var plan = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
        var excel = await viewer.GetAsync($"/api/v1/plans/{id}/targets.xlsx");

        Assert.Equal(
            ["activity", "communeCount", "namedCommune"],
            plan.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).Distinct().Order()
        );
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Content.Headers.ContentType?.MediaType);
        var rows = MiniExcelLibs
            .MiniExcel.Query(await excel.Content.ReadAsStreamAsync(), useHeaderRow: true, sheetName: "Mục tiêu")
            .Cast<IDictionary<string, object>>()
            .ToList();
        Assert.Equal(plan.GetProperty("targets").GetArrayLength(), rows.Count);
        Assert.Contains(rows, r =>
            (string)r["Mục tiêu"] == "Tập huấn tổ công nghệ số cộng đồng" && (string)r["Đơn vị thực hiện"] == "Sở Tài chính"
        );
    }

    [Fact]
    public async Task A_plan_signed_after_today_is_refused_naming_the_signing_date_on_the_api_and_on_the_page()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi", followRedirects: false);
        var tomorrow = Recognition.Recognition.Today.AddDays(1);
        var shown = tomorrow.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var before = (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15")).GetArrayLength();

        var api = await coordinator.PostAsJsonAsync(
            "/api/v1/plans",
            new
            {
                provinceCode = "15",
                number = "30/KH-BCĐ",
                issuer = "Ban Chỉ đạo tỉnh",
                issuedOn = tomorrow.Iso(),
                periodFrom = "2026-01-01",
                periodTo = "2026-12-31",
                title = "Kế hoạch ký trước",
            }
        );
        var page = await coordinator.PostFormAsync(
            "/tinh/15/ke-hoach",
            "new-plan",
            ("number", "30/KH-BCĐ"),
            ("issuedOn", tomorrow.Iso()),
            ("issuer", "Ban Chỉ đạo tỉnh"),
            ("title", "Kế hoạch ký trước"),
            ("periodFrom", "2026-01-01"),
            ("periodTo", "2026-12-31")
        );

        var problem = await ProblemAssert.IsProblemAsync(api, HttpStatusCode.BadRequest);
        Assert.StartsWith(
            $"Ngày ban hành ({shown}) không được sau ngày hôm nay (",
            Assert.Single(ProblemAssert.Errors(problem, "issuedOn"))
        );
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains($"Ngày ban hành ({shown}) không được sau ngày hôm nay", html);
        Assert.Contains("value=\"30/KH-BCĐ\"", html);
        Assert.Contains("Kế hoạch ký trước</textarea>", html);
        Assert.Equal(before, (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15")).GetArrayLength());
    }
}
