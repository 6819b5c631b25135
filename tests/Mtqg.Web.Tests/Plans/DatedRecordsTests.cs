using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Plans;

/// <summary>
/// Records dated before the 2025 reform name the communes of their date (DESIGN §9): the 10 high-poverty communes of plan
/// 31/KH-STTTT (2023) — Hoàng Thu Phố 02863, Dền Thàng 02722, … — were communes of old Lào Cai (10), merged into Lào Cai (15).
/// </summary>
public sealed class DatedRecordsTests
{
    [Fact]
    public async Task A_list_dated_2023_names_the_communes_of_2023_and_one_of_today_refuses_them_naming_the_date()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;

        var created = await office.PostAsJsonAsync(
            "/api/v1/commune-lists",
            new
            {
                provinceCode = "15",
                name = "10 xã có tỷ lệ hộ nghèo cao (KH 31/KH-STTTT)",
                asOf = "2023-12-31",
                communes = new[] { "02863", "02722" },
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var list = (await office.GetFromJsonAsync<JsonElement>("/api/v1/commune-lists?province=15")).EnumerateArray().Single();
        Assert.Equal("2023-12-31", list.GetProperty("asOf").GetString());
        Assert.Equal(
            ["Xã Hoàng Thu Phố", "Xã Dền Thàng"],
            list.GetProperty("communes").EnumerateArray().Select(c => c.GetProperty("name").GetString())
        );

        var today = await ProblemAssert.IsProblemAsync(
            await office.PostAsJsonAsync(
                "/api/v1/commune-lists",
                new
                {
                    provinceCode = "15",
                    name = "Danh sách hôm nay",
                    communes = new[] { "02863" },
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("mã \"02863\" không phải xã đang có hiệu lực của tỉnh 15", ProblemAssert.Errors(today, "communes[0]")[0]);

        // A commune of another old province (Hà Nội's 00376) is not one of Lào Cai's in 2023 either.
        var other = await ProblemAssert.IsProblemAsync(
            await office.PostAsJsonAsync(
                "/api/v1/commune-lists",
                new
                {
                    provinceCode = "15",
                    name = "Sai tỉnh",
                    asOf = "2023-12-31",
                    communes = new[] { "00376" },
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("không phải xã có hiệu lực ngày 31/12/2023 thuộc tỉnh 15", ProblemAssert.Errors(other, "communes[0]")[0]);
    }

    [Fact]
    public async Task An_assignment_and_a_visit_of_2024_name_the_commune_of_2024()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = (await given.Account(Roles.Coordinator, unit: "15")).Client;
        await given.Assignment(office, "15", "Sở Tài chính", ["02863"], new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        var assignment = (await office.GetFromJsonAsync<JsonElement>("/api/v1/assignments?province=15")).EnumerateArray().Single();
        Assert.Equal("Xã Hoàng Thu Phố", assignment.GetProperty("communes")[0].GetProperty("name").GetString());

        var agency = (await given.Account(Roles.Agency, unit: "15", sector: "Sở Tài chính")).Client;
        var created = await agency.PostAsJsonAsync(
            "/api/v1/visits",
            new
            {
                date = "2024-05-10",
                communeCode = "02863",
                participants = new[] { "Phó Giám đốc Sở Tài chính", "Chủ tịch UBND xã" },
                content = "Khảo sát hộ nghèo (KH 31/KH-STTTT)",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var visit = await agency.GetFromJsonAsync<JsonElement>(created.Headers.Location!.OriginalString);
        Assert.Equal("Xã Hoàng Thu Phố", visit.GetProperty("communeName").GetString());

        // Today the code names no commune of the province: a visit dated today is refused, naming why.
        var today = await ProblemAssert.IsProblemAsync(
            await agency.PostAsJsonAsync(
                "/api/v1/visits",
                new
                {
                    date = Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow).ToString("yyyy-MM-dd"),
                    communeCode = "02863",
                    participants = new[] { "Phó Giám đốc Sở Tài chính" },
                    content = "Làm việc",
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("không phải xã đang có hiệu lực của tỉnh 15", ProblemAssert.Errors(today, "communeCode")[0]);
    }

    [Fact]
    public async Task A_plan_of_2024_targets_the_communes_of_2024_by_name_and_a_plan_of_today_refuses_them()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        var old = await app.Given()
            .Plan(office, "15", "31/KH-STTTT", "Kế hoạch giảm nghèo năm 2024", "2024-01-15", "2024-01-01", "2024-12-31");
        var target = await office.PostAsJsonAsync(
            $"/api/v1/plans/{old}/targets",
            new
            {
                kind = "activity",
                name = "Hỗ trợ chuyển đổi số ở 2 xã nghèo",
                unit = "xã",
                scope = "perCommune",
                goal = 1,
                communes = new[] { new { code = "02863" }, new { code = "02722" } },
            }
        );
        Assert.True(target.StatusCode == HttpStatusCode.Created, await target.Content.ReadAsStringAsync());
        var view = await office.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{old}");
        var communes = view.GetProperty("targets")[0].GetProperty("communes").EnumerateArray().Select(c => c.GetRawText()).ToList();
        Assert.Equal(2, communes.Count);
        Assert.Contains("Xã Hoàng Thu Phố", System.Text.RegularExpressions.Regex.Unescape(string.Join(" ", communes)));

        var now = await app.Given().Plan(office, "15", "5/KH-BCĐ");
        var refused = await ProblemAssert.IsProblemAsync(
            await office.PostAsJsonAsync(
                $"/api/v1/plans/{now}/targets",
                new
                {
                    kind = "namedCommune",
                    name = "Xã Hoàng Thu Phố đạt chuẩn",
                    level = "NTM",
                    year = 2026,
                    communeCode = "02863",
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("02863", ProblemAssert.Errors(refused, "communeCode")[0]);
    }

    [Fact]
    public async Task A_list_of_2023_edited_on_the_page_keeps_its_date_and_its_communes_of_2023()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        var created = await office.PostAsJsonAsync(
            "/api/v1/commune-lists",
            new
            {
                provinceCode = "15",
                name = "Xã nghèo 2023",
                asOf = "2023-12-31",
                communes = new[] { "02863", "02722" },
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var list = (await office.GetFromJsonAsync<JsonElement>("/api/v1/commune-lists?province=15")).EnumerateArray().Single();
        var id = list.GetProperty("id").GetInt32();

        await office.PostFormAsync(
            "/tinh/15/danh-sach-xa",
            $"edit-list-{id}",
            ("version", list.GetProperty("version").ToString()),
            ("name", "Xã nghèo 2023 (bỏ Dền Thàng)"),
            ("communes", "02863")
        );

        var edited = (await office.GetFromJsonAsync<JsonElement>("/api/v1/commune-lists?province=15")).EnumerateArray().Single();
        Assert.Equal("Xã nghèo 2023 (bỏ Dền Thàng)", edited.GetProperty("name").GetString());
        Assert.Equal("2023-12-31", edited.GetProperty("asOf").GetString());
        Assert.Equal(["Xã Hoàng Thu Phố"], edited.GetProperty("communes").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_list_and_assignment_pages_look_up_the_communes_of_the_date_asked()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        // Lào Cai (15) of today was formed from old Lào Cai (10) and Yên Bái (15): its communes of 1/6/2024 are theirs.
        // Before the reform a commune's parent is its district.
        async Task<string[]> UnitsAsync(string level, string parent, string asOf) =>
            [
                .. (await office.GetFromJsonAsync<JsonElement[]>($"/api/v1/units?level={level}&parent={parent}&asOf={asOf}"))!.Select(u =>
                    u.GetProperty("code").GetString()!
                ),
            ];
        var before = 0;
        foreach (
            var district in (await UnitsAsync("district", "10", "2024-06-01")).Concat(await UnitsAsync("district", "15", "2024-06-01"))
        )
            before += (await UnitsAsync("commune", district, "2024-06-01")).Length;
        var now = (await UnitsAsync("commune", "15", Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow).ToString("yyyy-MM-dd"))).Length;
        Assert.True(before > now, $"{before} communes in 2024, {now} today");

        var lists = WebUtility.HtmlDecode(await office.GetStringAsync("/tinh/15/danh-sach-xa?ngay=2024-06-01"));
        Assert.Contains($"{before} xã có hiệu lực ngày 01/06/2024 (trước sắp xếp)", lists);
        Assert.Contains("Xã Hoàng Thu Phố", lists);
        Assert.Contains("value=\"01/06/2024\"", lists); // the new list's "Các xã tại ngày" starts at the date looked up, written dd/MM/yyyy

        var assignments = WebUtility.HtmlDecode(await office.GetStringAsync("/tinh/15/phan-cong"));
        Assert.Contains($"{now} xã có hiệu lực ngày", assignments);
        Assert.DoesNotContain("Xã Hoàng Thu Phố", assignments);
    }

    [Fact]
    public async Task The_visit_form_offers_the_communes_the_agency_helped_on_the_day_asked_by_their_names_then()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = (await given.Account(Roles.Coordinator, unit: "15")).Client;
        await given.Assignment(office, "15", "Sở Tài chính", ["02863"], new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        var agency = (await given.Account(Roles.Agency, unit: "15", sector: "Sở Tài chính")).Client;

        var then = WebUtility.HtmlDecode(await agency.GetStringAsync("/buoi-lam-viec/moi?ngay=2024-05-10"));
        Assert.Contains("<option value=\"02863\"", then);
        Assert.Contains("Xã Hoàng Thu Phố", then);
        Assert.Contains("trước sắp xếp đơn vị hành chính", then);

        // Today the agency helps no commune: the form says so instead of offering a commune it cannot visit.
        var today = WebUtility.HtmlDecode(await agency.GetStringAsync("/buoi-lam-viec/moi"));
        Assert.DoesNotContain("<option value=\"02863\"", today);
        Assert.Contains("chưa được phân công giúp đỡ xã nào", today);
    }
}
