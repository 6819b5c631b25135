using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.CriteriaSets;

/// <summary>The national 2021–2025 set as seeded from data/criteria: what the notes know, kept; what they do not, never invented.</summary>
public sealed class NationalDataTests
{
    private const string Set = "VN-NTM-XA-2021-2025";

    [Fact]
    public async Task Indicator_3_1_keeps_its_general_threshold_where_the_source_has_no_regional_split()
    {
        await using var app = await MtqgApp.StartAsync();
        var set = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/criteria-sets/{Set}");
        var irrigation = set.GetProperty("criteria")
            .EnumerateArray()
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == "3.1");
        var ntm = irrigation.GetProperty("thresholds").EnumerateArray().Where(t => t.GetProperty("level").GetString() == "NTM").ToList();
        // One row for every region: ≥ 80%. Unknown regional rows would hide it as soon as a commune has a region.
        var row = Assert.Single(ntm);
        Assert.False(row.TryGetProperty("group", out var group) && group.ValueKind != JsonValueKind.Null);
        Assert.Equal(80m, row.GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task The_18_2022_revocation_rule_is_data_of_the_2021_2025_set_with_its_protected_criteria_read_by_name()
    {
        await using var app = await MtqgApp.StartAsync();
        using var scope = app.Services.CreateScope();
        var set = await app.Db(scope).CriteriaSets.AsNoTracking().SingleAsync(s => s.Code == Set);
        // Thu nhập (10), Môi trường và an toàn thực phẩm (17), Quốc phòng và An ninh (19).
        Assert.Equal((0.30m, 0.50m, "10,17,19"), (set.RevocationLowerShare, set.RevocationUpperShare, set.RevocationProtected));
        // The 2026–2030 set's procedure replacing 18/2022 was not read: no rule.
        var next = await app.Db(scope).CriteriaSets.AsNoTracking().SingleAsync(s => s.Code == "NTM-XA-2026-2030");
        Assert.Null(next.RevocationLowerShare);
    }
}
