using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Money.CapitalPlanApiTests;

namespace Mtqg.Web.Tests.Money;

/// <summary>
/// People's contributions and outstanding construction debt per commune-year (issue 14 item 5, DESIGN §11): saved and read
/// back, every bad field named with nothing written, who may write (the commune's own officer, the province's coordination
/// office and finance department) and read, and the audit trail.
/// </summary>
public sealed class CommuneMoneyApiTests
{
    private const string LaoCai = "15",
        BaoHa = "02989",
        HopThanh = "02680",
        SocSon = "00376";
    private const int Year = 2025;

    private static string Contributions(string commune = BaoHa, int year = Year) =>
        $"/api/v1/communes/{commune}/years/{year}/contributions";

    private static string Debt(string commune = BaoHa, int year = Year) => $"/api/v1/communes/{commune}/years/{year}/construction-debt";

    private static object Body(long cash = 11_250_000_000, long land = 1_200, long workdays = 3_450, long inKind = 450_000_000) =>
        new
        {
            cash,
            landSquareMetres = land,
            workdays,
            inKind,
        };

    private static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, params string[] fields)
    {
        var refused = await JsonAsync(response, HttpStatusCode.BadRequest);
        var errors = refused.GetProperty("errors");
        foreach (var field in fields)
            Assert.True(
                errors.EnumerateObject().Any(e => e.Name.Contains(field, StringComparison.OrdinalIgnoreCase)),
                $"{field} not named: {refused}"
            );
        return errors;
    }

    [Fact]
    public async Task The_commune_officer_saves_contributions_and_debt_and_reads_them_back_and_each_change_is_in_the_audit_trail()
    {
        await using var app = await MtqgApp.StartAsync();
        var officer = await app.Given().Account(Roles.Commune, unit: BaoHa);

        await ProblemAssert.IsProblemAsync(await officer.Client.GetAsync(Contributions()), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await officer.Client.GetAsync(Debt()), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await officer.Client.PutAsJsonAsync(Contributions(), Body())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.Client.PutAsJsonAsync(Contributions(), Body(workdays: 3_500))).StatusCode);
        var saved = await JsonAsync(await officer.Client.GetAsync(Contributions()));
        Assert.Equal(11_250_000_000L, saved.GetProperty("cash").GetInt64());
        Assert.Equal(1_200L, saved.GetProperty("landSquareMetres").GetInt64());
        Assert.Equal(3_500L, saved.GetProperty("workdays").GetInt64());
        Assert.Equal(450_000_000L, saved.GetProperty("inKind").GetInt64());
        Assert.Equal(officer.UserName, saved.GetProperty("updatedBy").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await officer.Client.PutAsJsonAsync(Debt(), new { amount = 12_500_000L })).StatusCode);
        Assert.Equal(12_500_000L, (await JsonAsync(await officer.Client.GetAsync(Debt()))).GetProperty("amount").GetInt64());
        // Another year is another record.
        await ProblemAssert.IsProblemAsync(await officer.Client.GetAsync(Debt(year: 2026)), HttpStatusCode.NotFound);

        using var scope = app.Services.CreateScope();
        var trail = await app.Db(scope).AuditEntries.Where(e => e.UnitCode == BaoHa && e.Year == Year).ToListAsync();
        var contributions = trail.Where(e => e.Entity == "CommuneContribution").OrderBy(e => e.Id).ToList();
        Assert.Equal(["create", "update"], contributions.Select(e => e.Action));
        Assert.All(contributions, e => Assert.Equal(officer.UserName, e.UserName));
        Assert.Contains("3450", contributions[1].OldValue);
        Assert.Contains("3500", contributions[1].NewValue);
        var debt = Assert.Single(trail, e => e.Entity == "ConstructionDebt");
        Assert.Equal("create", debt.Action);
        Assert.Contains("12500000", debt.NewValue);
    }

    [Fact]
    public async Task Each_bad_field_is_named_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        Assert.Equal(HttpStatusCode.NoContent, (await office.Client.PutAsJsonAsync(Contributions(), Body())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await office.Client.PutAsJsonAsync(Debt(), new { amount = 0L })).StatusCode);

        // Negative, missing, negative: each named at once.
        var errors = await RefusedAsync(
            await office.Client.PutAsJsonAsync(
                Contributions(),
                new
                {
                    cash = -1L,
                    workdays = -5L,
                    inKind = 2L,
                }
            ),
            "cash",
            "landSquareMetres",
            "workdays"
        );
        Assert.Contains("không được âm", errors.GetProperty("cash")[0].GetString());
        Assert.Contains("Chưa có", errors.GetProperty("landSquareMetres")[0].GetString());
        Assert.False(errors.TryGetProperty("inKind", out _));
        // A fraction of a đồng, and an amount above the ceiling.
        await RefusedAsync(
            await office.Client.PutAsync(
                Contributions(),
                new StringContent(
                    """{"cash":1000,"landSquareMetres":10,"workdays":1,"inKind":1.5}""",
                    System.Text.Encoding.UTF8,
                    "application/json"
                )
            ),
            "inKind"
        );
        await RefusedAsync(await office.Client.PutAsJsonAsync(Contributions(), Body(land: 2_000_000_000_000_000)), "landSquareMetres");
        await RefusedAsync(await office.Client.PutAsJsonAsync(Debt(), new { amount = -1L }), "amount");
        await RefusedAsync(await office.Client.PutAsJsonAsync(Debt(), new { }), "amount");
        await RefusedAsync(await office.Client.PutAsJsonAsync(Contributions(year: 1999), Body()), "year");
        await ProblemAssert.IsProblemAsync(
            await office.Client.PutAsJsonAsync(Contributions(commune: "99999"), Body()),
            HttpStatusCode.NotFound
        );

        var kept = await JsonAsync(await office.Client.GetAsync(Contributions()));
        Assert.Equal(11_250_000_000L, kept.GetProperty("cash").GetInt64());
        Assert.Equal(1_200L, kept.GetProperty("landSquareMetres").GetInt64());
        Assert.Equal(0L, (await JsonAsync(await office.Client.GetAsync(Debt()))).GetProperty("amount").GetInt64());
        using var scope = app.Services.CreateScope();
        Assert.Equal(1, await app.Db(scope).CommuneContributions.CountAsync());
        Assert.Equal(1, await app.Db(scope).ConstructionDebts.CountAsync());
    }

    [Fact]
    public async Task The_commune_officer_writes_only_its_own_commune_the_finance_department_writes_the_province_another_province_is_refused()
    {
        await using var app = await MtqgApp.StartAsync();
        var officer = await app.Given().Account(Roles.Commune, unit: BaoHa);
        var neighbour = await app.Given().Account(Roles.Commune, unit: HopThanh);
        var finance = await app.Given().Account(Roles.Appraiser, unit: LaoCai, sector: "STC");
        var construction = await app.Given().Account(Roles.Appraiser, unit: LaoCai, sector: "SXD");
        var viewer = await app.Given().Account(Roles.Viewer, unit: LaoCai);
        var hanoi = await app.Given().Account(Roles.Coordinator, unit: "01");

        // The officer of another commune, even of the same province: refused, and may not read either.
        await ProblemAssert.IsProblemAsync(await neighbour.Client.PutAsJsonAsync(Contributions(), Body()), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await neighbour.Client.PutAsJsonAsync(Debt(), new { amount = 0L }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await officer.Client.PutAsJsonAsync(Contributions(HopThanh), Body()), HttpStatusCode.Forbidden);
        // Another province's coordination office.
        await ProblemAssert.IsProblemAsync(await hanoi.Client.PutAsJsonAsync(Contributions(), Body()), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await hanoi.Client.PutAsJsonAsync(Debt(), new { amount = 0L }), HttpStatusCode.Forbidden);
        // A department other than finance, and a viewer: they read, they do not write.
        await ProblemAssert.IsProblemAsync(await construction.Client.PutAsJsonAsync(Debt(), new { amount = 0L }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await viewer.Client.PutAsJsonAsync(Contributions(), Body()), HttpStatusCode.Forbidden);
        using (var scope = app.Services.CreateScope())
            Assert.False(await app.Db(scope).CommuneContributions.AnyAsync() || await app.Db(scope).ConstructionDebts.AnyAsync());

        // The finance department writes for the communes of its province.
        Assert.Equal(HttpStatusCode.NoContent, (await finance.Client.PutAsJsonAsync(Debt(), new { amount = 7_000_000L })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await finance.Client.PutAsJsonAsync(Contributions(HopThanh), Body())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.Client.PutAsJsonAsync(Debt(), new { amount = 0L })).StatusCode);

        foreach (var reader in new[] { officer, construction, viewer, finance })
            Assert.Equal(0L, (await JsonAsync(await reader.Client.GetAsync(Debt()))).GetProperty("amount").GetInt64());
        await ProblemAssert.IsProblemAsync(await neighbour.Client.GetAsync(Debt()), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await hanoi.Client.GetAsync(Debt()), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await hanoi.Client.GetAsync(Contributions(HopThanh)), HttpStatusCode.Forbidden);
        // Hà Nội's own commune is Hà Nội's: Lào Cai's finance department may not write it.
        await ProblemAssert.IsProblemAsync(await finance.Client.PutAsJsonAsync(Contributions(SocSon), Body()), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await hanoi.Client.PutAsJsonAsync(Contributions(SocSon), Body())).StatusCode);
    }
}
