using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Data.Visits;
using Mtqg.Domain.Common;
using Mtqg.Domain.Plans;
using Mtqg.Domain.Units;
using Mtqg.Domain.Visits;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Plans;

/// <summary>
/// Demo mode only: a plan of Lào Cai (15) with targets of each kind, two helping agencies (demo.giupdo's Sở Tài chính
/// helps Xã Bảo Hà 02989 among others), a commune list, visits and recommendations (some overdue). The first communes
/// of the province by code: the same communes on every start. What is about "now" follows the calendar
/// (docs/decisions/0012): the assignments run from 2026 to the end of the 2026–2030 phase; the visits and
/// recommendations keep their distance from today; after 2026 the current year has its own plan beside the 2026 one,
/// its progress spread over the part of the year gone by. Nothing here is an official number.
/// </summary>
public sealed class PlanDemoSeeder(AppDbContext db, TimeProvider clock)
{
    public const string Province = "15",
        PlanNumber = "239/KH-BCĐ",
        DemoCommune = "02989";
    public const string FinanceAgency = "Sở Tài chính",
        ScienceAgency = "Sở Khoa học và Công nghệ";

    /// <summary>The day the demo's dates were written for: on it, every date below is the one written.</summary>
    private static readonly DateOnly WrittenOn = new(2026, 11, 26);

    /// <summary>The demo plan of a year: 239/KH-BCĐ for 2026, the numbers after it for the later years (illustrative).</summary>
    public static string PlanNumberOf(int year) => year <= 2026 ? PlanNumber : $"{239 + year - 2026}/KH-BCĐ";

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Plans.AnyAsync(p => p.ProvinceCode == Province && p.Number == PlanNumber, ct))
            return;
        var communes = await UnitService
            .InForce(db.Units.AsNoTracking(), new DateOnly(2026, 11, 1))
            .Where(u => u.Level == UnitLevel.Commune && u.ProvinceCode == Province && u.Kind == UnitKind.Xa && u.Code != DemoCommune)
            .OrderBy(u => u.Code)
            .Select(u => u.Code)
            .Take(14)
            .ToListAsync(ct);
        if (communes.Count < 14)
            return;
        var today = VietnamTime.Today(clock);
        // Visits and recommendations move with today (never back before the dates written), so some stay overdue and one is still due.
        var shift = Math.Max(0, today.DayNumber - WrittenOn.DayNumber);
        DateOnly Recent(int month, int day) => new DateOnly(2026, month, day).AddDays(shift);
        static DateTime Utc(DateOnly date, int hour = 2) => date.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc);
        DateTime RecentUtc(int month, int day, int hour) => Utc(Recent(month, day), hour);
        var at = new DateTime(2026, 1, 20, 2, 0, 0, DateTimeKind.Utc);
        const string by = "demo";

        var finance = new Agency
        {
            ProvinceCode = Province,
            Name = FinanceAgency,
            NameKey = Agencies.Key(FinanceAgency),
        };
        var science = new Agency
        {
            ProvinceCode = Province,
            Name = ScienceAgency,
            NameKey = Agencies.Key(ScienceAgency),
        };
        string[] financeCommunes = [DemoCommune, communes[0], communes[1], communes[2]];
        string[] scienceCommunes = [communes[3], communes[4], communes[5]];
        // For the 2026–2030 phase, so the demo agency's visits are allowed on any day of it.
        DateOnly assignedFrom = new(2026, 1, 1),
            assignedTo = new(Math.Max(2030, today.Year), 12, 31);
        db.Assignments.AddRange(
            new Assignment
            {
                Agency = finance,
                ProvinceCode = Province,
                From = assignedFrom,
                To = assignedTo,
                Leader = "Phó Giám đốc Sở Tài chính (minh họa)",
                Communes = [.. financeCommunes.Select(c => new AssignmentCommune { CommuneCode = c })],
                UpdatedAt = at,
                UpdatedBy = by,
            },
            new Assignment
            {
                Agency = science,
                ProvinceCode = Province,
                From = assignedFrom,
                To = assignedTo,
                Leader = "Giám đốc Sở Khoa học và Công nghệ (minh họa)",
                Communes = [.. scienceCommunes.Select(c => new AssignmentCommune { CommuneCode = c })],
                UpdatedAt = at,
                UpdatedBy = by,
            }
        );

        var poorest = communes.Skip(4).Take(10).ToList();
        db.CommuneLists.Add(
            new CommuneList
            {
                ProvinceCode = Province,
                Name = "10 xã có tỷ lệ hộ nghèo cao năm 2023 (minh họa)",
                CommuneCodes = string.Join(',', poorest),
                UpdatedAt = at,
                UpdatedBy = by,
            }
        );

        string Goals(decimal goal) => string.Join(',', poorest.Select(c => $"{c}={goal.ToString(CultureInfo.InvariantCulture)}"));
        // The 2026 plan keeps its dates; a later year's plan has the same progress spread over the part of its year gone by.
        Plan PlanOf(int year, Func<DateOnly, DateOnly> on)
        {
            TargetUpdate Update(int month, int day, decimal amount, string? commune, string evidence, string who) =>
                new()
                {
                    Date = on(new(2026, month, day)),
                    Amount = amount,
                    CommuneCode = commune,
                    Evidence = evidence,
                    By = who,
                    ByUserName = by,
                    RecordedAt = Utc(on(new(2026, month, day))),
                };
            var issued = on(new(2026, 1, 20));
            return new Plan
            {
                ProvinceCode = Province,
                Number = PlanNumberOf(year),
                Issuer = "Ban Chỉ đạo các Chương trình MTQG tỉnh Lào Cai",
                IssuedOn = issued,
                PeriodFrom = new(year, 1, 1),
                PeriodTo = new(year, 12, 31),
                Title =
                    $"Kế hoạch thực hiện Chương trình MTQG xây dựng nông thôn mới tỉnh Lào Cai năm {year} (minh họa, không phải số liệu chính thức)",
                UpdatedAt = Utc(issued),
                UpdatedBy = by,
                Targets =
                [
                    new()
                    {
                        Kind = TargetKind.CommuneCount,
                        Name = $"Xã đạt chuẩn nông thôn mới năm {year}",
                        Level = "NTM",
                        Year = year,
                        Goal = 70,
                    },
                    new()
                    {
                        Kind = TargetKind.CommuneCount,
                        Name = $"Xã đạt chuẩn nông thôn mới nâng cao năm {year}",
                        Level = "NTMNC",
                        Year = year,
                        Goal = 20,
                    },
                    new()
                    {
                        Kind = TargetKind.NamedCommune,
                        Name = $"Xã Bảo Hà đạt chuẩn nông thôn mới năm {year}",
                        Level = "NTM",
                        Year = year,
                        CommuneCode = DemoCommune,
                        Goal = 1,
                    },
                    new()
                    {
                        Kind = TargetKind.Activity,
                        Name = "Tập huấn tổ công nghệ số cộng đồng",
                        Unit = "lớp",
                        Goal = 12,
                        Scope = ActivityScope.Overall,
                        Mode = ProgressMode.Cumulative,
                        Agency = finance,
                        Updates =
                        [
                            Update(3, 15, 3, null, "Biên bản 3 lớp tập huấn tại các xã được giúp đỡ", FinanceAgency),
                            Update(6, 20, 2, null, "Danh sách học viên 2 lớp", FinanceAgency),
                            Update(9, 10, 2, null, "Báo cáo kết quả tập huấn", FinanceAgency),
                        ],
                    },
                    new()
                    {
                        Kind = TargetKind.Activity,
                        Name = "Mạng LAN tại trụ sở UBND 10 xã có tỷ lệ hộ nghèo cao",
                        Unit = "xã",
                        Goal = poorest.Count,
                        Scope = ActivityScope.PerCommune,
                        Mode = ProgressMode.LatestValue,
                        CommuneGoals = Goals(1),
                        Agency = science,
                        Updates =
                        [
                            .. poorest.Take(8).Select((c, i) => Update(4 + i, 10, 1, c, "Biên bản nghiệm thu mạng LAN", ScienceAgency)),
                        ],
                    },
                    new()
                    {
                        Kind = TargetKind.Activity,
                        Name = "Mã địa chỉ bưu chính: 100% hộ ở 10 xã có tỷ lệ hộ nghèo cao",
                        Unit = "%",
                        Goal = poorest.Count,
                        Scope = ActivityScope.PerCommune,
                        Mode = ProgressMode.LatestValue,
                        CommuneGoals = Goals(100),
                        Agency = science,
                        Updates =
                        [
                            .. poorest.Select(
                                (c, i) =>
                                    Update(5 + i % 6, 1 + i, i < 3 ? 100 : 40 + 5 * i, c, "Số liệu gắn mã của Bưu điện tỉnh", ScienceAgency)
                            ),
                        ],
                    },
                ],
            };
        }
        db.Plans.Add(PlanOf(2026, d => d));
        if (today.Year > 2026)
            db.Plans.Add(
                PlanOf(today.Year, d =>
                    new DateOnly(today.Year, 1, 1).AddDays((d.DayOfYear - 1) * (today.DayOfYear - 1) / (WrittenOn.DayOfYear - 1))
                )
            );

        RecommendationRecord Recommendation(string commune, DateOnly raised, string text, PartyKind kind, string? sector, DateOnly? due) =>
            new()
            {
                ProvinceCode = Province,
                CommuneCode = commune,
                Text = text,
                RaisedOn = raised,
                RaisedBy = FinanceAgency,
                ResponsibleKind = kind,
                ResponsibleSector = sector,
                DueDate = due,
                Status = RecommendationStatus.Open,
                UpdatedAt = Utc(raised, 9),
                Agency = finance,
                Events =
                [
                    new()
                    {
                        AtUtc = Utc(raised, 9),
                        Actor = "demo.giupdo",
                        Action = RecommendationAction.Raised,
                        From = RecommendationStatus.Open,
                        To = RecommendationStatus.Open,
                        Text = text,
                    },
                ],
            };
        var overdue = Recommendation(
            DemoCommune,
            Recent(5, 12),
            "Đề nghị Sở Xây dựng hướng dẫn hồ sơ nâng cấp đường trục thôn Bảo Hà (tiêu chí giao thông).",
            PartyKind.Department,
            "SXD",
            Recent(7, 31)
        );
        var answered = Recommendation(
            DemoCommune,
            Recent(5, 12),
            "Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa thôn.",
            PartyKind.Province,
            null,
            Recent(6, 30)
        );
        answered.Status = RecommendationStatus.Closed;
        (answered.Response, answered.RespondedAt, answered.ClosedBy, answered.ClosedAt) = (
            $"Đã bố trí 300 triệu đồng trong kế hoạch vốn năm {Recent(6, 25).Year}.",
            RecentUtc(6, 25, 3),
            "demo.dieuphoi",
            RecentUtc(6, 25, 3)
        );
        answered.Events.Add(
            new()
            {
                AtUtc = answered.ClosedAt.Value,
                Actor = "demo.dieuphoi",
                Action = RecommendationAction.Closed,
                From = RecommendationStatus.Open,
                To = RecommendationStatus.Closed,
                Text = answered.Response,
            }
        );
        var commune = Recommendation(
            DemoCommune,
            Recent(9, 18),
            "UBND xã rà soát, cập nhật danh sách hộ chưa có mã địa chỉ bưu chính.",
            PartyKind.Commune,
            null,
            Recent(12, 15)
        );
        var inProgress = Recommendation(
            communes[0],
            Recent(8, 5),
            "Đề nghị Sở Xây dựng thẩm định thiết kế điểm thu gom rác thải tập trung.",
            PartyKind.Department,
            "SXD",
            Recent(10, 15)
        );
        inProgress.Status = RecommendationStatus.InProgress;
        (inProgress.Response, inProgress.RespondedAt) = ("Sở đã nhận hồ sơ, đang thẩm định.", RecentUtc(9, 1, 2));
        inProgress.Events.Add(
            new()
            {
                AtUtc = inProgress.RespondedAt.Value,
                Actor = "demo.thamdinh",
                Action = RecommendationAction.Responded,
                From = RecommendationStatus.Open,
                To = RecommendationStatus.InProgress,
                Text = inProgress.Response,
            }
        );

        db.Visits.AddRange(
            new VisitRecord
            {
                Agency = finance,
                ProvinceCode = Province,
                CommuneCode = DemoCommune,
                Date = Recent(5, 12),
                Participants = "Phó Giám đốc Sở Tài chính\nChủ tịch UBND xã Bảo Hà\nCán bộ phụ trách NTM xã",
                Content =
                    $"Làm việc về tiến độ xây dựng nông thôn mới năm {Recent(5, 12).Year}; kiểm tra các tiêu chí giao thông, văn hóa.",
                Findings = "Xã đạt phần lớn tiêu chí; còn thiếu tiêu chí giao thông (đường trục thôn) và cơ sở vật chất văn hóa.",
                Difficulties = "Thiếu vốn đối ứng cho đường trục thôn\nNhà văn hóa thôn xuống cấp",
                Support =
                [
                    new()
                    {
                        Kind = SupportKind.Gift,
                        Description = "Quà cho hộ nghèo",
                        Quantity = 20,
                        Unit = "suất",
                        Value = 10_000_000,
                    },
                    new()
                    {
                        Kind = SupportKind.Money,
                        Description = "Hỗ trợ quỹ khuyến học",
                        Value = 15_000_000,
                    },
                ],
                Recommendations = [overdue, answered],
                CreatedAt = RecentUtc(5, 12, 9),
                CreatedBy = "demo.giupdo",
            },
            new VisitRecord
            {
                Agency = finance,
                ProvinceCode = Province,
                CommuneCode = communes[0],
                Date = Recent(8, 5),
                Participants = "Trưởng phòng Sở Tài chính\nPhó Chủ tịch UBND xã",
                Content = "Khảo sát điểm thu gom rác thải và hướng dẫn lập hồ sơ đề nghị hỗ trợ.",
                Support =
                [
                    new()
                    {
                        Kind = SupportKind.Materials,
                        Description = "Thùng rác công cộng",
                        Quantity = 30,
                        Unit = "chiếc",
                        Value = 24_000_000,
                    },
                ],
                Recommendations = [inProgress],
                CreatedAt = RecentUtc(8, 5, 9),
                CreatedBy = "demo.giupdo",
            },
            new VisitRecord
            {
                Agency = finance,
                ProvinceCode = Province,
                CommuneCode = DemoCommune,
                Date = Recent(9, 18),
                Participants = "Chuyên viên Sở Tài chính\nCán bộ địa chính xã",
                Content = "Đôn đốc gắn mã địa chỉ bưu chính cho các hộ.",
                Support =
                [
                    new()
                    {
                        Kind = SupportKind.InKindWork,
                        Description = "Ngày công hỗ trợ khảo sát hộ",
                        Quantity = 12,
                        Unit = "ngày công",
                    },
                ],
                Recommendations = [commune],
                CreatedAt = RecentUtc(9, 18, 9),
                CreatedBy = "demo.giupdo",
            }
        );
        await db.SaveChangesAsync(ct);
    }
}
