using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Plans;

/// <summary>
/// The plan page's progress form as the agency sends it from a browser: a day-first date, an amount, evidence text and a
/// file, bound by the framework (no hand read of the posted form) — recorded as typed, the file kept with it.
/// </summary>
public sealed class PlanProgressPageTests
{
    [Fact]
    public async Task An_agency_records_progress_on_the_plan_page_with_a_day_first_date_and_an_evidence_file()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        var plan = await app.Given().Plan(office, "15", "77/KH-BCĐ");
        var created = await office.PostAsJsonAsync(
            $"/api/v1/plans/{plan}/targets",
            new
            {
                kind = "activity",
                name = "Tập huấn cán bộ xã",
                unit = "lớp",
                goal = 10,
                agency = "Sở Tài chính",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var target = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var agency = await app.ClientAsAsync("demo.giupdo", followRedirects: false);
        var url = $"/ke-hoach/{plan}";
        var page = await agency.GetStringAsync(url);
        var form = new MultipartFormDataContent
        {
            { new StringContent(PageForms.Hidden(page, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent($"progress-{target}"), "_handler" },
            { new StringContent("01/03/2026"), "date" },
            { new StringContent("2"), "amount" },
            { new StringContent("Biên bản lớp 1–2"), "evidence" },
            { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "bien-ban.pdf" },
        };
        var response = await agency.PostAsync(url, form);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);

        var view = await office.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{plan}?asOf=2026-12-31");
        var update = Assert.Single(
            view.GetProperty("targets")
                .EnumerateArray()
                .Single(t => t.GetProperty("id").GetInt32() == target)
                .GetProperty("updates")
                .EnumerateArray()
        );
        Assert.Equal("2026-03-01", update.GetProperty("date").GetString()); // the first of March, not the third of January
        Assert.Equal(2m, update.GetProperty("amount").GetDecimal());
        Assert.Equal("Biên bản lớp 1–2", update.GetProperty("evidence").GetString());
        Assert.Equal("bien-ban.pdf", update.GetProperty("fileName").GetString());
    }
}
