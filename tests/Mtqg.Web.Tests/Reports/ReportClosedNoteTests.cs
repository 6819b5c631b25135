using System.Net;
using System.Net.Http.Json;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Reports;

/// <summary>A report says whether its figures come from a closed period (DESIGN §13): open, closed by whom and when, or not a closable part.</summary>
public sealed class ReportClosedNoteTests
{
    private static async Task<List<string>> TextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return [.. ReportFiles.Rows(await response.Content.ReadAsByteArrayAsync()).SelectMany(r => r.Values)];
    }

    [Fact]
    public async Task The_yearly_report_says_open_then_closed_by_whom_and_a_report_of_visits_says_it_is_not_closed()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: "15");
        var ntm = "/api/v1/reports/ntm-results.xlsx?province=15&year=2025";

        Assert.Contains("Số liệu chưa khóa sổ", await TextAsync(office.Client, ntm));
        var closed = await office.Client.PostAsJsonAsync("/api/v1/provinces/15/years/2025/close", new { parts = new[] { "values" } });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        var text = await TextAsync(office.Client, ntm);
        Assert.Contains(text, t =>
            t.StartsWith("Số liệu của kỳ đã khóa sổ lúc", StringComparison.Ordinal) && t.Contains(" bởi ", StringComparison.Ordinal)
        );
        Assert.DoesNotContain("Số liệu chưa khóa sổ", text);
        // The poverty report of the same year follows its own part, still open; the agencies' visits are never closed.
        Assert.Contains("Số liệu chưa khóa sổ", await TextAsync(office.Client, "/api/v1/reports/poverty.xlsx?province=15&year=2025"));
        Assert.Contains(
            "Số liệu tại thời điểm lập báo cáo (phần số liệu này không khóa sổ)",
            await TextAsync(office.Client, "/api/v1/reports/agencies.xlsx?province=15&year=2025")
        );
    }
}
