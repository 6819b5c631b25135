using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Poverty;

/// <summary>
/// Poverty (DESIGN §12, issue 15): the standards by period, a commune's annual review result entered, refused when it
/// does not add up, approved and reopened; who may do what; the province summary and its change across the 2025 reform.
/// </summary>
public sealed partial class PovertyApiTests
{
    private const string LaoCai = "15",
        BaoHa = "02989",
        SocSon = "00376";

    private static string Url(string commune, int year) => $"/api/v1/communes/{commune}/years/{year}/poverty";

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task The_standards_are_public_with_their_lines_dimensions_and_what_was_not_read_left_null()
    {
        await using var app = await MtqgApp.StartAsync();
        var standards = (await JsonAsync(await app.CreateClient().GetAsync("/api/v1/poverty-standards"))).EnumerateArray().ToList();
        Assert.Equal(["nd-07-2021", "nd-351-2025"], standards.Select(s => s.GetProperty("code").GetString()));

        var before = standards[0];
        Assert.Contains("Nghị định 07/2021/NĐ-CP", before.GetProperty("legalBasis").GetString());
        Assert.Equal("2022-01-01", before.GetProperty("validFrom").GetString());
        Assert.Equal("2026-12-31", before.GetProperty("validTo").GetString()); // kept through 2026 by ND 351/2025
        Assert.Equal(1_500_000, before.GetProperty("incomeLines").GetProperty("ruralPoor").GetInt64());
        Assert.Equal(2_000_000, before.GetProperty("incomeLines").GetProperty("urbanPoor").GetInt64());
        Assert.Equal(6, before.GetProperty("dimensions").GetArrayLength());
        var indicators = before
            .GetProperty("dimensions")
            .EnumerateArray()
            .SelectMany(d => d.GetProperty("indicators").EnumerateArray())
            .ToList();
        Assert.Equal(12, indicators.Count);
        Assert.Equal("Bảo hiểm y tế", indicators.Single(i => i.GetProperty("code").GetString() == "2.2").GetProperty("name").GetString());

        var after = standards[1];
        Assert.Equal("2027-01-01", after.GetProperty("validFrom").GetString());
        Assert.Equal(2_200_000, after.GetProperty("incomeLines").GetProperty("ruralPoor").GetInt64());
        Assert.Equal(2_800_000, after.GetProperty("incomeLines").GetProperty("urbanPoor").GetInt64());
        Assert.False(after.GetProperty("dimensionsComplete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("dimensions")[1].GetProperty("indicators").ValueKind); // Y tế: not read
    }

    [Fact]
    public async Task A_result_gives_its_rates_and_the_standard_in_force_and_no_households_gives_no_rate()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var result = await JsonAsync(
            await office.Client.PutAsJsonAsync(
                Url(BaoHa, 2025),
                new
                {
                    households = 3000,
                    poor = 1000,
                    nearPoor = 200,
                    poorEthnicMinority = 700,
                    escapedPoverty = 150,
                    newlyPoor = 12,
                    deprivations = new Dictionary<string, int> { ["1.1"] = 90, ["6.2"] = 40 },
                }
            )
        );
        Assert.Equal("nd-07-2021", result.GetProperty("standard").GetString());
        Assert.Equal(33.33m, result.GetProperty("povertyRate").GetDecimal());
        Assert.Equal(6.67m, result.GetProperty("nearPovertyRate").GetDecimal());
        Assert.Equal("draft", result.GetProperty("status").GetString());
        Assert.Equal(40, result.GetProperty("deprivations").GetProperty("6.2").GetInt32());
        var read = await JsonAsync(await office.Client.GetAsync(Url(BaoHa, 2025)));
        Assert.Equal(700, read.GetProperty("poorEthnicMinority").GetInt32());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("nearPoorEthnicMinority").ValueKind);

        var empty = await JsonAsync(
            await office.Client.PutAsJsonAsync(
                Url(BaoHa, 2026),
                new
                {
                    households = 0,
                    poor = 0,
                    nearPoor = 0,
                }
            )
        );
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("povertyRate").ValueKind);

        // 2027: the standard of ND 351/2025, whose indicators other than the first dimension's were not read.
        var later = await JsonAsync(
            await office.Client.PutAsJsonAsync(
                Url(BaoHa, 2027),
                new
                {
                    households = 10,
                    poor = 1,
                    nearPoor = 0,
                    deprivations = new Dictionary<string, int> { ["1.2"] = 3 },
                }
            )
        );
        Assert.Equal("nd-351-2025", later.GetProperty("standard").GetString());
        Assert.Equal(10m, later.GetProperty("povertyRate").GetDecimal());
    }

    public static TheoryData<string, string, string> Refusals() =>
        new()
        {
            { """{"households":100.5,"poor":1,"nearPoor":1}""", "households", "số nguyên" },
            { """{"households":100,"poor":-2,"nearPoor":1}""", "poor", "không được âm" },
            { """{"households":100,"poor":60,"nearPoor":50}""", "nearPoor", "vượt tổng số hộ" },
            { """{"households":100,"poor":10,"nearPoor":5,"poorEthnicMinority":11}""", "poorEthnicMinority", "vượt số hộ nghèo" },
            {
                """{"households":100,"poor":10,"nearPoor":5,"nearPoorEthnicMinority":6}""",
                "nearPoorEthnicMinority",
                "vượt số hộ cận nghèo"
            },
            { """{"households":100,"poor":10,"nearPoor":5,"newlyPoor":11}""", "newlyPoor", "vượt số hộ nghèo" },
            { """{"households":100,"poor":10,"nearPoor":5,"deprivations":{"9.9":3}}""", "deprivations.9.9", "không thuộc chuẩn nghèo" },
            { """{"households":100,"poor":10,"nearPoor":5,"deprivations":{"1.1":101}}""", "deprivations.1.1", "vượt tổng số hộ" },
            { """{"households":100,"poor":10,"nearPoor":5,"deprivations":{"1.1":2.5}}""", "deprivations.1.1", "số nguyên" },
            { """{"poor":10,"nearPoor":5}""", "households", "bắt buộc" },
        };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_count_that_does_not_add_up_is_refused_naming_its_field_and_nothing_is_written(
        string body,
        string field,
        string words
    )
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var response = await office.Client.PutAsync(
            Url(BaoHa, 2025),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json")
        );
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(ProblemAssert.Errors(problem, field), m => m.Contains(words, StringComparison.Ordinal));
        await ProblemAssert.IsProblemAsync(await office.Client.GetAsync(Url(BaoHa, 2025)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Several_faults_are_named_together_and_an_indicator_of_another_standard_is_refused()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var problem = await ProblemAssert.IsProblemAsync(
            await office.Client.PutAsJsonAsync(
                Url(BaoHa, 2027),
                new
                {
                    households = -1,
                    poor = 1.5,
                    nearPoor = 0,
                    deprivations = new Dictionary<string, int> { ["2.1"] = 1 },
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("không được âm", ProblemAssert.Errors(problem, "households")[0]);
        Assert.Contains("số nguyên", ProblemAssert.Errors(problem, "poor")[0]);
        // 2.1 (Dinh dưỡng) is an indicator of the 2022–2026 standard; of the 2027 one only dimension 1 was read.
        Assert.Contains("Nghị định 351/2025/NĐ-CP", ProblemAssert.Errors(problem, "deprivations.2.1")[0]);
        await ProblemAssert.IsProblemAsync(await office.Client.GetAsync(Url(BaoHa, 2027)), HttpStatusCode.NotFound);
        // 2021 (old Bảo Hà): no standard of the data applies (ND 07/2021 from 2022).
        var before = await ProblemAssert.IsProblemAsync(
            await office.Client.PutAsJsonAsync(
                Url(BaoHa, 2021),
                new
                {
                    households = 1,
                    poor = 0,
                    nearPoor = 0,
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("chuẩn nghèo", ProblemAssert.Errors(before, "year")[0]);
    }

    [Fact]
    public async Task An_approved_result_changes_only_after_the_office_reopens_it_with_a_reason()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var officer = await app.Given().Account(Roles.Commune, unit: BaoHa);
        var draft = await JsonAsync(
            await officer.Client.PutAsJsonAsync(
                Url(BaoHa, 2025),
                new
                {
                    households = 1000,
                    poor = 80,
                    nearPoor = 60,
                }
            )
        );
        Assert.Equal("draft", draft.GetProperty("status").GetString());

        await ProblemAssert.IsProblemAsync(
            await officer.Client.PostAsJsonAsync($"{Url(BaoHa, 2025)}/approve", new { }),
            HttpStatusCode.Forbidden
        );
        var approved = await JsonAsync(await office.Client.PostAsJsonAsync($"{Url(BaoHa, 2025)}/approve", new { }));
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(approved.GetProperty("approvedBy").GetString()));

        foreach (var who in new[] { officer.Client, office.Client })
        {
            var refused = await ProblemAssert.IsProblemAsync(
                await who.PutAsJsonAsync(
                    Url(BaoHa, 2025),
                    new
                    {
                        households = 1000,
                        poor = 70,
                        nearPoor = 60,
                    }
                ),
                HttpStatusCode.Conflict
            );
            Assert.Contains("mở lại", refused.GetProperty("detail").GetString());
        }
        Assert.Equal(80, (await JsonAsync(await office.Client.GetAsync(Url(BaoHa, 2025)))).GetProperty("poor").GetInt32());

        var noReason = await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync($"{Url(BaoHa, 2025)}/reopen", new { reason = "  " }),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("Lý do", ProblemAssert.Errors(noReason, "reason")[0]);
        await ProblemAssert.IsProblemAsync(
            await officer.Client.PostAsJsonAsync($"{Url(BaoHa, 2025)}/reopen", new { reason = "Sai số hộ" }),
            HttpStatusCode.Forbidden
        );
        var reopened = await JsonAsync(
            await office.Client.PostAsJsonAsync($"{Url(BaoHa, 2025)}/reopen", new { reason = "Thôn 3 đếm thiếu 10 hộ" })
        );
        Assert.Equal("draft", reopened.GetProperty("status").GetString());
        Assert.Equal("Thôn 3 đếm thiếu 10 hộ", reopened.GetProperty("reopenReason").GetString());
        var corrected = await JsonAsync(
            await officer.Client.PutAsJsonAsync(
                Url(BaoHa, 2025),
                new
                {
                    households = 1010,
                    poor = 70,
                    nearPoor = 60,
                }
            )
        );
        Assert.Equal(6.93m, corrected.GetProperty("povertyRate").GetDecimal());

        // The audit trail keeps each step, filed under the commune and year.
        using var scope = app.Services.CreateScope();
        var trail = await app.Db(scope).AuditEntries.Where(e => e.UnitCode == BaoHa && e.Year == 2025).ToListAsync();
        Assert.True(trail.Count >= 4, $"{trail.Count} audit rows");
    }
}
