using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Map.BoundaryFiles;

namespace Mtqg.Web.Tests.Map;

/// <summary>A province's commune boundaries through the API (decision 0029): upload, read back, replace, delete; every refusal named, nothing written.</summary>
public sealed class CommuneBoundariesApiTests
{
    private const string Url = "/api/v1/provinces/15/commune-boundaries";

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<int> CommunesOfLaoCaiAsync(MtqgApp app)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).Units.CountAsync(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.ProvinceCode == "15");
    }

    private static async Task<int> StoredAsync(MtqgApp app)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).CommuneBoundaries.CountAsync();
    }

    [Fact]
    public async Task The_office_uploads_three_communes_reads_them_back_replaces_them_and_deletes_them()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: "15");
        await ProblemAssert.IsProblemAsync(await office.Client.GetAsync(Url), HttpStatusCode.NotFound);

        var uploaded = await OkAsync(await office.Client.PutAsync(Url, Form(ThreeCommunes())));
        Assert.Equal(3, uploaded.GetProperty("communes").GetInt32());
        Assert.Equal(await CommunesOfLaoCaiAsync(app), uploaded.GetProperty("communesInProvince").GetInt32());
        Assert.Equal("Tỉnh Lào Cai", uploaded.GetProperty("provinceName").GetString());
        Assert.Equal("ranh-gioi-xa.geojson", uploaded.GetProperty("fileName").GetString());
        Assert.Contains(office.UserName, uploaded.GetProperty("uploadedBy").GetString());

        var read = await OkAsync(await office.Client.GetAsync(Url));
        Assert.Equal(uploaded.ToString(), read.ToString());
        Assert.Equal(3, await StoredAsync(app));

        // A new file replaces the whole set: Bảo Hà alone.
        var replaced = await OkAsync(await office.Client.PutAsync(Url, Form(Collection(Square(BaoHa, 104.40, 22.15)), "bao-ha.json")));
        Assert.Equal(1, replaced.GetProperty("communes").GetInt32());
        Assert.Equal("bao-ha.json", replaced.GetProperty("fileName").GetString());
        Assert.Equal(1, await StoredAsync(app));

        Assert.Equal(HttpStatusCode.NoContent, (await office.Client.DeleteAsync(Url)).StatusCode);
        await ProblemAssert.IsProblemAsync(await office.Client.GetAsync(Url), HttpStatusCode.NotFound);
        Assert.Equal(0, await StoredAsync(app));
        await ProblemAssert.IsProblemAsync(await office.Client.DeleteAsync(Url), HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, string> Refused =>
        new()
        {
            { "not JSON", "xin chào, đây không phải JSON", "không phải JSON hợp lệ (lỗi ở dòng 1" },
            { "not a collection", Square(BaoHa, 104.40, 22.15), "phải là một FeatureCollection" },
            {
                "no code",
                Collection(Feature(null, """{"type":"Polygon","coordinates":[[[104.4,22.1],[104.5,22.1],[104.5,22.2],[104.4,22.1]]]}""")),
                "Đối tượng thứ 1: không có mã xã"
            },
            {
                "a code of letters",
                Collection(Square("xa-bao-ha", 104.40, 22.15)),
                "Đối tượng thứ 1 (mã xa-bao-ha): mã xã phải là 5 chữ số"
            },
            {
                "a very long code",
                Collection(Square(new string('9', 100_000), 104.40, 22.15)),
                "Đối tượng thứ 1 (mã 999999999999…): mã xã phải là 5 chữ số"
            },
            {
                "unknown code",
                Collection(Square(BaoHa, 104.40, 22.15), Square("99999", 104.5, 22.2)),
                "Đối tượng thứ 2 (mã 99999): không có xã, phường mã 99999"
            },
            {
                "another province's commune",
                Collection(Square(SocSon, 104.5, 22.2)),
                "Xã Sóc Sơn thuộc tỉnh, thành phố mã 01, không thuộc Tỉnh Lào Cai"
            },
            { "a dissolved commune", Collection(Square(Dissolved, 104.5, 22.2)), $"(mã {Dissolved}) đã thôi hiệu lực từ 01/07/2025" },
            {
                "duplicate code",
                Collection(Square(BaoHa, 104.40, 22.15), Square(HopThanh, 103.98, 22.30), Square(BaoHa, 104.5, 22.2)),
                $"Đối tượng thứ 3 (mã {BaoHa}): mã {BaoHa} đã có ở đối tượng thứ 1"
            },
            {
                "a point",
                Collection(Feature(BaoHa, """{"type":"Point","coordinates":[104.4,22.1]}""")),
                "hình học \"Point\" không được nhận"
            },
            {
                "a ring of three",
                Collection(Feature(BaoHa, """{"type":"Polygon","coordinates":[[[104.4,22.1],[104.5,22.1],[104.4,22.1]]]}""")),
                "vòng thứ 1 có 3 điểm; một vòng cần ít nhất 4 điểm"
            },
            {
                "an open ring",
                Collection(Feature(BaoHa, """{"type":"Polygon","coordinates":[[[104.4,22.1],[104.5,22.1],[104.5,22.2],[104.4,22.2]]]}""")),
                "vòng thứ 1 chưa khép kín"
            },
            {
                "a text coordinate",
                Collection(Feature(BaoHa, """{"type":"Polygon","coordinates":[[[104.4,22.1],["NaN",22.1],[104.5,22.2],[104.4,22.1]]]}""")),
                "điểm thứ 2: tọa độ phải là [kinh độ, vĩ độ] bằng số"
            },
            {
                "latitude and longitude swapped",
                Collection(Square(BaoHa, 22.15, 104.40)),
                "nằm ngoài Việt Nam (kinh độ 100–120, vĩ độ 5–25)"
            },
            {
                "metres (VN-2000)",
                Collection(
                    Feature(
                        BaoHa,
                        """{"type":"Polygon","coordinates":[[[448000,2450000],[449000,2450000],[449000,2451000],[448000,2450000]]]}"""
                    )
                ),
                "không phải VN-2000 hay mét"
            },
            { "inside Vietnam, outside the province", Collection(Square(BaoHa, 105.80, 21.00)), "nằm ngoài phạm vi của Tỉnh Lào Cai" },
            {
                "too deep",
                "{\"type\":\"FeatureCollection\",\"features\":[" + new string('[', 5000) + new string(']', 5000) + "]}",
                "lồng quá 16 tầng"
            },
            { "NUL bytes", "{\"type\":\"FeatureCollection\",\0\"features\":[]}", "không phải JSON hợp lệ" },
        };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_faulty_file_is_refused_with_a_named_problem_and_the_stored_set_is_kept(string fault, string geoJson, string message)
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: "15");
        await OkAsync(await office.Client.PutAsync(Url, Form(ThreeCommunes())));

        var problem = await ProblemAssert.IsProblemAsync(await office.Client.PutAsync(Url, Form(geoJson)), HttpStatusCode.BadRequest);
        var messages = problem
            .GetProperty("errors")
            .EnumerateObject()
            .SelectMany(e => e.Value.EnumerateArray())
            .Select(m => m.GetString())
            .ToList();
        Assert.True(messages.Any(m => m!.Contains(message, StringComparison.Ordinal)), $"{fault}: {string.Join(" | ", messages)}");
        Assert.Contains("chưa có gì được ghi", problem.GetProperty("detail").GetString());

        Assert.Equal(3, (await OkAsync(await office.Client.GetAsync(Url))).GetProperty("communes").GetInt32());
        Assert.Equal(3, await StoredAsync(app));
    }

    [Fact]
    public async Task A_file_not_in_utf8_is_refused_as_such()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: "15");
        byte[] latin1 =
        [
            .. Encoding.ASCII.GetBytes("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"ma_xa\":\"B"),
            0xE1,
            .. Encoding.ASCII.GetBytes("o H\"}}]}"),
        ];
        var problem = await ProblemAssert.IsProblemAsync(await office.Client.PutAsync(Url, Form(latin1)), HttpStatusCode.BadRequest);
        Assert.Contains("không phải UTF-8", ProblemAssert.Errors(problem, "file")[0]);
        Assert.Equal(0, await StoredAsync(app));
    }

    [Fact]
    public async Task Accounts_other_than_the_office_are_refused_before_the_file_is_read()
    {
        await using var app = await MtqgApp.StartAsync();
        var viewer = await app.Given().Account(Roles.Viewer, unit: "15");
        var hanoi = await app.Given().Account(Roles.Coordinator, unit: "01");
        foreach (var client in new[] { viewer.Client, hanoi.Client })
        {
            // Not JSON either: a 400 would mean the file was read; the answer is the permission's.
            var problem = await ProblemAssert.IsProblemAsync(await client.PutAsync(Url, Form("không phải JSON")), HttpStatusCode.Forbidden);
            Assert.Contains("Tệp không được đọc", problem.GetProperty("detail").GetString());
            await ProblemAssert.IsProblemAsync(await client.DeleteAsync(Url), HttpStatusCode.Forbidden);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsync(Url, Form(ThreeCommunes()))).StatusCode);
        Assert.Equal(0, await StoredAsync(app));
        await ProblemAssert.IsProblemAsync(await hanoi.Client.GetAsync(Url), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Files_past_the_bounds_are_refused_naming_the_setting()
    {
        await using var app = new MtqgApp(
            await TestDatabase.CreateAsync(),
            settings: new Dictionary<string, string>
            {
                ["Mtqg:Uploads:BoundariesMegabytes"] = "0.01",
                ["Mtqg:Uploads:MaxBoundaryFeatures"] = "2",
                ["Mtqg:Uploads:MaxBoundaryPositions"] = "20",
            }
        );
        var office = await app.Given().Account(Roles.Coordinator, unit: "15");

        var huge = Encoding.UTF8.GetBytes(Collection(Square(BaoHa, 104.40, 22.15)) + new string(' ', 20_000));
        var tooLarge = await ProblemAssert.IsProblemAsync(
            await office.Client.PutAsync(Url, Form(huge)),
            HttpStatusCode.RequestEntityTooLarge
        );
        Assert.Contains("Mtqg:Uploads:BoundariesMegabytes", tooLarge.GetProperty("detail").GetString());

        var three = Collection(Square(BaoHa, 104.40, 22.15), Square(LaoCai, 104.0, 22.4), Square(HopThanh, 103.98, 22.30));
        var features = await ProblemAssert.IsProblemAsync(await office.Client.PutAsync(Url, Form(three)), HttpStatusCode.BadRequest);
        Assert.Contains("Mtqg:Uploads:MaxBoundaryFeatures", ProblemAssert.Errors(features, "file")[0]);

        // Phường Lào Cai in five squares of 5 positions: past 20.
        var five = string.Join(",", Enumerable.Range(0, 5).Select(i => $"[{Ring(104.0 + i * 0.06, 22.4)}]"));
        var one = Collection(Feature(LaoCai, $$"""{"type":"MultiPolygon","coordinates":[{{five}}]}"""));
        var positions = await ProblemAssert.IsProblemAsync(await office.Client.PutAsync(Url, Form(one)), HttpStatusCode.BadRequest);
        Assert.Contains("Mtqg:Uploads:MaxBoundaryPositions", ProblemAssert.Errors(positions, "file")[0]);
        Assert.Equal(0, await StoredAsync(app));
    }
}
