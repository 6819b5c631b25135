using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Departments;

/// <summary>
/// The department registry of a province (DESIGN §9, decision 0020): dated, seeded with the departments of Decree 45/2025
/// and those it abolished; kept by the province's coordination office; the only names an appraiser, a criterion or a
/// recommendation can give a department.
/// </summary>
public sealed class DepartmentsApiTests
{
    private const string LaoCai = "15",
        HaNoi = "01",
        BaoHa = "02989";

    private static DateOnly Today => Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<Dictionary<string, JsonElement>> DepartmentsAsync(HttpClient client, string province, string? asOf = null) =>
        (await JsonAsync(await client.GetAsync($"/api/v1/provinces/{province}/departments{(asOf is null ? "" : $"?asOf={asOf}")}")))
            .EnumerateArray()
            .ToDictionary(d => d.GetProperty("code").GetString()!);

    [Fact]
    public async Task Before_1_March_2025_a_province_has_the_departments_Decree_45_abolished_and_after_it_the_twelve_uniform_ones()
    {
        await using var app = await MtqgApp.StartAsync();
        var anyone = app.CreateClient();

        var before = await DepartmentsAsync(anyone, LaoCai, "2025-02-28");
        Assert.Equal("Sở Thông tin và Truyền thông", before["STTTT"].GetProperty("name").GetString());
        Assert.Equal("2025-02-28", before["STTTT"].GetProperty("validTo").GetString());
        Assert.Equal("SKHCN", before["STTTT"].GetProperty("successorCode").GetString());
        Assert.Equal("SNNMT", before["SLDTBXH"].GetProperty("successorCode").GetString());
        Assert.Equal("STC", before["SKHDT"].GetProperty("successorCode").GetString());
        Assert.Contains("SXD", before.Keys);
        Assert.DoesNotContain("SNNMT", before.Keys);

        var after = await DepartmentsAsync(anyone, LaoCai, "2025-03-01");
        Assert.Equal(
            ["SCT", "SGDDT", "SKHCN", "SNNMT", "SNV", "STC", "STP", "SVHTTDL", "SXD", "SYT", "TTRA", "VPUBND"],
            after.Keys.Order(StringComparer.Ordinal)
        );
        Assert.Equal("2025-03-01", after["SNNMT"].GetProperty("validFrom").GetString());
        Assert.Equal(JsonValueKind.Null, after["SXD"].GetProperty("validFrom").ValueKind);
        Assert.Equal(after.Keys.Order(), (await DepartmentsAsync(anyone, HaNoi)).Keys.Order()); // today, in every province alike

        await ProblemAssert.IsProblemAsync(await anyone.GetAsync("/api/v1/provinces/99/departments"), HttpStatusCode.NotFound);
        var badDate = await ProblemAssert.IsProblemAsync(
            await anyone.GetAsync("/api/v1/provinces/15/departments?asOf=28/02/2025"),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("asOf", badDate.GetRawText());
    }

    [Fact]
    public async Task A_department_merged_into_another_hands_it_its_open_recommendations_and_appraiser_accounts()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        await JsonAsync(
            await office.Client.PostAsJsonAsync(
                "/api/v1/provinces/15/departments",
                new
                {
                    code = "sdttg",
                    name = "Sở Dân tộc và Tôn giáo",
                    validFrom = "2025-03-01",
                }
            ),
            HttpStatusCode.Created
        );
        var appraiser = await given.Account(Roles.Appraiser, unit: LaoCai, sector: "Sở Dân tộc và Tôn giáo");
        var agency = await given.Account(Roles.Agency, unit: LaoCai, sector: "Sở Tài chính");
        await given.Assignment(await given.Administrator(), LaoCai, "Sở Tài chính", [BaoHa], Today.AddYears(-1), Today.AddYears(1));
        await JsonAsync(
            await agency.Client.PostAsJsonAsync(
                "/api/v1/visits",
                new
                {
                    date = Today.ToString("yyyy-MM-dd"),
                    communeCode = BaoHa,
                    participants = new[] { "Phó Giám đốc Sở Tài chính" },
                    content = "Làm việc về giảm nghèo",
                    recommendations = new[]
                    {
                        new
                        {
                            text = "Hướng dẫn chính sách vùng đồng bào dân tộc",
                            responsible = "department",
                            sector = "SDTTG",
                        },
                    },
                }
            ),
            HttpStatusCode.Created
        );
        var raised = (await JsonAsync(await office.Client.GetAsync($"/api/v1/recommendations?commune={BaoHa}"))).EnumerateArray().Single();
        Assert.Equal(
            ("SDTTG", "Sở Dân tộc và Tôn giáo"),
            (raised.GetProperty("sector").GetString(), raised.GetProperty("responsibleName").GetString())
        );

        var carried = await JsonAsync(
            await office.Client.PutAsJsonAsync(
                "/api/v1/provinces/15/departments/SDTTG",
                new { validTo = Today.AddDays(-1).ToString("yyyy-MM-dd"), successorCode = "SNV" }
            )
        );
        Assert.Equal((1, 1), (carried.GetProperty("recommendations").GetInt32(), carried.GetProperty("accounts").GetInt32()));

        var moved = (await JsonAsync(await office.Client.GetAsync($"/api/v1/recommendations?commune={BaoHa}"))).EnumerateArray().Single();
        Assert.Equal(("SNV", "Sở Nội vụ"), (moved.GetProperty("sector").GetString(), moved.GetProperty("responsibleName").GetString()));
        var users = (await JsonAsync(await (await given.Administrator()).GetAsync("/api/v1/users"))).EnumerateArray();
        Assert.Equal(
            "SNV",
            users.Single(u => u.GetProperty("userName").GetString() == appraiser.UserName).GetProperty("sector").GetString()
        );
        // The account's sign-in named the old department: it is signed out, and signs in again as Sở Nội vụ.
        Assert.Equal(HttpStatusCode.Unauthorized, (await appraiser.Client.GetAsync("/api/v1/plans?province=15")).StatusCode);
        var today = await DepartmentsAsync(office.Client, LaoCai);
        Assert.DoesNotContain("SDTTG", today.Keys);
        var yesterday = await DepartmentsAsync(office.Client, LaoCai, Today.AddDays(-1).ToString("yyyy-MM-dd"));
        Assert.Equal("SNV", yesterday["SDTTG"].GetProperty("successorCode").GetString());

        // A recommendation of today cannot be addressed to it any more.
        var late = await ProblemAssert.IsProblemAsync(
            await agency.Client.PostAsJsonAsync(
                "/api/v1/visits",
                new
                {
                    date = Today.ToString("yyyy-MM-dd"),
                    communeCode = BaoHa,
                    participants = new[] { "Phó Giám đốc Sở Tài chính" },
                    content = "Làm việc lần hai",
                    recommendations = new[]
                    {
                        new
                        {
                            text = "Hỗ trợ",
                            responsible = "department",
                            sector = "SDTTG",
                        },
                    },
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("recommendations[0].sector", late.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Criteria_of_a_submitted_dossier_waiting_for_a_merged_department_are_appraised_by_its_successor()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await Recognition.Recognition.SubmittedAsync(app);
        var office = await app.ClientAsAsync("demo.dieuphoi");
        // Criterion 5 of the demo set is Sở Văn hóa, Thể thao và Du lịch's; merged into Sở Nội vụ from today.
        var carried = await JsonAsync(
            await office.PutAsJsonAsync(
                "/api/v1/provinces/15/departments/SVHTTDL",
                new { validTo = Today.AddDays(-1).ToString("yyyy-MM-dd"), successorCode = "SNV" }
            )
        );
        Assert.Equal((1, 1), (carried.GetProperty("dossierCriteria").GetInt32(), carried.GetProperty("accounts").GetInt32()));
        var noivu = await app.ClientAsAsync("demo.thamdinh.noivu");
        await Recognition.Recognition.OkAsync(await Recognition.Recognition.AppraiseAsync(noivu, id, 5, comment: "Đạt"));
        var dossier = await JsonAsync(await office.GetAsync($"/api/v1/dossiers/{id}"));
        var fifth = dossier.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("number").GetInt32() == 5);
        Assert.Equal("SNV", fifth.GetProperty("sector").GetString());
    }

    [Fact]
    public async Task A_renamed_department_keeps_its_code_and_work_and_the_trail_records_the_old_and_new_name()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        var appraiser = await given.Account(Roles.Appraiser, unit: LaoCai, sector: "SXD");
        var renamed = await JsonAsync(
            await office.Client.PutAsJsonAsync("/api/v1/provinces/15/departments/SXD", new { name = "Sở Xây dựng và Giao thông" })
        );
        Assert.Equal(0, renamed.GetProperty("accounts").GetInt32());
        Assert.Equal("Sở Xây dựng và Giao thông", (await DepartmentsAsync(office.Client, LaoCai))["SXD"].GetProperty("name").GetString());
        Assert.Equal("Sở Xây dựng", (await DepartmentsAsync(office.Client, HaNoi))["SXD"].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, (await appraiser.Client.GetAsync("/api/v1/plans?province=15")).StatusCode);
        // The new name is read as the code too.
        await given.Account(Roles.Appraiser, unit: LaoCai, sector: "sở xây dựng và giao thông");

        var trail = await JsonAsync(await office.Client.GetAsync($"/api/v1/audit?unit=15&entity=Department&user={office.UserName}"));
        var entry = Assert.Single(trail.GetProperty("items").EnumerateArray());
        Assert.Equal(
            ("Tên: Sở Xây dựng", "Tên: Sở Xây dựng và Giao thông"),
            (entry.GetProperty("oldValue").GetString(), entry.GetProperty("newValue").GetString())
        );
    }

    [Fact]
    public async Task The_office_of_another_province_may_neither_add_nor_change_a_department_and_bad_input_names_its_field()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var hanoi = await given.Account(Roles.Coordinator, unit: HaNoi);
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        await ProblemAssert.IsProblemAsync(
            await hanoi.Client.PostAsJsonAsync("/api/v1/provinces/15/departments", new { code = "SDTTG", name = "Sở Dân tộc và Tôn giáo" }),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(
            await hanoi.Client.PutAsJsonAsync("/api/v1/provinces/15/departments/SXD", new { name = "Sở khác" }),
            HttpStatusCode.Forbidden
        );
        var invalid = await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync("/api/v1/provinces/15/departments", new { code = "Sở mới", name = "Sở Xây dựng" }),
            HttpStatusCode.BadRequest
        );
        var errors = invalid.GetProperty("errors");
        Assert.Contains("chữ in hoa", errors.GetProperty("code")[0].GetString());
        Assert.Contains("SXD", errors.GetProperty("name")[0].GetString());
        var merger = await ProblemAssert.IsProblemAsync(
            await office.Client.PutAsJsonAsync(
                "/api/v1/provinces/15/departments/SXD",
                new { validTo = "2026-06-30", successorCode = "STTTT" }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("không phải sở, ngành của tỉnh 15", merger.GetProperty("errors").GetProperty("successorCode")[0].GetString());
        await ProblemAssert.IsProblemAsync(
            await office.Client.PutAsJsonAsync("/api/v1/provinces/15/departments/XYZ", new { name = "Sở X" }),
            HttpStatusCode.NotFound
        );
    }

    [Fact]
    public async Task Free_text_is_refused_for_an_appraiser_a_recommendation_and_a_criterion_naming_the_field_and_the_nearest_departments()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var admin = await given.Administrator();

        var appraiser = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/users",
                new
                {
                    userName = "tham.xaydung",
                    password = "Mat-khau-2026",
                    displayName = "Thẩm định",
                    role = "appraiser",
                    unitCode = LaoCai,
                    sector = "Xây dựng",
                }
            ),
            HttpStatusCode.BadRequest
        );
        var message = appraiser.GetProperty("errors").GetProperty("sector")[0].GetString()!;
        Assert.Contains("\"Xây dựng\" không phải sở, ngành của tỉnh 15", message);
        Assert.Contains("SXD (Sở Xây dựng)", message);

        var agency = await given.Account(Roles.Agency, unit: LaoCai, sector: "Sở Tài chính");
        await given.Assignment(admin, LaoCai, "Sở Tài chính", [BaoHa], Today.AddYears(-1), Today.AddYears(1));
        var visit = await ProblemAssert.IsProblemAsync(
            await agency.Client.PostAsJsonAsync(
                "/api/v1/visits",
                new
                {
                    date = Today.ToString("yyyy-MM-dd"),
                    communeCode = BaoHa,
                    participants = new[] { "Phó Giám đốc" },
                    content = "Làm việc",
                    recommendations = new[]
                    {
                        new
                        {
                            text = "Hướng dẫn nâng cấp đường",
                            responsible = "department",
                            sector = "Xây dựng",
                        },
                    },
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("SXD (Sở Xây dựng)", visit.GetProperty("errors").GetProperty("recommendations[0].sector")[0].GetString());

        var set = new
        {
            code = "THU-SO",
            name = "Bộ thử",
            validFrom = 2026,
            validTo = 2030,
            levels = new[]
            {
                new
                {
                    code = "NTM",
                    name = "Nông thôn mới",
                    rank = 1,
                },
            },
            criteria = new[]
            {
                new
                {
                    number = 1,
                    code = "TC01",
                    name = "Giao thông",
                    responsibleSector = "Xây dựng",
                    indicators = new[]
                    {
                        new
                        {
                            code = "1.1",
                            name = "Đường",
                            type = "boolean",
                            rule = "achieved",
                            thresholds = new[] { new { level = "NTM", value = (object)true } },
                        },
                    },
                },
            },
        };
        var criteria = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/criteria-sets", set),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("SXD (Sở Xây dựng)", criteria.GetProperty("errors").GetProperty("criteria[0].responsibleSector")[0].GetString());
    }

    [Fact]
    public async Task The_national_2021_2025_set_names_today_s_department_where_its_source_names_the_sector_and_none_elsewhere()
    {
        await using var app = await MtqgApp.StartAsync();
        var set = await JsonAsync(await app.CreateClient().GetAsync("/api/v1/criteria-sets/VN-NTM-XA-2021-2025"));
        var sectors = set.GetProperty("criteria")
            .EnumerateArray()
            .ToDictionary(
                c => c.GetProperty("number").GetInt32(),
                c => c.TryGetProperty("responsibleSector", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null
            );
        Assert.Equal(19, sectors.Count);
        Assert.Equal(
            new Dictionary<int, string?>
            {
                [8] = "SKHCN",
                [13] = "SNNMT",
                [17] = "SNNMT",
            },
            sectors.Where(s => s.Value is not null).ToDictionary()
        );
        // Names a criteria set gives are read as codes: an exported set imports again unchanged.
        Assert.Equal("SKHCN", sectors[8]);
    }
}
