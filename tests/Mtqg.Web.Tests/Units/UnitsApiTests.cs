using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Units;

public sealed class UnitsApiTests
{
    private sealed record Unit(string Code, string Name, string FullName, string Level, string Kind, string? ParentCode);

    [Theory]
    [InlineData("2026-11-26", 34, 3321)]
    [InlineData("2025-07-01", 34, 3321)]
    [InlineData("2025-06-30", 63, 10035)]
    public async Task Units_in_force_are_counted_as_the_reform_left_them(string asOf, int provinces, int communes)
    {
        await using var app = await MtqgApp.StartAsync();
        var client = app.CreateClient();
        Assert.Equal(provinces, (await client.GetFromJsonAsync<Unit[]>($"/api/v1/units?level=province&asOf={asOf}"))!.Length);
        Assert.Equal(communes, (await client.GetFromJsonAsync<Unit[]>($"/api/v1/units?level=commune&asOf={asOf}"))!.Length);
    }

    [Fact]
    public async Task After_the_reform_there_are_2621_xa_687_phuong_and_13_dac_khu_and_in_2026_ten_xa_of_Dong_Nai_became_phuong()
    {
        await using var app = await MtqgApp.StartAsync();
        var client = app.CreateClient();
        var july2025 = (await client.GetFromJsonAsync<Unit[]>("/api/v1/units?level=commune&asOf=2025-07-01"))!;
        Assert.Equal(2621, july2025.Count(u => u.Kind == "xa"));
        Assert.Equal(687, july2025.Count(u => u.Kind == "phuong"));
        Assert.Equal(13, july2025.Count(u => u.Kind == "dac_khu"));
        var now = (await client.GetFromJsonAsync<Unit[]>("/api/v1/units?level=commune&asOf=2026-11-26"))!;
        Assert.Equal(2611, now.Count(u => u.Kind == "xa"));
        Assert.Equal(697, now.Count(u => u.Kind == "phuong"));
        Assert.Equal("phuong", now.Single(u => u.Code == "25270").Kind);
        Assert.Equal("xa", july2025.Single(u => u.Code == "25270").Kind);
    }

    [Fact]
    public async Task Search_ignores_accents_and_case()
    {
        await using var app = await MtqgApp.StartAsync();
        var found = (await app.CreateClient().GetFromJsonAsync<Unit[]>("/api/v1/units?q=TAN%20thuong&asOf=2025-06-30"))!;
        Assert.Contains(found, u => u.Code == "03070" && u.FullName == "Xã Tân Thượng");
        Assert.All(found, u => Assert.Contains("Tân Thượng", u.Name));
    }

    [Fact]
    public async Task Parent_lists_the_communes_of_a_province_and_an_unknown_parent_is_404()
    {
        await using var app = await MtqgApp.StartAsync();
        var client = app.CreateClient();
        var laoCai = (await client.GetFromJsonAsync<Unit[]>("/api/v1/units?parent=15&q=bao%20ha"))!;
        Assert.Equal("02989", Assert.Single(laoCai).Code);
        var problem = await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/units?parent=99"), HttpStatusCode.NotFound);
        Assert.Contains("99", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_reused_code_names_the_unit_in_force_on_the_date_asked()
    {
        await using var app = await MtqgApp.StartAsync();
        var client = app.CreateClient();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/00004?asOf=2024-12-31");
        Assert.Equal("Phường Trúc Bạch", before.GetProperty("fullName").GetString());
        Assert.Equal("2025-06-30", before.GetProperty("validTo").GetString());
        var successor = Assert.Single(before.GetProperty("successors").EnumerateArray());
        Assert.Equal("Phường Ba Đình", successor.GetProperty("fullName").GetString());

        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/00004");
        Assert.Equal("Phường Ba Đình", after.GetProperty("fullName").GetString());
        Assert.Equal("2025-07-01", after.GetProperty("validFrom").GetString());
        Assert.Contains(after.GetProperty("predecessors").EnumerateArray(), p =>
            p.GetProperty("fullName").GetString() == "Phường Trúc Bạch"
        );
    }

    [Fact]
    public async Task Lineage_tells_full_merges_from_partial_ones()
    {
        await using var app = await MtqgApp.StartAsync();
        var client = app.CreateClient();
        var baoHa = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/02989");
        var tanThuong = baoHa.GetProperty("predecessors").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "03070");
        Assert.Equal("full", tanThuong.GetProperty("type").GetString());
        Assert.Equal("1673/NQ-UBTVQH15", tanThuong.GetProperty("legalBasis").GetString());

        var phucXa = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/00001?asOf=2025-01-01");
        var whole = Assert.Single(phucXa.GetProperty("successors").EnumerateArray());
        Assert.Equal(("00097", "full"), (whole.GetProperty("code").GetString(), whole.GetProperty("type").GetString()));

        // Phường Nhật Tân was split between Hồng Hà and Tây Hồ: each took a part.
        var anyPartial = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/00094?asOf=2025-01-01");
        Assert.All(anyPartial.GetProperty("successors").EnumerateArray(), s => Assert.Equal("partial", s.GetProperty("type").GetString()));
        Assert.True(anyPartial.GetProperty("successors").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task Dong_Nai_became_a_city_on_30_April_2026_as_a_new_version_of_code_75()
    {
        await using var app = await MtqgApp.StartAsync();
        var client = app.CreateClient();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/75?asOf=2026-01-01");
        Assert.Equal("Tỉnh Đồng Nai", before.GetProperty("fullName").GetString());
        var now = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/75?asOf=2026-05-01");
        Assert.Equal("Thành phố Đồng Nai", now.GetProperty("fullName").GetString());
        Assert.Equal("reclassified", Assert.Single(now.GetProperty("predecessors").EnumerateArray()).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("/api/v1/units?level=huyen", "level")]
    [InlineData("/api/v1/units?asOf=2025-13-01", "asOf")]
    [InlineData("/api/v1/units?asOf=01/07/2025", "asOf")]
    [InlineData("/api/v1/units/00004?asOf=hom-nay", "asOf")]
    public async Task Bad_query_parameters_are_400_naming_the_parameter_in_Vietnamese(string url, string field)
    {
        await using var app = await MtqgApp.StartAsync();
        var problem = await ProblemAssert.IsProblemAsync(await app.CreateClient().GetAsync(url), HttpStatusCode.BadRequest);
        Assert.Contains("không hợp lệ", Assert.Single(ProblemAssert.Errors(problem, field)));
    }

    [Fact]
    public async Task An_unknown_code_is_404_with_a_Vietnamese_problem()
    {
        await using var app = await MtqgApp.StartAsync();
        var problem = await ProblemAssert.IsProblemAsync(await app.CreateClient().GetAsync("/api/v1/units/99999"), HttpStatusCode.NotFound);
        Assert.Equal("Không tìm thấy", problem.GetProperty("title").GetString());
        Assert.Contains("99999", problem.GetProperty("detail").GetString());
    }
}
