using System.Net.Http.Headers;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Mtqg.Api.Client;
using Mtqg.Api.Client.Models;
using Mtqg.Web.Tests.Infrastructure;
using Mtqg.Web.Tests.Scorecards;

namespace Mtqg.Api.Tests;

/// <summary>
/// An integrator's journey through the client generated from openapi/v1.json (Kiota, at build time) against the real app on
/// the demo data: a token, values of a commune-year, its scorecard, the province summary, then a dossier made and submitted.
/// Every call, typed request and typed answer, goes through the generated code.
/// </summary>
public sealed class ClientJourneyTests
{
    private const string BaoHa = DemoSet.BaoHa;
    private const string LaoCai = "15";
    private const int Year = 2026;

    [Fact]
    public async Task A_commune_year_goes_from_values_to_its_scorecard_the_province_summary_and_a_submitted_dossier()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var anonymous = Client(app, token: null);
        var before = await anonymous.Api.V1.Provinces[LaoCai].Years[Year].Summary.GetAsync(r => r.QueryParameters.Set = DemoSet.Code);
        Assert.NotNull(before);

        // Token: the typed answer carries the bearer token the other calls send.
        var token = await anonymous.Api.V1.Auth.Token.PostAsync(new TokenRequest { UserName = "demo.admin", Password = "Demo@2026" });
        Assert.False(string.IsNullOrEmpty(token?.AccessToken));
        var admin = Client(app, token!.AccessToken);

        // Values of Bảo Hà in 2026 (group G1, every indicator at its NTM threshold): the answer is the scorecard.
        await admin
            .Api.V1.Communes[BaoHa]
            .CriteriaSets[DemoSet.Code]
            .Group.PutAsync(new GroupRequest { Group = "G1" }, r => r.QueryParameters.Year = Year);
        var values = new ValuesRequest_values { AdditionalData = DemoSet.MeetingNtmInG1().ToDictionary(v => v.Key, v => v.Value!) };
        var written = await admin
            .Api.V1.Communes[BaoHa]
            .Years[Year]
            .Values.PutAsync(new ValuesRequest { Values = values }, r => r.QueryParameters.Set = DemoSet.Code);
        Assert.Equal((BaoHa, Year, DemoSet.Code), (written!.Commune!.Code, written.Year, written.Set));
        Assert.Contains("NTM", written.Reached!);
        Assert.DoesNotContain("NTMNC", written.Reached!); // 1.2 = 90 stays under the NTMNC threshold

        var card = await admin.Api.V1.Communes[BaoHa].Years[Year].Scorecard.GetAsync(r => r.QueryParameters.Set = DemoSet.Code);
        Assert.Equal(written.Version, card!.Version);
        Assert.Equal(card.CriteriaTotal, card.CriteriaMet);
        Assert.All(card.Criteria!, c => Assert.Equal("met", c.Status));

        // The province summary (anonymous) counts Bảo Hà among the communes that reach NTM.
        var summary = await anonymous.Api.V1.Provinces[LaoCai].Years[Year].Summary.GetAsync(r => r.QueryParameters.Set = DemoSet.Code);
        Assert.Equal(LaoCai, summary!.Province!.Code);
        var baoHa = Assert.Single(summary.Communes!, c => c.Code == BaoHa);
        Assert.Contains("NTM", baoHa.Reached!);
        var ntm = summary.Levels!.Single(l => l.Code == "NTM").Communes;
        Assert.Equal(summary.Communes!.Count(c => c.Reached!.Contains("NTM")), ntm);

        // The commune's officer makes its dossier, fills it in and submits it: the typed dossier says so.
        var officerToken = await anonymous.Api.V1.Auth.Token.PostAsync(new TokenRequest { UserName = "demo.xa", Password = "Demo@2026" });
        var officer = Client(app, officerToken!.AccessToken);
        var draft = await officer.Api.V1.Dossiers.PostAsync(
            new CreateDossierRequest
            {
                Commune = BaoHa,
                Year = Year,
                Set = DemoSet.Code,
                Level = "NTM",
            }
        );
        Assert.Equal("draft", draft!.Status);
        await officer
            .Api.V1.Dossiers[draft.Id!.Value]
            .PutAsync(new UpdateDossierRequest { ResidentSatisfaction = 95, NoConstructionDebtDeclared = true });
        var submitted = await officer.Api.V1.Dossiers[draft.Id.Value].Submit.PostAsync();
        Assert.Equal("submitted", submitted!.Status);
        Assert.Equal(BaoHa, submitted.Commune!.Code);
        Assert.Equal(card.Criteria!.Count, submitted.Criteria!.Count);
        var listed = await officer.Api.V1.Dossiers.GetAsync(r => r.QueryParameters.Year = Year);
        Assert.Contains(listed!, d => d.Id == draft.Id && d.Status == "submitted");
    }

    /// <summary>The generated client on the test server: anonymous, or sending <paramref name="token"/> as a bearer token.</summary>
    private static MtqgClient Client(MtqgApp app, string? token)
    {
        var http = app.CreateClient();
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = http.BaseAddress!.ToString().TrimEnd('/'),
        };
        return new MtqgClient(adapter);
    }
}
