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

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo.xa", password = "sai" });
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo.xa", password = "Demo@2026" });
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("tạm khóa", problem.GetProperty("detail").GetString());
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
