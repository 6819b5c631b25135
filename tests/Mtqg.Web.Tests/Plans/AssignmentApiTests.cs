using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Plans;

/// <summary>The coordination office corrects an assignment (period, leader, communes): what the agency may do follows at once, the trail says what changed.</summary>
public sealed class AssignmentApiTests
{
    private const string LaoCai = "15",
        BaoHa = "02989",
        BaoNhai = "02890",
        Finance = "Sở Tài chính";

    /// <summary>
    /// Lào Cai's coordination office and Sở Tài chính's account, the agency the administrator assigned to Bảo Hà and Bảo Nhai for 2026
    /// (the administrator, so that what the office does is all the trail holds under its name).
    /// </summary>
    private static async Task<(Given Given, Account Office, Account Agency, int Id)> FinanceAssignedAsync(MtqgApp app)
    {
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        var agency = await given.Account(Roles.Agency, unit: LaoCai, sector: Finance);
        var id = await given.Assignment(
            await given.Administrator(),
            LaoCai,
            Finance,
            [BaoHa, BaoNhai],
            new DateOnly(2026, 1, 1),
            new DateOnly(2026, 12, 31)
        );
        return (given, office, agency, id);
    }

    private static async Task<JsonElement> FinanceAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/assignments?province=15"))
            .EnumerateArray()
            .Single(a => a.GetProperty("agencyName").GetString() == Finance);

    private static List<string> Communes(JsonElement assignment) =>
        [.. assignment.GetProperty("communes").EnumerateArray().Select(c => c.GetProperty("code").GetString()!)];

    [Fact]
    public async Task A_commune_taken_off_an_assignment_is_no_longer_visited_by_the_agency_and_the_trail_files_the_change_under_it()
    {
        await using var app = await MtqgApp.StartAsync();
        var (_, officeAccount, agencyAccount, id) = await FinanceAssignedAsync(app);
        var (office, agency) = (officeAccount.Client, agencyAccount.Client);
        var before = await FinanceAsync(office);
        Assert.Equal(id, before.GetProperty("id").GetInt32());
        Assert.Contains(BaoHa, Communes(before));
        var visit = new
        {
            date = "2026-11-20",
            communeCode = BaoHa,
            participants = new[] { "Phó Giám đốc Sở Tài chính" },
            content = "Làm việc",
        };
        var recorded = await agency.PostAsJsonAsync("/api/v1/visits", visit);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var visitId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var kept = Communes(before).Where(c => c != BaoHa).ToList();
        var corrected = await office.PutAsJsonAsync(
            $"/api/v1/assignments/{id}",
            new
            {
                agency = Finance,
                communes = kept,
                from = before.GetProperty("from").GetString(),
                to = before.GetProperty("to").GetString(),
                leader = "Giám đốc Sở Tài chính",
            }
        );
        Assert.Equal(HttpStatusCode.NoContent, corrected.StatusCode);

        var after = await FinanceAsync(office);
        Assert.Equal(kept.Order(), Communes(after).Order());
        Assert.Equal("Giám đốc Sở Tài chính", after.GetProperty("leader").GetString());
        var refused = await ProblemAssert.IsProblemAsync(await agency.PostAsJsonAsync("/api/v1/visits", visit), HttpStatusCode.Forbidden);
        Assert.Contains("không được phân công", refused.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync($"/api/v1/visits/{visitId}")).StatusCode); // what was recorded stays

        var trail = await office.GetFromJsonAsync<JsonElement>(
            $"/api/v1/audit?unit={BaoHa}&entity=AssignmentCommune&user={officeAccount.UserName}"
        );
        var removed = trail.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(
            ("delete", officeAccount.UserName),
            (removed.GetProperty("action").GetString(), removed.GetProperty("userName").GetString())
        );
        Assert.Equal("Xã được phân công: 02989", removed.GetProperty("oldValue").GetString());
        var changed = (await office.GetFromJsonAsync<JsonElement>($"/api/v1/audit?unit=15&entity=Assignment&user={officeAccount.UserName}"))
            .GetProperty("items")
            .EnumerateArray()
            .Single();
        Assert.Equal("Lãnh đạo phụ trách: Giám đốc Sở Tài chính", changed.GetProperty("newValue").GetString());
    }

    [Fact]
    public async Task A_correction_with_errors_names_each_and_changes_nothing_and_only_the_office_of_the_province_may_correct()
    {
        await using var app = await MtqgApp.StartAsync();
        var (given, officeAccount, agency, id) = await FinanceAssignedAsync(app);
        var office = officeAccount.Client;
        var before = await FinanceAsync(office);

        var bad = await ProblemAssert.IsProblemAsync(
            await office.PutAsJsonAsync(
                $"/api/v1/assignments/{id}",
                new
                {
                    provinceCode = "01",
                    agency = " ",
                    communes = new[] { BaoHa, "99999" },
                    from = "2026-06-01",
                    to = "2026-01-01",
                    leader = "",
                }
            ),
            HttpStatusCode.BadRequest
        );
        foreach (var field in new[] { "provinceCode", "agency", "leader", "to" })
            Assert.NotEmpty(ProblemAssert.Errors(bad, field));
        Assert.Contains("99999", ProblemAssert.Errors(bad, "communes[1]").Single());
        Assert.Equal(before.ToString(), (await FinanceAsync(office)).ToString());

        var valid = new
        {
            agency = Finance,
            communes = new[] { BaoHa },
            from = "2026-01-01",
            to = "2026-12-31",
            leader = "A",
        };
        await ProblemAssert.IsProblemAsync(
            await agency.Client.PutAsJsonAsync($"/api/v1/assignments/{id}", valid),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(
            await (await given.Account(Roles.Viewer, unit: LaoCai)).Client.PutAsJsonAsync($"/api/v1/assignments/{id}", valid),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(await office.PutAsJsonAsync("/api/v1/assignments/999999", valid), HttpStatusCode.NotFound);
        Assert.Equal(before.ToString(), (await FinanceAsync(office)).ToString());
    }

    [Fact]
    public async Task A_correction_made_from_a_version_someone_else_has_since_saved_is_refused_naming_them_and_keeps_their_change()
    {
        await using var app = await MtqgApp.StartAsync();
        var (given, officeAccount, _, id) = await FinanceAssignedAsync(app);
        var office = officeAccount.Client;
        var admin = await given.Administrator();
        var read = await FinanceAsync(office);
        var version = read.GetProperty("version").GetString()!;
        object Body(string leader) =>
            new
            {
                agency = Finance,
                communes = Communes(read),
                from = read.GetProperty("from").GetString(),
                to = read.GetProperty("to").GetString(),
                leader,
            };
        HttpRequestMessage Put(string leader, string? ifMatch)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/assignments/{id}")
            {
                Content = JsonContent.Create(Body(leader)),
            };
            if (ifMatch is not null)
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return request;
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(Put("Giám đốc (quản trị sửa)", $"\"{version}\""))).StatusCode);
        var refused = await ProblemAssert.IsProblemAsync(
            await office.SendAsync(Put("Phó Giám đốc (văn phòng sửa)", $"\"{version}\"")),
            HttpStatusCode.PreconditionFailed
        );
        Assert.Contains($"vừa được {TestDatabase.AdminUserName} lưu lúc", refused.GetProperty("detail").GetString());
        var now = await FinanceAsync(office);
        Assert.Equal("Giám đốc (quản trị sửa)", now.GetProperty("leader").GetString());

        // Read again, then the correction goes through; a client that sends no version is not checked.
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await office.SendAsync(Put("Phó Giám đốc (văn phòng sửa)", now.GetProperty("version").GetString()))).StatusCode
        );
        Assert.Equal(HttpStatusCode.NoContent, (await office.SendAsync(Put("Phó Giám đốc", null))).StatusCode);
        var deleteStale = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/assignments/{id}");
        deleteStale.Headers.TryAddWithoutValidation("If-Match", version);
        await ProblemAssert.IsProblemAsync(await office.SendAsync(deleteStale), HttpStatusCode.PreconditionFailed);
        Assert.Equal("Phó Giám đốc", (await FinanceAsync(office)).GetProperty("leader").GetString());
    }

    [Fact]
    public async Task A_commune_list_renamed_from_an_old_version_is_refused_and_the_other_name_stays()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var officeAccount = await given.Account(Roles.Coordinator, unit: LaoCai);
        var office = officeAccount.Client;
        await given.CommuneList(office, LaoCai, "Xã phấn đấu đạt chuẩn 2026", [BaoHa, BaoNhai]);
        var list = (await office.GetFromJsonAsync<JsonElement>("/api/v1/commune-lists?province=15")).EnumerateArray().Single();
        var (id, version) = (list.GetProperty("id").GetInt32(), list.GetProperty("version").GetString()!);
        var communes = list.GetProperty("communes").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToArray();
        HttpRequestMessage Rename(string name) =>
            new(HttpMethod.Put, $"/api/v1/commune-lists/{id}")
            {
                Content = JsonContent.Create(new { name, communes }),
                Headers = { { "If-Match", $"\"{version}\"" } },
            };

        Assert.Equal(HttpStatusCode.NoContent, (await office.SendAsync(Rename("Tên thứ nhất"))).StatusCode);
        var refused = await ProblemAssert.IsProblemAsync(
            await (await given.Administrator()).SendAsync(Rename("Tên thứ hai")),
            HttpStatusCode.PreconditionFailed
        );
        Assert.Contains($"Danh sách «Tên thứ nhất» vừa được {officeAccount.UserName} lưu lúc", refused.GetProperty("detail").GetString());
        Assert.Equal(
            "Tên thứ nhất",
            (await office.GetFromJsonAsync<JsonElement>($"/api/v1/commune-lists/{id}")).GetProperty("name").GetString()
        );
    }
}
