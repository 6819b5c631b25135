using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Money.CapitalPlanApiTests;

namespace Mtqg.Web.Tests.Money;

/// <summary>
/// Projects (DESIGN §11, issue 14 item 3): created and corrected whole, each refusal named with nothing written, corrected
/// from the version read (412 otherwise); the province's coordination office and finance department write.
/// </summary>
public sealed class ProjectsApiTests
{
    internal const string LaoCai = "15",
        BaoHa = "02989",
        SocSon = "00376";

    /// <summary>A valid production-support project of Lào Cai, investor Xã Bảo Hà, 1.5 billion đồng from two sources.</summary>
    internal static Dictionary<string, object?> Project(string name = "Chuỗi giá trị quế Bảo Hà") =>
        new()
        {
            ["provinceCode"] = LaoCai,
            ["name"] = name,
            ["kind"] = "production-support",
            ["programme"] = "gnbv-2021-2025",
            ["component"] = "2",
            ["investor"] = new { communeCode = BaoHa },
            ["communes"] = new[] { BaoHa },
            ["startYear"] = 2024,
            ["endYear"] = 2025,
            ["approvedTotal"] = 1_500_000_000L,
            ["sources"] = new object[]
            {
                new { source = "central-recurrent", amount = 1_200_000_000L },
                new { source = "local", amount = 300_000_000L },
            },
            ["beneficiaries"] = new
            {
                households = 120,
                poor = 40,
                nearPoor = 30,
                ethnicMinority = 90,
                escapedPoverty = 12,
            },
            ["criteria"] = new[] { 10, 13 },
        };

    internal static async Task<int> CreateAsync(HttpClient client, Dictionary<string, object?> project)
    {
        var created = await JsonAsync(await client.PostAsJsonAsync("/api/v1/projects", project), HttpStatusCode.Created);
        return created.GetProperty("id").GetInt32();
    }

    private static async Task<int> CountAsync(MtqgApp app)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).Projects.CountAsync();
    }

    [Fact]
    public async Task A_project_is_created_and_read_back_with_its_sources_beneficiaries_communes_and_criteria()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var id = await CreateAsync(office.Client, Project());

        var response = await office.Client.GetAsync($"/api/v1/projects/{id}");
        var project = await JsonAsync(response);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal("Chuỗi giá trị quế Bảo Hà", project.GetProperty("name").GetString());
        Assert.Equal(BaoHa, project.GetProperty("investor").GetProperty("communeCode").GetString());
        Assert.Contains("Bảo Hà", project.GetProperty("investor").GetProperty("name").GetString());
        Assert.Equal(1_200_000_000L, project.GetProperty("sources")[0].GetProperty("amount").GetInt64());
        Assert.Equal(40, project.GetProperty("beneficiaries").GetProperty("poor").GetInt32());
        Assert.Equal([10, 13], project.GetProperty("criteria").EnumerateArray().Select(c => c.GetInt32()));

        var list = await JsonAsync(await office.Client.GetAsync($"/api/v1/projects?province={LaoCai}&year=2025&commune={BaoHa}"));
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var outOfYears = await JsonAsync(await office.Client.GetAsync($"/api/v1/projects?province={LaoCai}&year=2023"));
        Assert.Equal(0, outOfYears.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Each_refusal_names_its_field_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var cases = new (string Field, string Says, Action<Dictionary<string, object?>> Spoil)[]
        {
            ("sources", "khác tổng mức", p => p["approvedTotal"] = 1_600_000_000L),
            ("programme", "Không có chương trình", p => p["programme"] = "khong-co"),
            ("component", "không có nội dung thành phần", p => p["component"] = "99"),
            ("sources[1].source", "không có", p =>
                p["sources"] = new object[]
                {
                    new { source = "central-recurrent", amount = 1_200_000_000L },
                    new { source = "vang", amount = 300_000_000L },
                }
            ),
            ("investor.departmentCode", "không phải sở, ngành của tỉnh 15", p => p["investor"] = new { departmentCode = "SKHONGCO" }),
            ("investor.communeCode", "không phải xã đang có hiệu lực của tỉnh 15", p => p["investor"] = new { communeCode = SocSon }),
            ("communes[1]", "không phải xã đang có hiệu lực của tỉnh 15", p => p["communes"] = new[] { BaoHa, SocSon }),
            ("beneficiaries.poor", "lớn hơn số hộ hưởng lợi", p => p["beneficiaries"] = new { households = 10, poor = 11 }),
            ("kind", "Loại dự án", p => p["kind"] = "road"),
            ("endYear", "trước năm bắt đầu", p => p["endYear"] = 2023),
            ("sources[0].amount", "âm", p => p["sources"] = new object[] { new { source = "local", amount = -1L } }),
        };
        foreach (var (field, says, spoil) in cases)
        {
            var project = Project();
            spoil(project);
            var refused = await JsonAsync(await office.Client.PostAsJsonAsync("/api/v1/projects", project), HttpStatusCode.BadRequest);
            var errors = refused.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"{field}: {errors}");
            Assert.Contains(says, messages[0].GetString());
        }
        Assert.Equal(0, await CountAsync(app));
    }

    [Fact]
    public async Task A_correction_from_an_old_version_is_refused_with_412_and_the_province_is_kept()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var id = await CreateAsync(office.Client, Project());
        var etag = (await office.Client.GetAsync($"/api/v1/projects/{id}")).Headers.ETag!;

        async Task<HttpResponseMessage> Put(EntityTagHeaderValue tag, string name)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/projects/{id}") { Content = JsonContent.Create(Project(name)) };
            request.Headers.IfMatch.Add(tag);
            return await office.Client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await Put(etag, "Chuỗi giá trị quế Bảo Hà (điều chỉnh)")).StatusCode);
        var stale = await Put(etag, "Tên khác");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var project = await JsonAsync(await office.Client.GetAsync($"/api/v1/projects/{id}"));
        Assert.Equal("Chuỗi giá trị quế Bảo Hà (điều chỉnh)", project.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_finance_department_writes_the_province_projects_and_other_departments_and_provinces_do_not()
    {
        await using var app = await MtqgApp.StartAsync();
        var finance = await app.Given().Account(Roles.Appraiser, unit: LaoCai, sector: "STC");
        var construction = await app.Given().Account(Roles.Appraiser, unit: LaoCai, sector: "SXD");
        var hanoi = await app.Given().Account(Roles.Coordinator, unit: "01");
        var commune = await app.Given().Account(Roles.Commune, unit: BaoHa);
        var other = await app.Given().Account(Roles.Commune, unit: "02680");

        var id = await CreateAsync(finance.Client, Project());
        Assert.Equal(HttpStatusCode.Forbidden, (await construction.Client.PostAsJsonAsync("/api/v1/projects", Project())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hanoi.Client.PostAsJsonAsync("/api/v1/projects", Project())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commune.Client.PostAsJsonAsync("/api/v1/projects", Project())).StatusCode);
        Assert.Equal(1, await CountAsync(app));

        // The investor commune reads its project; another commune of the province does not.
        Assert.Equal(HttpStatusCode.OK, (await commune.Client.GetAsync($"/api/v1/projects/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync($"/api/v1/projects/{id}")).StatusCode);
        var seen = await JsonAsync(await other.Client.GetAsync($"/api/v1/projects?province={LaoCai}"));
        Assert.Equal(0, seen.GetProperty("total").GetInt32());
    }
}
