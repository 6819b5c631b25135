using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Accounts;

public sealed class SignInTests
{
    [Fact]
    public async Task A_token_from_the_token_endpoint_opens_administrator_calls()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var response = await app.CreateClient()
            .PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo.admin", password = "Demo@2026" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
        Assert.True(body.GetProperty("expiresIn").GetInt32() > 0);
    }

    [Theory]
    [InlineData("demo.admin", "sai-mat-khau")]
    [InlineData("khong.ton.tai", "Demo@2026")]
    public async Task A_wrong_user_name_or_password_is_401_without_saying_which(string userName, string password)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Tên đăng nhập hoặc mật khẩu không đúng.", problem.GetProperty("detail").GetString());
    }

    /// <summary>
    /// POST /api/v1/auth/token as sent from <paramref name="client"/>, through the trusted proxy that names the client in
    /// X-Forwarded-For (the test server's own connection has no address, which the forwarded-headers rule treats as a proxy).
    /// </summary>
    private static async Task<(int Status, string? Detail)> TokenFrom(MtqgApp app, string client, string userName, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = JsonContent.Create(new { userName, password }),
        };
        request.Headers.Add("X-Forwarded-For", client);
        var response = await app.CreateClient().SendAsync(request);
        if (response.StatusCode == HttpStatusCode.OK)
            return (200, null);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Wrong_guesses_make_the_guessing_client_wait_while_the_owner_elsewhere_still_signs_in()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        const string stranger = "203.0.113.7",
            owner = "198.51.100.20";
        var answers = new List<(int Status, string? Detail)>();
        for (var i = 0; i < 5; i++)
            answers.Add(await TokenFrom(app, stranger, "demo.xa", "sai-mat-khau"));

        Assert.All(answers, a => Assert.Equal(401, a.Status));
        Assert.Equal("Tên đăng nhập hoặc mật khẩu không đúng.", answers[0].Detail);
        Assert.Contains("thử lại sau 30 giây", answers[4].Detail);
        // The stranger now waits even with the right password; the owner, from elsewhere, is not held up.
        var strangerRight = await TokenFrom(app, stranger, "demo.xa", "Demo@2026");
        Assert.Equal(401, strangerRight.Status);
        Assert.Contains("thử lại sau", strangerRight.Detail);
        Assert.Equal(200, (await TokenFrom(app, owner, "demo.xa", "Demo@2026")).Status);
    }

    [Fact]
    public async Task An_unknown_name_a_disabled_account_and_a_wrong_password_are_answered_alike_even_after_many_failures()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var disabledId = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/users?q=demo.xem"))!
            .Single(u => u.GetProperty("userName").GetString() == "demo.xem")
            .GetProperty("id")
            .GetString();
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await admin.PutAsJsonAsync($"/api/v1/users/{disabledId}/disabled", new { disabled = true })).StatusCode
        );

        async Task<List<string?>> SixFailures(string client, string userName, string password)
        {
            var details = new List<string?>();
            for (var i = 0; i < 6; i++)
                details.Add((await TokenFrom(app, client, userName, password)).Detail);
            return details;
        }

        var known = await SixFailures("203.0.113.1", "demo.xa", "sai-mat-khau");
        var huge = await SixFailures("203.0.113.4", "demo.xa", new string('x', 1_000_000)); // refused unhashed, answered alike
        var unknown = await SixFailures("203.0.113.2", "khong.ton.tai", "sai-mat-khau");
        var disabled = await SixFailures("203.0.113.3", "demo.xem", "Demo@2026");

        static string WithoutDigits(string? s) => new((s ?? "").Where(c => !char.IsDigit(c)).ToArray());
        Assert.Equal(known.Select(WithoutDigits), unknown.Select(WithoutDigits));
        Assert.Equal(known.Select(WithoutDigits), disabled.Select(WithoutDigits));
        Assert.Equal(known.Select(WithoutDigits), huge.Select(WithoutDigits));
    }

    [Fact]
    public async Task A_bearer_token_that_was_tampered_with_is_refused()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "gia-mao");
        var response = await client.PostAsync("/api/v1/criteria-sets", JsonContent.Create(new { }));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Outside_demo_mode_there_is_no_demo_account_and_the_first_administrator_comes_from_configuration()
    {
        var connectionString = await TestDatabase.CreateEmptyAsync();
        await using var app = new MtqgApp(
            connectionString,
            migrate: true,
            new Dictionary<string, string>
            {
                ["Mtqg:Demo"] = "false",
                ["Mtqg:Admin:UserName"] = "quantri",
                ["Mtqg:Admin:Password"] = "Mat-khau-rieng-2026",
            }
        );
        var client = app.CreateClient();
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo.admin", password = "Demo@2026" })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "quantri", password = "Mat-khau-rieng-2026" })).StatusCode
        );
        var sets = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/criteria-sets");
        Assert.DoesNotContain(sets!, s => s.GetProperty("code").GetString() == "DEMO-MINH-HOA");
        Assert.Equal(34, (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?level=province"))!.Length);
    }
}
