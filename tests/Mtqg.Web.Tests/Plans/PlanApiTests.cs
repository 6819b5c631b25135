using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;
using Mtqg.Web.Tests.Recognition;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Plans;

/// <summary>Plans and their targets through the API: progress computed from the evaluation (communes reaching a level)
/// or recorded by the responsible agency (activities), on track or behind against the period, and who may write.</summary>
public sealed class PlanApiTests
{
    private static async Task<int> IdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>A plan of province 15 for the year (2026 unless said), signed on its first day.</summary>
    private static async Task<int> PlanAsync(HttpClient coordinator, string number = "12/KH-BCĐ", int year = 2026) =>
        await IdAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/plans",
                new
                {
                    provinceCode = "15",
                    number,
                    issuer = "Ban Chỉ đạo tỉnh",
                    issuedOn = $"{year}-01-01",
                    periodFrom = $"{year}-01-01",
                    periodTo = $"{year}-12-31",
                    title = $"Kế hoạch năm {year}",
                }
            )
        );

    private static async Task<int> TargetAsync(HttpClient coordinator, int plan, object target) =>
        await IdAsync(await coordinator.PostAsJsonAsync($"/api/v1/plans/{plan}/targets", target));

    private static async Task<JsonElement> TargetOfAsync(HttpClient client, int plan, int target, string asOf = "2026-12-31")
    {
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{plan}?asOf={asOf}");
        return view.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == target);
    }

    [Fact]
    public async Task A_count_target_counts_the_communes_recognised_by_decision_that_year_with_the_pipeline_beside_it()
    {
        // The current year's plan: a decision can be signed no earlier than its dossier's submission, which is today.
        var year = Recognition.Recognition.ThisYear;
        var yearEnd = $"{year}-12-31";
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var plan = await PlanAsync(coordinator, year: year);
        var target = await TargetAsync(
            coordinator,
            plan,
            new
            {
                kind = "communeCount",
                name = $"Xã đạt chuẩn NTM năm {year}",
                level = "NTM",
                year,
                goal = 400,
            }
        );

        var before = await TargetOfAsync(coordinator, plan, target, yearEnd);

        // No decision yet: nothing counts, whatever the evaluation says; the pipeline comes from the evaluation.
        Assert.Equal((0m, 0), (before.GetProperty("achieved").GetDecimal(), before.GetProperty("counted").GetArrayLength()));
        Assert.Equal("đạt theo quyết định công nhận", before.GetProperty("source").GetString());
        Assert.Equal("behind", before.GetProperty("state").GetString());
        var pipeline = before.GetProperty("pipeline").EnumerateArray().ToList();
        Assert.NotEmpty(pipeline);
        Assert.All(pipeline, p => Assert.InRange(p.GetProperty("missingCriteria").GetArrayLength(), 1, 2));

        // Bảo Hà goes through the whole process: the decision, signed today, counts it (from that day on).
        var dossier = await Recognition.Recognition.SubmittedAsync(app, year);
        await Recognition.Recognition.AppraiseAllAsync(app, dossier);
        await Recognition.Recognition.OkAsync(await Recognition.Recognition.CouncilAsync(coordinator, dossier));
        await Recognition.Recognition.OkAsync(
            await Recognition.Recognition.DecisionAsync(coordinator, "1234/QĐ-UBND", dossier),
            HttpStatusCode.Created
        );
        var after = await TargetOfAsync(coordinator, plan, target, yearEnd);
        var dayBefore = await TargetOfAsync(coordinator, plan, target, Recognition.Recognition.Today.AddDays(-1).Iso());

        Assert.Equal(1m, after.GetProperty("achieved").GetDecimal());
        Assert.Equal([BaoHa], after.GetProperty("counted").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.DoesNotContain(after.GetProperty("pipeline").EnumerateArray(), c => c.GetProperty("code").GetString() == BaoHa);
        Assert.Equal(0m, dayBefore.GetProperty("achieved").GetDecimal());
    }

    [Fact]
    public async Task A_named_commune_target_is_done_once_the_commune_is_recognised_and_missed_when_the_year_ends_without_it()
    {
        var year = Recognition.Recognition.ThisYear;
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var plan = await PlanAsync(coordinator, year: year);
        var target = await TargetAsync(
            coordinator,
            plan,
            new
            {
                kind = "namedCommune",
                name = "Xã Bảo Hà đạt chuẩn NTM",
                level = "NTM",
                year,
                communeCode = BaoHa,
            }
        );

        var notYet = await TargetOfAsync(coordinator, plan, target, Recognition.Recognition.Today.Iso());
        var missed = await TargetOfAsync(coordinator, plan, target, $"{year + 1}-01-05");

        Assert.Equal(("notYet", 0m), (notYet.GetProperty("state").GetString(), notYet.GetProperty("achieved").GetDecimal()));
        Assert.Equal("missed", missed.GetProperty("state").GetString());
        Assert.Contains("Xã Bảo Hà", notYet.GetProperty("communeName").GetString());

        var dossier = await Recognition.Recognition.SubmittedAsync(app, year);
        await Recognition.Recognition.AppraiseAllAsync(app, dossier);
        await Recognition.Recognition.OkAsync(await Recognition.Recognition.CouncilAsync(coordinator, dossier));
        await Recognition.Recognition.OkAsync(
            await Recognition.Recognition.DecisionAsync(coordinator, "1234/QĐ-UBND", dossier),
            HttpStatusCode.Created
        );
        var done = await TargetOfAsync(coordinator, plan, target, $"{year}-12-31");

        Assert.Equal(("done", 1m), (done.GetProperty("state").GetString(), done.GetProperty("achieved").GetDecimal()));
        Assert.Contains(
            Recognition.Recognition.Today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            done.GetProperty("summary").GetString()
        );
    }

    [Fact]
    public async Task An_activity_is_recorded_by_its_agency_with_a_history_and_judged_against_the_period()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var agency = await app.ClientAsAsync("demo.giupdo");
        var plan = await PlanAsync(coordinator);
        var target = await TargetAsync(
            coordinator,
            plan,
            new
            {
                kind = "activity",
                name = "Tập huấn tổ công nghệ số",
                unit = "lớp",
                goal = 10,
                agency = "Sở Tài chính",
            }
        );

        Assert.Equal(
            HttpStatusCode.Created,
            (
                await agency.PostAsJsonAsync(
                    $"/api/v1/plans/{plan}/targets/{target}/progress",
                    new
                    {
                        date = "2026-02-01",
                        amount = 3,
                        evidence = "Biên bản lớp 1–3",
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await agency.PostAsJsonAsync($"/api/v1/plans/{plan}/targets/{target}/progress", new { date = "2026-03-01", amount = 2 })
            ).StatusCode
        );

        var march = await TargetOfAsync(agency, plan, target, "2026-03-15");
        var december = await TargetOfAsync(agency, plan, target, "2026-12-31");

        Assert.Equal(
            (5m, 50m, "onTrack"),
            (march.GetProperty("achieved").GetDecimal(), march.GetProperty("percent").GetDecimal(), march.GetProperty("state").GetString())
        );
        Assert.Equal(("behind", 100m), (december.GetProperty("state").GetString(), december.GetProperty("expectedPercent").GetDecimal()));
        var updates = march.GetProperty("updates").EnumerateArray().ToList();
        Assert.Equal(["2026-03-01", "2026-02-01"], updates.Select(u => u.GetProperty("date").GetString()));
        Assert.All(updates, u => Assert.Contains("Sở Tài chính", u.GetProperty("by").GetString()));
        Assert.Equal("Biên bản lớp 1–3", updates[1].GetProperty("evidence").GetString());
    }

    [Fact]
    public async Task A_per_commune_activity_counts_the_communes_whose_latest_value_reaches_their_goal()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var plan = await PlanAsync(coordinator);
        var target = await TargetAsync(
            coordinator,
            plan,
            new
            {
                kind = "activity",
                name = "Mã địa chỉ bưu chính 100% hộ",
                unit = "%",
                scope = "perCommune",
                mode = "latestValue",
                communes = new[] { new { code = BaoHa, goal = 100 }, new { code = BaoNhai, goal = 100 } },
            }
        );
        async Task Record(string date, decimal amount, string commune) =>
            Assert.Equal(
                HttpStatusCode.Created,
                (
                    await coordinator.PostAsJsonAsync(
                        $"/api/v1/plans/{plan}/targets/{target}/progress",
                        new
                        {
                            date,
                            amount,
                            communeCode = commune,
                        }
                    )
                ).StatusCode
            );
        await Record("2026-03-01", 60, BaoHa);
        await Record("2026-05-01", 100, BaoHa);
        await Record("2026-05-01", 70, BaoNhai);

        var view = await TargetOfAsync(coordinator, plan, target, "2026-06-01");

        Assert.Equal((1m, 2m), (view.GetProperty("achieved").GetDecimal(), view.GetProperty("goal").GetDecimal()));
        var communes = view.GetProperty("communes")
            .EnumerateArray()
            .ToDictionary(
                c => c.GetProperty("code").GetString()!,
                c => (c.GetProperty("achieved").GetDecimal(), c.GetProperty("done").GetBoolean())
            );
        Assert.Equal((100m, true), communes[BaoHa]);
        Assert.Equal((70m, false), communes[BaoNhai]);
    }

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
