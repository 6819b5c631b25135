using Mtqg.Domain.Visits;

namespace Mtqg.Domain.Tests.Visits;

public class VisitValidationTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateTime Now = new(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);

    private static Visit Good() =>
        new()
        {
            Date = new(2026, 11, 20),
            Agency = "Sở Tài chính",
            CommuneCode = "25252",
            Participants = ["Đ/c Nguyễn Văn A — Phó Giám đốc", "Lãnh đạo UBND xã"],
            Content = "Nắm tình hình thực hiện tiêu chí giao thông",
            Findings = "Đường trục thôn còn 2 km chưa cứng hoá",
            Support =
            [
                new(SupportKind.Money, "Hỗ trợ hộ nghèo", Value: 20_000_000),
                new(SupportKind.Gift, "Quà Tết", 50, "suất", 25_000_000),
                new(SupportKind.Materials, "Xi măng", 10, "tấn"),
                new(SupportKind.InKindWork, "Ngày công làm đường", 120, "ngày công"),
            ],
            Difficulties = ["Thiếu vốn đối ứng"],
            Recommendations = [new("Bố trí vốn làm đường trục thôn", ResponsibleParty.Department("Sở Xây dựng"), new(2027, 3, 31))],
        };

    [Fact]
    public void A_complete_visit_has_no_problems_and_totals_its_support_in_dong()
    {
        Assert.Empty(Good().Validate(Today));
        Assert.Equal(45_000_000L, Good().SupportValue);
    }

    [Fact]
    public void A_visit_dated_today_is_accepted_and_one_dated_tomorrow_is_refused()
    {
        Assert.Empty((Good() with { Date = Today }).Validate(Today));
        var problem = Assert.Single((Good() with { Date = Today.AddDays(1) }).Validate(Today));
        Assert.Equal(("date", "Ngày làm việc (27/11/2026) không được sau ngày hôm nay (26/11/2026)."), (problem.Field, problem.Message));
    }

    public static TheoryData<Visit, string, string> BadVisits =>
        new()
        {
            { Good() with { Agency = " " }, "agency", "Phải ghi cơ quan giúp đỡ xã." },
            { Good() with { CommuneCode = "" }, "communeCode", "Phải chọn xã." },
            { Good() with { Participants = [] }, "participants", "Phải ghi ít nhất một thành phần tham dự." },
            { Good() with { Participants = ["A", ""] }, "participants[1]", "Thành phần tham dự dòng 2: không được để trống." },
            { Good() with { Content = "" }, "content", "Phải ghi nội dung buổi làm việc." },
            {
                Good() with
                {
                    Support = [new(SupportKind.Gift, "Quà", 1, "suất"), new(SupportKind.Money, "Tiền mặt")],
                },
                "support[1].value",
                "Hỗ trợ dòng 2: hỗ trợ bằng tiền phải có số tiền (đồng)."
            },
            {
                Good() with
                {
                    Support = [new(SupportKind.Money, "", Value: 0)],
                },
                "support[0].value",
                "Hỗ trợ dòng 1: hỗ trợ bằng tiền phải có số tiền (đồng)."
            },
            {
                Good() with
                {
                    Support = [new(SupportKind.Gift, "Quà", Value: -5)],
                },
                "support[0].value",
                "Hỗ trợ dòng 1: giá trị không được âm."
            },
            {
                Good() with
                {
                    Support = [new(SupportKind.Materials, "Xi măng", 0, "tấn")],
                },
                "support[0].quantity",
                "Hỗ trợ dòng 1: số lượng phải lớn hơn 0."
            },
            {
                Good() with
                {
                    Support = [new(SupportKind.Materials, "Xi măng", 10)],
                },
                "support[0].unit",
                "Hỗ trợ dòng 1: có số lượng thì phải ghi đơn vị tính."
            },
            {
                Good() with
                {
                    Support = [new(SupportKind.InKindWork, " ", 3, "ngày công")],
                },
                "support[0].description",
                "Hỗ trợ dòng 1: phải ghi nội dung hỗ trợ."
            },
            { Good() with { Difficulties = [""] }, "difficulties[0]", "Khó khăn dòng 1: không được để trống." },
            {
                Good() with
                {
                    Recommendations = [new("", ResponsibleParty.Commune)],
                },
                "recommendations[0].text",
                "Kiến nghị dòng 1: phải nhập nội dung kiến nghị."
            },
            {
                Good() with
                {
                    Recommendations = [new("Làm đường", ResponsibleParty.Province, new(2026, 11, 1))],
                },
                "recommendations[0].dueDate",
                "Kiến nghị dòng 1: hạn xử lý (01/11/2026) không được trước ngày nêu kiến nghị (20/11/2026)."
            },
        };

    [Theory]
    [MemberData(nameof(BadVisits))]
    public void Each_problem_names_its_field_or_row_in_vietnamese(Visit visit, string field, string message)
    {
        var problem = Assert.Single(visit.Validate(Today));

        Assert.Equal((field, message), (problem.Field, problem.Message));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var visit = Good() with { Agency = "", Content = "", Date = Today.AddDays(2), Support = [new(SupportKind.Money, "Tiền")] };

        Assert.Equal(["date", "agency", "content", "support[0].value"], visit.Validate(Today).Select(p => p.Field));
    }

    [Fact]
    public void A_valid_visit_raises_its_recommendations_on_its_date_for_its_agency_and_commune()
    {
        var outcome = Good().RaiseRecommendations("agency-user", Today, Now, out var raised);

        Assert.True(outcome.IsDone);
        var r = Assert.Single(raised);
        Assert.Equal(
            (new DateOnly(2026, 11, 20), "Sở Tài chính", "25252", RecommendationStatus.Open),
            (r.RaisedOn, r.RaisedBy, r.CommuneCode, r.Status)
        );
        Assert.Equal(ResponsibleParty.Department("Sở Xây dựng"), r.Responsible);
    }

    [Fact]
    public void An_invalid_visit_raises_no_recommendation()
    {
        var outcome = (Good() with { Content = "" }).RaiseRecommendations("agency-user", Today, Now, out var raised);

        Assert.True(outcome.IsInvalid);
        Assert.Empty(raised);
    }
}
