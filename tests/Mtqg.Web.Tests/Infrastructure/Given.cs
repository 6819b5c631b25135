using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Accounts;

namespace Mtqg.Web.Tests.Infrastructure;

/// <summary>An account a builder made: its name, the password generated for it, and a client signed in with it.</summary>
public sealed record Account(string UserName, string Password, HttpClient Client);

/// <summary>
/// Builders of a test's own data, each through the real API as a user would make it (so every rule applies):
/// <c>var office = await app.Given().Account(Roles.Coordinator, unit: "15");</c>. The real units and the national
/// criteria sets are reference data and are already there; nothing of the demo is.
/// </summary>
public sealed class Given(MtqgApp app)
{
    private HttpClient? administrator;

    /// <summary>The installation's first administrator (see <see cref="TestDatabase.AdminUserName"/>), signed in.</summary>
    public async Task<HttpClient> Administrator() =>
        administrator ??= await app.ClientAsAsync(TestDatabase.AdminUserName, TestDatabase.AdminPassword);

    /// <summary>
    /// An account created by the administrator (POST /api/v1/users) with a generated password, returned signed in.
    /// <paramref name="unit"/>: a province code (coordination office, appraiser, agency, viewer) or a commune code (commune officer);
    /// <paramref name="sector"/>: the appraiser's department or the agency's name.
    /// </summary>
    public async Task<Account> Account(string role, string? unit = null, string? sector = null, string? userName = null)
    {
        userName ??= $"{role}.{Guid.NewGuid():N}"[..(role.Length + 9)];
        var password = $"Mk-{Guid.NewGuid():N}";
        var created = await (await Administrator()).PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                userName,
                password,
                displayName = $"{Roles.Label(role)} ({userName})",
                role,
                unitCode = unit,
                sector,
            }
        );
        await Succeeded(created, $"tài khoản {userName}");
        return new Account(userName, password, await app.ClientAsAsync(userName, password));
    }

    /// <summary>An assignment of <paramref name="agency"/> to the communes, made by <paramref name="by"/> (the province's coordination office or an administrator); returns its id.</summary>
    public async Task<int> Assignment(
        HttpClient by,
        string province,
        string agency,
        IEnumerable<string> communes,
        DateOnly from,
        DateOnly to,
        string leader = "Phó Giám đốc"
    ) =>
        await Id(
            await by.PostAsJsonAsync(
                "/api/v1/assignments",
                new
                {
                    provinceCode = province,
                    agency,
                    communes,
                    from,
                    to,
                    leader,
                }
            ),
            $"phân công {agency}"
        );

    /// <summary>A commune list of the province, made by its coordination office; returns its id.</summary>
    public async Task<int> CommuneList(HttpClient office, string province, string name, IEnumerable<string> communes) =>
        await Id(
            await office.PostAsJsonAsync(
                "/api/v1/commune-lists",
                new
                {
                    provinceCode = province,
                    name,
                    communes,
                }
            ),
            $"danh sách xã {name}"
        );

    /// <summary>A plan of the province, made by its coordination office; returns its id.</summary>
    public async Task<int> Plan(
        HttpClient office,
        string province,
        string number,
        string title = "Kế hoạch thực hiện năm 2026",
        string issuedOn = "2026-02-01",
        string periodFrom = "2026-01-01",
        string periodTo = "2026-12-31"
    ) =>
        await Id(
            await office.PostAsJsonAsync(
                "/api/v1/plans",
                new
                {
                    provinceCode = province,
                    number,
                    issuer = "UBND tỉnh",
                    issuedOn,
                    periodFrom,
                    periodTo,
                    title,
                }
            ),
            $"kế hoạch {number}"
        );

    /// <summary>
    /// The illustrative criteria set (data/demo/criteria-set-demo.json, code <c>DEMO-MINH-HOA</c>), imported by the administrator
    /// through POST /api/v1/criteria-sets as a province imports its own detailed set; returns its code.
    /// </summary>
    public async Task<string> IllustrativeCriteriaSet()
    {
        // The illustrative set has Công an tỉnh appraise criterion 10: Lào Cai's registry has it, as in the demo (DepartmentSeeder).
        var police = await (await Administrator()).PostAsJsonAsync(
            "/api/v1/provinces/15/departments",
            new { code = "CAT", name = "Công an tỉnh" }
        );
        if (police.StatusCode != System.Net.HttpStatusCode.BadRequest) // already there (demo mode)
            await Succeeded(police, "Công an tỉnh trong danh mục sở, ngành của Lào Cai");
        var file = app.Services.GetRequiredService<SeedFiles>().PathOf("demo", "criteria-set-demo.json");
        var content = new StringContent(await File.ReadAllTextAsync(file), System.Text.Encoding.UTF8, "application/json");
        await Succeeded(await (await Administrator()).PostAsync("/api/v1/criteria-sets", content), "bộ tiêu chí minh họa");
        return "DEMO-MINH-HOA";
    }

    /// <summary>Indicator values of a commune-year in a set, entered by <paramref name="by"/> (PUT …/values): indicator code → value.</summary>
    public async Task Values(HttpClient by, string commune, int year, string set, IReadOnlyDictionary<string, object> values) =>
        await Succeeded(
            await by.PutAsJsonAsync($"/api/v1/communes/{commune}/years/{year}/values?set={set}", new { values }),
            $"giá trị {commune}/{year}"
        );

    private static async Task<int> Id(HttpResponseMessage response, string what)
    {
        await Succeeded(response, what);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task Succeeded(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"Không tạo được {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
            );
    }
}
