using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;
using Mtqg.Web.Features.Scorecards.Excel;
using Mtqg.Web.Tests.Excel;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Scorecards;

/// <summary>
/// A cached province summary re-evaluates only the communes whose inputs changed (decision 0030): whatever path the change
/// took — a value through the API, a group, a workbook written in bulk — the summary served afterwards is exactly the one a
/// node that never cached it computes from the database.
/// </summary>
public sealed class SummaryStampsTests
{
    private const string Workbook = "/api/v1/provinces/15/years/2026/workbook?set=" + Code;

    [Fact]
    public async Task After_a_value_a_group_and_a_workbook_each_changed_one_commune_the_cached_summary_equals_one_computed_afresh()
    {
        await using var first = await MtqgApp.StartDemoAsync();
        var admin = await first.ClientAsAsync("demo.admin");
        var coordinator = await first.ClientAsAsync("demo.dieuphoi");
        var dashboard = first.CreateClient();
        await admin.AssignGroupAsync(BaoHa, "G1");
        await admin.PutValuesOkAsync(BaoHa, 2026, MeetingNtmInG1());
        var before = await dashboard.SummaryAsync("15", 2026);
        Assert.Equal(["NTM"], before.Commune("communes", BaoHa)!.Value.Reached());

        // A value through the API: the commune loses a criterion.
        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 90 });
        var afterValue = await dashboard.SummaryAsync("15", 2026);
        Assert.Empty(afterValue.Commune("communes", BaoHa)!.Value.Reached());
        await AgreesWithAFreshNodeAsync(first, afterValue);

        // A group: another commune is judged in the other group.
        var groupBefore = afterValue.Commune("communes", BaoNhai)!.Value.GetProperty("group").GetString();
        var otherGroup = groupBefore == "G1" ? "G2" : "G1";
        await admin.AssignGroupAsync(BaoNhai, otherGroup);
        var afterGroup = await dashboard.SummaryAsync("15", 2026);
        Assert.Equal(otherGroup, afterGroup.Commune("communes", BaoNhai)!.Value.GetProperty("group").GetString());
        await AgreesWithAFreshNodeAsync(first, afterGroup);

        // A workbook written in bulk (bypassing change tracking): every value of Bảo Nhai cleared ("xóa").
        var cleared = await WorkbookWithoutValuesOfAsync(coordinator, BaoNhai);
        var upload = await coordinator.PostAsync(Workbook, ValuesFiles.Form(cleared));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var afterWorkbook = await dashboard.SummaryAsync("15", 2026);
        Assert.Equal(0, afterWorkbook.Commune("communes", BaoNhai)!.Value.GetProperty("valuesEntered").GetInt32());
        Assert.Equal(afterGroup.GetProperty("communesWithData").GetInt32() - 1, afterWorkbook.GetProperty("communesWithData").GetInt32());
        await AgreesWithAFreshNodeAsync(first, afterWorkbook);
    }

    [Fact]
    public async Task A_value_moves_only_its_communes_stamp_and_a_save_a_summary_does_not_read_moves_none()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var baoHa = await UnitIdAsync(app, BaoHa);
        var before = await StampsAsync(app);

        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 91 });
        var afterValue = await StampsAsync(app);
        Assert.Equal([baoHa], Moved(before, afterValue));

        var profile = await admin.PutAsJsonAsync("/api/v1/me/notifications", new { email = "thu@example.vn", choice = "daily" });
        Assert.True(profile.IsSuccessStatusCode, $"PUT me/notifications: {(int)profile.StatusCode}");
        Assert.Empty(Moved(afterValue, await StampsAsync(app)));
    }

    private static List<int> Moved(Dictionary<int, long> before, Dictionary<int, long> after) =>
        [.. after.Where(s => before.GetValueOrDefault(s.Key) != s.Value).Select(s => s.Key)];

    private static async Task AgreesWithAFreshNodeAsync(MtqgApp first, JsonElement cached)
    {
        await using var fresh = new MtqgApp(first.ConnectionString, ownsDatabase: false, demo: first.IsDemo);
        var computed = await fresh.CreateClient().SummaryAsync("15", 2026);
        Assert.Equal(computed.GetRawText(), cached.GetRawText());
    }

    private static async Task<Dictionary<int, long>> StampsAsync(MtqgApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.EvaluationStamps.AsNoTracking().ToDictionaryAsync(s => s.UnitId, s => s.Stamp);
    }

    private static async Task<int> UnitIdAsync(MtqgApp app, string code)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Units.Where(u => u.Code == code && u.ValidTo == null).Select(u => u.Id).SingleAsync(); // the unit in force
    }

    private static async Task<byte[]> WorkbookWithoutValuesOfAsync(HttpClient client, string commune)
    {
        var rows = ValuesFiles.Rows(await (await client.GetAsync(Workbook)).Content.ReadAsByteArrayAsync());
        var headers = rows[0].Keys.ToList();
        var row = rows.Single(r => r[ValuesWorkbook.CodeHeader] as string == commune);
        Assert.Contains(headers.Skip(3), h => row[h] is not null);
        foreach (var header in headers.Skip(3).Where(h => row[h] is not null))
            row[header] = "xóa";
        return ValuesFiles.Save(rows);
    }
}
