using System.Net;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Scorecards;

public sealed class ScorecardValuesApiTests
{
    [Fact]
    public async Task Values_put_by_an_administrator_come_back_as_the_scorecard_of_the_commune_year()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.AssignGroupAsync(BaoHa, "G1");

        var card = await admin.PutValuesOkAsync(BaoHa, 2026, MeetingNtmInG1());

        Assert.Equal(BaoHa, card.GetProperty("commune").GetProperty("code").GetString());
        Assert.Equal("Xã Bảo Hà", card.GetProperty("commune").GetProperty("name").GetString());
        Assert.Equal(2026, card.GetProperty("year").GetInt32());
        Assert.Equal(Code, card.GetProperty("set").GetString());
        Assert.Equal("G1", card.GetProperty("group").GetString());
        Assert.Equal("NTM", card.GetProperty("level").GetString());
        Assert.Equal((10, 10), (card.GetProperty("criteriaMet").GetInt32(), card.GetProperty("criteriaTotal").GetInt32()));
        Assert.Equal("Đạt chuẩn", card.GetProperty("band").GetString());
        Assert.Equal(["NTM"], card.Reached());
        Assert.Equal(
            Enumerable.Range(1, 10),
            card.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("number").GetInt32())
        );
        Assert.All(card.GetProperty("criteria").EnumerateArray(), c =>
        {
            Assert.Equal("met", c.Status());
            Assert.False(string.IsNullOrEmpty(c.GetProperty("code").GetString()));
            Assert.False(string.IsNullOrEmpty(c.GetProperty("name").GetString()));
        });
        var indicators = card.GetProperty("criteria")
            .EnumerateArray()
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .ToList();
        Assert.Equal(MeetingNtmInG1().Keys.Order(), indicators.Select(i => i.GetProperty("code").GetString()!).Order());
        Assert.All(indicators, i => Assert.Equal("met", i.Status()));

        var plan = card.Indicator("1.1");
        Assert.Equal("Có quy hoạch chung xã được phê duyệt và công bố", plan.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.True, plan.GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.True, plan.GetProperty("threshold").ValueKind);
        Assert.Equal("achieved", plan.GetProperty("rule").GetString());

        var roads = card.Indicator("2.1");
        Assert.Equal(
            (100m, 100m, ">="),
            (roads.GetProperty("value").GetDecimal(), roads.GetProperty("threshold").GetDecimal(), roads.GetProperty("rule").GetString())
        );
        var poverty = card.Indicator("6.1");
        Assert.Equal(
            (1.8m, 2m, "<="),
            (
                poverty.GetProperty("value").GetDecimal(),
                poverty.GetProperty("threshold").GetDecimal(),
                poverty.GetProperty("rule").GetString()
            )
        );
        Assert.Equal(2.5m, card.Indicator("8.3").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task The_scorecard_read_afterwards_is_the_one_the_write_returned()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.AssignGroupAsync(BaoHa, "G1");
        var values = MeetingNtmInG1();
        values["2.1"] = 90;
        values["9.2"] = false;

        var written = await admin.PutValuesOkAsync(BaoHa, 2026, values);
        var read = await admin.ScorecardAsync(BaoHa, 2026);

        Assert.True(JsonElement.DeepEquals(written, read), $"PUT answered {written}\nGET answered {read}");
        Assert.Equal(90m, read.Indicator("2.1").GetProperty("value").GetDecimal());
        Assert.Equal(JsonValueKind.False, read.Indicator("9.2").GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task A_failing_value_makes_its_criterion_not_met_and_is_explained_in_Vietnamese_with_the_threshold()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.AssignGroupAsync(BaoHa, "G1");
        await admin.PutValuesOkAsync(BaoHa, 2026, MeetingNtmInG1());

        var card = await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 90 });

        var roads = card.Indicator("2.1");
        Assert.Equal("not_met", roads.Status());
        Assert.Equal((90m, 100m), (roads.GetProperty("value").GetDecimal(), roads.GetProperty("threshold").GetDecimal()));
        var explanation = roads.GetProperty("explanation").GetString()!;
        Assert.Contains("Chỉ tiêu 2.1", explanation);
        Assert.Contains("90%", explanation);
        Assert.Contains("ngưỡng 100%", explanation);
        Assert.Equal("not_met", card.Criterion(2).Status());
        Assert.All(card.GetProperty("criteria").EnumerateArray().Where(c => c.GetProperty("number").GetInt32() != 2), c =>
            Assert.Equal("met", c.Status())
        );
        Assert.Equal(9, card.GetProperty("criteriaMet").GetInt32());
        Assert.Equal("8–9 tiêu chí", card.GetProperty("band").GetString());
        Assert.Empty(card.Reached());
        Assert.Equal(JsonValueKind.Null, card.Indicator("2.2").GetProperty("explanation").ValueKind);
    }

    [Fact]
    public async Task A_boolean_indicator_set_to_false_comes_back_false_and_fails_its_criterion()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.AssignGroupAsync(BaoHa, "G1");
        await admin.PutValuesOkAsync(BaoHa, 2026, MeetingNtmInG1());

        var card = await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["10.1"] = false });

        var law = card.Indicator("10.1");
        Assert.Equal(JsonValueKind.False, law.GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.True, law.GetProperty("threshold").ValueKind);
        Assert.Equal("not_met", law.Status());
        Assert.Contains("Chỉ tiêu 10.1", law.GetProperty("explanation").GetString());
        Assert.Equal("not_met", card.Criterion(10).Status());
        Assert.Empty(card.Reached());
    }

    [Fact]
    public async Task Null_clears_a_value_and_the_indicator_becomes_missing()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.AssignGroupAsync(BaoHa, "G1");
        await admin.PutValuesOkAsync(BaoHa, 2026, MeetingNtmInG1());

        var card = await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["5.3"] = null });

        var halls = card.Indicator("5.3");
        Assert.Equal(JsonValueKind.Null, halls.GetProperty("value").ValueKind);
        Assert.Equal("missing", halls.Status());
        Assert.Contains("chưa có số liệu", halls.GetProperty("explanation").GetString());
        Assert.Equal("missing", card.Criterion(5).Status());
        Assert.Equal(9, card.GetProperty("criteriaMet").GetInt32());
        Assert.Empty(card.Reached());

        var read = await admin.ScorecardAsync(BaoHa, 2026);
        Assert.Equal("missing", read.Indicator("5.3").Status());
        Assert.Equal(JsonValueKind.Null, read.Indicator("5.3").GetProperty("value").ValueKind);

        var again = await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["5.3"] = null });
        Assert.Equal("missing", again.Indicator("5.3").Status());
    }

    [Fact]
    public async Task A_commune_reaches_NTMNC_only_when_it_also_meets_every_NTMNC_threshold()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.AssignGroupAsync(BaoHa, "G1");
        await admin.PutValuesOkAsync(BaoHa, 2026, MeetingNtmInG1());

        var advanced = await admin.ScorecardAsync(BaoHa, 2026, level: "NTMNC");
        Assert.Equal("NTMNC", advanced.GetProperty("level").GetString());
        Assert.Equal(6, advanced.GetProperty("criteriaTotal").GetInt32()); // TC01, 02, 03, 05, 06, 07 have NTMNC rows
        Assert.Equal("not_applicable", advanced.Criterion(4).Status());
        Assert.Equal("not_applicable", advanced.Indicator("1.1").Status());
        Assert.Equal("not_met", advanced.Criterion(1).Status());
        Assert.Equal(100m, advanced.Indicator("1.2").GetProperty("threshold").GetDecimal());
        Assert.Equal(["NTM"], advanced.Reached());

        var card = await admin.PutValuesOkAsync(
            BaoHa,
            2026,
            new Dictionary<string, object?>
            {
                ["1.2"] = 100,
                ["3.1"] = 95,
                ["5.1"] = 98,
                ["6.1"] = 1.0m,
                ["7.2"] = 92,
            }
        );
        Assert.Equal(["NTM", "NTMNC"], card.Reached());
        Assert.Equal(6, (await admin.ScorecardAsync(BaoHa, 2026, level: "NTMNC")).GetProperty("criteriaMet").GetInt32());
    }

    [Fact]
    public async Task A_threshold_for_a_given_year_applies_in_that_year_only()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.AssignGroupAsync(BaoHa, "G1");
        var income = new Dictionary<string, object?> { ["3.1"] = 82 };

        var in2028 = (await admin.PutValuesOkAsync(BaoHa, 2028, income)).Indicator("3.1");
        var in2029 = (await admin.PutValuesOkAsync(BaoHa, 2029, income)).Indicator("3.1");
        var in2030 = (await admin.PutValuesOkAsync(BaoHa, 2030, income)).Indicator("3.1");

        Assert.Equal((75m, "met"), (in2028.GetProperty("threshold").GetDecimal(), in2028.Status()));
        Assert.Equal((80m, "met"), (in2029.GetProperty("threshold").GetDecimal(), in2029.Status()));
        Assert.Equal((85m, "not_met"), (in2030.GetProperty("threshold").GetDecimal(), in2030.Status()));
        Assert.Contains("năm 2030", in2030.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task Writing_values_answers_ok_with_json_for_the_lowest_level_even_when_a_value_is_unchanged()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["1.2"] = 90 });

        var response = await admin.PutValuesAsync(BaoHa, 2026, new Dictionary<string, object?> { ["1.2"] = 90 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var card = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("NTM", card.GetProperty("level").GetString());
        Assert.Equal(90m, card.Indicator("1.2").GetProperty("value").GetDecimal());
    }
}
