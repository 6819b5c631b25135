using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Accounts;

public sealed class UsersApiTests
{
    private static object NewUser(string userName, string role, string? unit, string? sector = null, string password = "Mat-khau-2026") =>
        new
        {
            userName,
            password,
            displayName = $"Người dùng {userName}",
            role,
            unitCode = unit,
            sector,
        };

    [Fact]
    public async Task An_administrator_creates_a_coordinator_who_can_then_sign_in()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var response = await admin.PostAsJsonAsync("/api/v1/users", NewUser("dieuphoi.hanoi", "coordinator", "01"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            ("coordinator", "01", "Thành phố Hà Nội"),
            (
                created.GetProperty("role").GetString(),
                created.GetProperty("unitCode").GetString(),
                created.GetProperty("unitName").GetString()
            )
        );
        await app.ClientAsAsync("dieuphoi.hanoi", "Mat-khau-2026");
    }

    [Fact]
    public async Task A_coordinator_creates_accounts_only_within_their_province_and_never_administrators()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        Assert.Equal(
            HttpStatusCode.Created,
            (await coordinator.PostAsJsonAsync("/api/v1/users", NewUser("canbo.tanan", "commune", "02989"))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (await coordinator.PostAsJsonAsync("/api/v1/users", NewUser("so.xaydung", "appraiser", "15", "Sở Xây dựng"))).StatusCode
        );
        await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync("/api/v1/users", NewUser("canbo.hanoi", "commune", "00004")),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync("/api/v1/users", NewUser("quantri2", "admin", null)),
            HttpStatusCode.Forbidden
        );
        var list = await coordinator.GetFromJsonAsync<JsonElement[]>("/api/v1/users");
        Assert.All(list!, u =>
            Assert.True(u.GetProperty("unitCode").GetString() is "15" or "02989" || u.GetProperty("unitCode").GetString()!.Length == 5)
        );
        Assert.DoesNotContain(list!, u => u.GetProperty("userName").GetString() == "demo.admin");
    }

    [Theory]
    [InlineData("commune", "15", null, "unitCode")]
    [InlineData("coordinator", "02989", null, "unitCode")]
    [InlineData("appraiser", "15", null, "sector")]
    [InlineData("giamdoc", "15", null, "role")]
    [InlineData("admin", "15", null, "unitCode")]
    public async Task A_role_that_does_not_fit_its_unit_is_400_naming_the_field(string role, string unit, string? sector, string field)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/users", NewUser("thu.nghiem", role, unit, sector)),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ProblemAssert.Errors(problem, field));
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (
                await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "thu.nghiem", password = "Mat-khau-2026" })
            ).StatusCode
        );
    }

    [Theory]
    [InlineData("ngan", "ít nhất 8 ký tự")]
    [InlineData("khongcochuhoa2026", "chữ hoa")]
    [InlineData("KhongCoChuSo", "chữ số")]
    public async Task A_weak_password_is_refused_with_the_rule_in_Vietnamese(string password, string expected)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/users", NewUser("mat.khau.yeu", "viewer", null, password: password)),
            HttpStatusCode.BadRequest
        );
        Assert.Contains(ProblemAssert.Errors(problem, "password"), m => m.Contains(expected));
    }

    [Fact]
    public async Task A_duplicate_user_name_is_refused()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/users", NewUser("demo.xa", "viewer", null)),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("đã có người dùng", ProblemAssert.Errors(problem, "userName")[0]);
    }

    [Fact]
    public async Task A_commune_officer_cannot_manage_accounts()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var officer = await app.ClientAsAsync("demo.xa");
        await ProblemAssert.IsProblemAsync(
            await officer.PostAsJsonAsync("/api/v1/users", NewUser("ai.do", "viewer", null)),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(await officer.GetAsync("/api/v1/users"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Disabling_an_account_revokes_its_token_at_once_and_enabling_needs_a_new_sign_in()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var officer = await app.ClientAsAsync("demo.xa");
        var values = new { values = new Dictionary<string, object?> { ["1.2"] = 90 } };
        Assert.Equal(
            HttpStatusCode.OK,
            (await officer.PutAsJsonAsync("/api/v1/communes/02989/years/2026/values?set=DEMO-MINH-HOA", values)).StatusCode
        );

        var admin = await app.ClientAsAsync("demo.admin");
        var id = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/users?q=demo.xa"))!
            .Single(u => u.GetProperty("userName").GetString() == "demo.xa")
            .GetProperty("id")
            .GetString();
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await admin.PutAsJsonAsync($"/api/v1/users/{id}/disabled", new { disabled = true })).StatusCode
        );

        await ProblemAssert.IsProblemAsync(
            await officer.PutAsJsonAsync("/api/v1/communes/02989/years/2026/values?set=DEMO-MINH-HOA", values),
            HttpStatusCode.Unauthorized
        );
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (
                await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo.xa", password = "Demo@2026" })
            ).StatusCode
        );

        Assert.Equal(
            HttpStatusCode.NoContent,
            (await admin.PutAsJsonAsync($"/api/v1/users/{id}/disabled", new { disabled = false })).StatusCode
        );
        await ProblemAssert.IsProblemAsync(
            await officer.PutAsJsonAsync("/api/v1/communes/02989/years/2026/values?set=DEMO-MINH-HOA", values),
            HttpStatusCode.Unauthorized
        );
        await app.ClientAsAsync("demo.xa");
    }

    [Fact]
    public async Task A_password_reset_by_the_coordinator_replaces_the_old_password()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var id = (await coordinator.GetFromJsonAsync<JsonElement[]>("/api/v1/users"))!
            .Single(u => u.GetProperty("userName").GetString() == "demo.xa")
            .GetProperty("id")
            .GetString();
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await coordinator.PutAsJsonAsync($"/api/v1/users/{id}/password", new { password = "Moi-Hon-2026" })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (
                await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo.xa", password = "Demo@2026" })
            ).StatusCode
        );
        await app.ClientAsAsync("demo.xa", "Moi-Hon-2026");
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_client_with_a_Vietnamese_message()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = app.CreateClient();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 21; i++)
            last = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = $"khach{i}", password = "x" });
        var problem = await ProblemAssert.IsProblemAsync(last, HttpStatusCode.TooManyRequests);
        Assert.Contains("quá nhiều lần", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Behind_a_reverse_proxy_the_sign_in_limit_counts_each_client_not_the_proxy()
    {
        // A real port: the proxy (this test) connects from loopback, which is trusted to forward the client's address.
        await using var app = await MtqgApp.StartOnKestrelAsync();
        using var proxy = new HttpClient { BaseAddress = app.BaseAddress };
        async Task<HttpResponseMessage> SignInFrom(string client, int attempt)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
            {
                Content = JsonContent.Create(new { userName = $"khach{attempt}", password = "x" }),
            };
            request.Headers.Add("X-Forwarded-For", client);
            return await proxy.SendAsync(request);
        }
        HttpResponseMessage last = null!;
        for (var i = 0; i < 21; i++)
            last = await SignInFrom("203.0.113.1", i);
        await ProblemAssert.IsProblemAsync(last, HttpStatusCode.TooManyRequests);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInFrom("203.0.113.2", 0)).StatusCode);
    }

    [Fact]
    public async Task Two_web_nodes_on_one_database_accept_each_others_tokens()
    {
        await using var first = await MtqgApp.StartDemoAsync();
        await using var second = new MtqgApp(first.ConnectionString, ownsDatabase: false, demo: first.IsDemo);
        var token = (
            await (
                await first.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo.admin", password = "Demo@2026" })
            ).Content.ReadFromJsonAsync<JsonElement>()
        )
            .GetProperty("accessToken")
            .GetString();
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task An_account_disabled_on_one_web_node_is_refused_by_the_other_at_once_though_it_was_just_used_there()
    {
        await using var first = await MtqgApp.StartDemoAsync();
        await using var second = new MtqgApp(first.ConnectionString, ownsDatabase: false, demo: first.IsDemo);
        var token = (
            await (
                await first.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo.dieuphoi", password = "Demo@2026" })
            ).Content.ReadFromJsonAsync<JsonElement>()
        )
            .GetProperty("accessToken")
            .GetString();
        var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // Used twice on the second node: its status is known there and reused while nothing changes.
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/v1/users")).StatusCode);

        var admin = await first.ClientAsAsync("demo.admin");
        var id = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/users?q=demo.dieuphoi"))!
            .Single(u => u.GetProperty("userName").GetString() == "demo.dieuphoi")
            .GetProperty("id")
            .GetString();
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await admin.PutAsJsonAsync($"/api/v1/users/{id}/disabled", new { disabled = true })).StatusCode
        );

        await ProblemAssert.IsProblemAsync(await onSecond.GetAsync("/api/v1/users"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_correction_made_from_an_older_version_of_an_account_is_refused_with_412_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var created = await (
            await admin.PostAsJsonAsync("/api/v1/users", NewUser("xem.phien.ban", "viewer", "15"))
        ).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var read = await admin.GetAsync($"/api/v1/users/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var etag = read.Headers.ETag!;
        Assert.Equal($"\"{(await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString()}\"", etag.Tag);

        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{id}")
        {
            Content = JsonContent.Create(
                new
                {
                    displayName = "Tên thứ nhất",
                    role = "viewer",
                    unitCode = "15",
                }
            ),
        };
        first.Headers.IfMatch.Add(etag);
        var saved = await admin.SendAsync(first);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotEqual(etag, saved.Headers.ETag);

        var second = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{id}")
        {
            Content = JsonContent.Create(
                new
                {
                    displayName = "Tên thứ hai",
                    role = "viewer",
                    unitCode = "15",
                }
            ),
        };
        second.Headers.IfMatch.Add(etag);
        var problem = await ProblemAssert.IsProblemAsync(await admin.SendAsync(second), HttpStatusCode.PreconditionFailed);
        Assert.Contains("Tên thứ nhất", problem.GetProperty("detail").GetString());
        var now = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{id}");
        Assert.Equal("Tên thứ nhất", now.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_coordinator_cannot_reset_disable_or_edit_another_coordinator_of_its_province()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: "15");
        var peer = await given.Account(Roles.Coordinator, unit: "15");
        var peerId = (await (await given.Administrator()).GetFromJsonAsync<JsonElement[]>($"/api/v1/users?q={peer.UserName}"))!
            .Single(u => u.GetProperty("userName").GetString() == peer.UserName)
            .GetProperty("id")
            .GetString();

        var reset = await office.Client.PutAsJsonAsync($"/api/v1/users/{peerId}/password", new { password = "Mat-khau-Moi-2026" });
        var disable = await office.Client.PutAsJsonAsync($"/api/v1/users/{peerId}/disabled", new { disabled = true });
        var create = await office.Client.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                userName = "dieuphoi.moi",
                password = "Mat-khau-2026",
                displayName = "Điều phối mới",
                role = "coordinator",
                unitCode = "15",
            }
        );

        await ProblemAssert.IsProblemAsync(reset, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(disable, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        // The peer's password is unchanged: it still signs in.
        var token = await app.CreateClient()
            .PostAsJsonAsync("/api/v1/auth/token", new { userName = peer.UserName, password = peer.Password });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }
}
