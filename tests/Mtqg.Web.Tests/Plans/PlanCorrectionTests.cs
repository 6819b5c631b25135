using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Plans;

/// <summary>A plan is corrected by its coordination office, never over someone else's save; a plan or target made by mistake is deleted until work is recorded on it.</summary>
public sealed class PlanCorrectionTests
{
    private static object Plan(string number, string title) =>
        new
        {
            provinceCode = "15",
            number,
            issuer = "UBND tỉnh Lào Cai",
            issuedOn = "2026-02-01",
            periodFrom = "2026-01-01",
            periodTo = "2026-12-31",
            title,
        };

    private static async Task<int> IdAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static HttpRequestMessage Versioned(HttpMethod method, string url, string version, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return request;
    }

    [Fact]
    public async Task The_office_corrects_a_plan_a_correction_from_an_old_version_is_refused_and_a_wrong_one_changes_nothing()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var officeAccount = await given.Account(Roles.Coordinator, unit: "15");
        var office = officeAccount.Client;
        await given.Plan(office, "15", "239/KH-BCĐ");
        var id = await IdAsync(await office.PostAsJsonAsync("/api/v1/plans", Plan("12/KH-UBND", "Kế hoạch thử")));
        var read = await office.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
        var version = read.GetProperty("version").GetString()!;

        var corrected = await office.SendAsync(
            Versioned(HttpMethod.Put, $"/api/v1/plans/{id}", version, Plan("12/KH-UBND", "Kế hoạch thực hiện năm 2026 (sửa trích yếu)"))
        );
        Assert.Equal(HttpStatusCode.NoContent, corrected.StatusCode);
        var now = await office.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
        Assert.Equal("Kế hoạch thực hiện năm 2026 (sửa trích yếu)", now.GetProperty("title").GetString());

        var stale = await ProblemAssert.IsProblemAsync(
            await (await given.Administrator()).SendAsync(
                Versioned(HttpMethod.Put, $"/api/v1/plans/{id}", version, Plan("12/KH-UBND", "Bản cũ"))
            ),
            HttpStatusCode.PreconditionFailed
        );
        Assert.Contains($"Kế hoạch số 12/KH-UBND vừa được {officeAccount.UserName} lưu lúc", stale.GetProperty("detail").GetString());

        var wrong = await ProblemAssert.IsProblemAsync(
            await office.PutAsJsonAsync(
                $"/api/v1/plans/{id}",
                new
                {
                    number = "239/KH-BCĐ",
                    issuer = "",
                    issuedOn = "2026-02-01",
                    periodFrom = "2026-06-01",
                    periodTo = "2026-01-01",
                    title = "x",
                    provinceCode = "01",
                }
            ),
            HttpStatusCode.BadRequest
        );
        foreach (var field in new[] { "issuer", "periodTo", "provinceCode" })
            Assert.NotEmpty(ProblemAssert.Errors(wrong, field));
        var taken = await ProblemAssert.IsProblemAsync(
            await office.PutAsJsonAsync($"/api/v1/plans/{id}", Plan("239/KH-BCĐ", "x")),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("Tỉnh đã có kế hoạch số 239/KH-BCĐ", ProblemAssert.Errors(taken, "number").Single());
        Assert.Equal(now.ToString(), (await office.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}")).ToString());
        await ProblemAssert.IsProblemAsync(
            await (await given.Account(Roles.Agency, unit: "15", sector: "Sở Tài chính")).Client.PutAsJsonAsync(
                $"/api/v1/plans/{id}",
                Plan("12/KH-UBND", "x")
            ),
            HttpStatusCode.Forbidden
        );
    }

    [Fact]
    public async Task A_plan_or_target_made_by_mistake_is_deleted_until_progress_is_recorded_on_it()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = (await given.Account(Roles.Coordinator, unit: "15")).Client;
        var id = await IdAsync(await office.PostAsJsonAsync("/api/v1/plans", Plan("13/KH-UBND", "Kế hoạch có mục tiêu")));
        var mistaken = await IdAsync(
            await office.PostAsJsonAsync(
                $"/api/v1/plans/{id}/targets",
                new
                {
                    kind = "activity",
                    name = "Mục tiêu gõ nhầm",
                    unit = "lớp",
                    goal = 3,
                }
            )
        );
        var worked = await IdAsync(
            await office.PostAsJsonAsync(
                $"/api/v1/plans/{id}/targets",
                new
                {
                    kind = "activity",
                    name = "Tập huấn",
                    unit = "lớp",
                    goal = 4,
                }
            )
        );

        Assert.Equal(HttpStatusCode.NoContent, (await office.DeleteAsync($"/api/v1/plans/{id}/targets/{mistaken}")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await office.PostAsJsonAsync(
                    $"/api/v1/plans/{id}/targets/{worked}/progress",
                    new
                    {
                        date = "2026-03-01",
                        amount = 1,
                        evidence = "Biên bản",
                    }
                )
            ).StatusCode
        );
        var target = await ProblemAssert.IsProblemAsync(
            await office.DeleteAsync($"/api/v1/plans/{id}/targets/{worked}"),
            HttpStatusCode.Conflict
        );
        Assert.Contains("đã ghi 1 lần tiến độ", target.GetProperty("detail").GetString());
        var plan = await ProblemAssert.IsProblemAsync(await office.DeleteAsync($"/api/v1/plans/{id}"), HttpStatusCode.Conflict);
        Assert.Contains("đã ghi 1 lần tiến độ", plan.GetProperty("detail").GetString());
        Assert.Equal(
            ["Tập huấn"],
            (await office.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}"))
                .GetProperty("targets")
                .EnumerateArray()
                .Select(t => t.GetProperty("name").GetString())
        );

        var empty = await IdAsync(await office.PostAsJsonAsync("/api/v1/plans", Plan("14/KH-UBND", "Lập nhầm")));
        await ProblemAssert.IsProblemAsync(
            await (await given.Account(Roles.Viewer, unit: "15")).Client.DeleteAsync($"/api/v1/plans/{empty}"),
            HttpStatusCode.Forbidden
        );
        Assert.Equal(HttpStatusCode.NoContent, (await office.DeleteAsync($"/api/v1/plans/{empty}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await office.GetAsync($"/api/v1/plans/{empty}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_list_a_plan_and_an_assignment_are_read_with_their_version_as_ETag_which_If_Match_accepts_once()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = (await given.Account(Roles.Coordinator, unit: "15")).Client;
        var list = await given.CommuneList(office, "15", "Xã khó khăn", ["02989"]);
        var plan = await given.Plan(office, "15", "12/KH-UBND");
        var assignment = await given.Assignment(office, "15", "Sở Tài chính", ["02989"], new(2026, 1, 1), new(2026, 12, 31));
        var corrections = new (string Url, object Body)[]
        {
            (
                $"/api/v1/commune-lists/{list}",
                new
                {
                    provinceCode = "15",
                    name = "Xã khó khăn (sửa)",
                    communes = new[] { "02989" },
                }
            ),
            (
                $"/api/v1/plans/{plan}",
                new
                {
                    provinceCode = "15",
                    number = "12/KH-UBND",
                    issuer = "UBND tỉnh",
                    issuedOn = "2026-02-01",
                    periodFrom = "2026-01-01",
                    periodTo = "2026-12-31",
                    title = "Kế hoạch (sửa)",
                }
            ),
            (
                $"/api/v1/assignments/{assignment}",
                new
                {
                    provinceCode = "15",
                    agency = "Sở Tài chính",
                    communes = new[] { "02989" },
                    from = "2026-01-01",
                    to = "2026-12-31",
                    leader = "Giám đốc",
                }
            ),
        };

        foreach (var (url, body) in corrections)
        {
            var read = await office.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var etag = read.Headers.ETag!.Tag;
            var version = (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString();
            Assert.Equal($"\"{version}\"", etag);

            Assert.Equal(HttpStatusCode.NoContent, (await office.SendAsync(Put(url, body, etag))).StatusCode);
            await ProblemAssert.IsProblemAsync(await office.SendAsync(Put(url, body, etag)), HttpStatusCode.PreconditionFailed);
        }
    }

    private static HttpRequestMessage Put(string url, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}
