using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Data.Visits;
using Mtqg.Domain.Plans;
using Mtqg.Domain.Units;
using Mtqg.Domain.Visits;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Plans;

/// <summary>
/// Demo mode only: a plan of Lào Cai (15) with targets of each kind, two helping agencies (demo.giupdo's Sở Tài chính
/// helps Xã Bảo Hà 02989 among others), a commune list, visits and recommendations (some overdue). Fixed dates, the
/// first communes of the province by code: the same data on every start. Nothing here is an official number.
/// </summary>
public sealed class PlanDemoSeeder(AppDbContext db)
{
    public const string Province = "15", PlanNumber = "239/KH-BCĐ", DemoCommune = "02989";
    public const string FinanceAgency = "Sở Tài chính", ScienceAgency = "Sở Khoa học và Công nghệ";

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Plans.AnyAsync(p => p.ProvinceCode == Province && p.Number == PlanNumber, ct)) return;
        var communes = await UnitService.InForce(db.Units.AsNoTracking(), new DateOnly(2026, 11, 1))
            .Where(u => u.Level == UnitLevel.Commune && u.ProvinceCode == Province && u.Kind == UnitKind.Xa && u.Code != DemoCommune)
            .OrderBy(u => u.Code).Select(u => u.Code).Take(14).ToListAsync(ct);
        if (communes.Count < 14) return;
        var at = new DateTime(2026, 1, 20, 2, 0, 0, DateTimeKind.Utc);
        const string by = "demo";

        var finance = new Agency { ProvinceCode = Province, Name = FinanceAgency, NameKey = Agencies.Key(FinanceAgency) };
        var science = new Agency { ProvinceCode = Province, Name = ScienceAgency, NameKey = Agencies.Key(ScienceAgency) };
        string[] financeCommunes = [DemoCommune, communes[0], communes[1], communes[2]];
        string[] scienceCommunes = [communes[3], communes[4], communes[5]];
        db.Assignments.AddRange(
            new Assignment { Agency = finance, ProvinceCode = Province, From = new(2026, 1, 1), To = new(2026, 12, 31), Leader = "Phó Giám đốc Sở Tài chính (minh họa)",
                Communes = [.. financeCommunes.Select(c => new AssignmentCommune { CommuneCode = c })], UpdatedAt = at, UpdatedBy = by },
            new Assignment { Agency = science, ProvinceCode = Province, From = new(2026, 1, 1), To = new(2026, 12, 31), Leader = "Giám đốc Sở Khoa học và Công nghệ (minh họa)",
                Communes = [.. scienceCommunes.Select(c => new AssignmentCommune { CommuneCode = c })], UpdatedAt = at, UpdatedBy = by });

        var poorest = communes.Skip(4).Take(10).ToList();
        db.CommuneLists.Add(new CommuneList { ProvinceCode = Province, Name = "10 xã có tỷ lệ hộ nghèo cao năm 2023 (minh họa)", CommuneCodes = string.Join(',', poorest), UpdatedAt = at, UpdatedBy = by });

        string Goals(decimal goal) => string.Join(',', poorest.Select(c => $"{c}={goal.ToString(CultureInfo.InvariantCulture)}"));
        TargetUpdate Update(DateOnly date, decimal amount, string? commune, string evidence, string who) =>
            new() { Date = date, Amount = amount, CommuneCode = commune, Evidence = evidence, By = who, ByUserName = by, RecordedAt = at };
        var plan = new Plan
        {
            ProvinceCode = Province, Number = PlanNumber, Issuer = "Ban Chỉ đạo các Chương trình MTQG tỉnh Lào Cai", IssuedOn = new(2026, 1, 20),
            PeriodFrom = new(2026, 1, 1), PeriodTo = new(2026, 12, 31),
            Title = "Kế hoạch thực hiện Chương trình MTQG xây dựng nông thôn mới tỉnh Lào Cai năm 2026 (minh họa, không phải số liệu chính thức)",
            UpdatedAt = at, UpdatedBy = by,
            Targets =
            [
                new() { Kind = TargetKind.CommuneCount, Name = "Xã đạt chuẩn nông thôn mới năm 2026", Level = "NTM", Year = 2026, Goal = 70 },
                new() { Kind = TargetKind.CommuneCount, Name = "Xã đạt chuẩn nông thôn mới nâng cao năm 2026", Level = "NTMNC", Year = 2026, Goal = 20 },
                new() { Kind = TargetKind.NamedCommune, Name = "Xã Bảo Hà đạt chuẩn nông thôn mới năm 2026", Level = "NTM", Year = 2026, CommuneCode = DemoCommune, Goal = 1 },
                new()
                {
                    Kind = TargetKind.Activity, Name = "Tập huấn tổ công nghệ số cộng đồng", Unit = "lớp", Goal = 12, Scope = ActivityScope.Overall, Mode = ProgressMode.Cumulative,
                    Agency = finance,
                    Updates =
                    [
                        Update(new(2026, 3, 15), 3, null, "Biên bản 3 lớp tập huấn tại các xã được giúp đỡ", FinanceAgency),
                        Update(new(2026, 6, 20), 2, null, "Danh sách học viên 2 lớp", FinanceAgency),
                        Update(new(2026, 9, 10), 2, null, "Báo cáo kết quả tập huấn quý III", FinanceAgency),
                    ],
                },
                new()
                {
                    Kind = TargetKind.Activity, Name = "Mạng LAN tại trụ sở UBND 10 xã có tỷ lệ hộ nghèo cao", Unit = "xã", Goal = poorest.Count, Scope = ActivityScope.PerCommune,
                    Mode = ProgressMode.LatestValue, CommuneGoals = Goals(1), Agency = science,
                    Updates = [.. poorest.Take(8).Select((c, i) => Update(new(2026, 4 + i, 10), 1, c, "Biên bản nghiệm thu mạng LAN", ScienceAgency))],
                },
                new()
                {
                    Kind = TargetKind.Activity, Name = "Mã địa chỉ bưu chính: 100% hộ ở 10 xã có tỷ lệ hộ nghèo cao", Unit = "%", Goal = poorest.Count, Scope = ActivityScope.PerCommune,
                    Mode = ProgressMode.LatestValue, CommuneGoals = Goals(100), Agency = science,
                    Updates = [.. poorest.Select((c, i) => Update(new(2026, 5 + i % 6, 1 + i), i < 3 ? 100 : 40 + 5 * i, c, "Số liệu gắn mã của Bưu điện tỉnh", ScienceAgency))],
                },
            ],
        };
        db.Plans.Add(plan);

        RecommendationRecord Recommendation(string commune, DateOnly raised, string text, PartyKind kind, string? sector, DateOnly? due) => new()
        {
            ProvinceCode = Province, CommuneCode = commune, Text = text, RaisedOn = raised, RaisedBy = FinanceAgency, ResponsibleKind = kind, ResponsibleSector = sector,
            DueDate = due, Status = RecommendationStatus.Open, UpdatedAt = at, Agency = finance,
            Events = [new() { AtUtc = raised.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), Actor = "demo.giupdo", Action = RecommendationAction.Raised, From = RecommendationStatus.Open, To = RecommendationStatus.Open, Text = text }],
        };
        var overdue = Recommendation(DemoCommune, new(2026, 5, 12), "Đề nghị Sở Xây dựng hướng dẫn hồ sơ nâng cấp đường trục thôn Bảo Hà (tiêu chí giao thông).", PartyKind.Department, "Sở Xây dựng", new(2026, 7, 31));
        var answered = Recommendation(DemoCommune, new(2026, 5, 12), "Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa thôn.", PartyKind.Province, null, new(2026, 6, 30));
        answered.Status = RecommendationStatus.Closed;
        (answered.Response, answered.RespondedAt, answered.ClosedBy, answered.ClosedAt) = ("Đã bố trí 300 triệu đồng trong kế hoạch vốn năm 2026.", new DateTime(2026, 6, 25, 3, 0, 0, DateTimeKind.Utc), "demo.dieuphoi", new DateTime(2026, 6, 25, 3, 0, 0, DateTimeKind.Utc));
        answered.Events.Add(new() { AtUtc = answered.ClosedAt.Value, Actor = "demo.dieuphoi", Action = RecommendationAction.Closed, From = RecommendationStatus.Open, To = RecommendationStatus.Closed, Text = answered.Response });
        var commune = Recommendation(DemoCommune, new(2026, 9, 18), "UBND xã rà soát, cập nhật danh sách hộ chưa có mã địa chỉ bưu chính.", PartyKind.Commune, null, new(2026, 12, 15));
        var inProgress = Recommendation(communes[0], new(2026, 8, 5), "Đề nghị Sở Xây dựng thẩm định thiết kế điểm thu gom rác thải tập trung.", PartyKind.Department, "Sở Xây dựng", new(2026, 10, 15));
        inProgress.Status = RecommendationStatus.InProgress;
        (inProgress.Response, inProgress.RespondedAt) = ("Sở đã nhận hồ sơ, đang thẩm định.", new DateTime(2026, 9, 1, 2, 0, 0, DateTimeKind.Utc));
        inProgress.Events.Add(new() { AtUtc = inProgress.RespondedAt.Value, Actor = "demo.thamdinh", Action = RecommendationAction.Responded, From = RecommendationStatus.Open, To = RecommendationStatus.InProgress, Text = inProgress.Response });

        db.Visits.AddRange(
            new VisitRecord
            {
                Agency = finance, ProvinceCode = Province, CommuneCode = DemoCommune, Date = new(2026, 5, 12),
                Participants = "Phó Giám đốc Sở Tài chính\nChủ tịch UBND xã Bảo Hà\nCán bộ phụ trách NTM xã",
                Content = "Làm việc về tiến độ xây dựng nông thôn mới năm 2026; kiểm tra các tiêu chí giao thông, văn hóa.",
                Findings = "Xã đạt phần lớn tiêu chí; còn thiếu tiêu chí giao thông (đường trục thôn) và cơ sở vật chất văn hóa.",
                Difficulties = "Thiếu vốn đối ứng cho đường trục thôn\nNhà văn hóa thôn xuống cấp",
                Support = [new() { Kind = SupportKind.Gift, Description = "Quà cho hộ nghèo", Quantity = 20, Unit = "suất", Value = 10_000_000 },
                           new() { Kind = SupportKind.Money, Description = "Hỗ trợ quỹ khuyến học", Value = 15_000_000 }],
                Recommendations = [overdue, answered], CreatedAt = at, CreatedBy = "demo.giupdo",
            },
            new VisitRecord
            {
                Agency = finance, ProvinceCode = Province, CommuneCode = communes[0], Date = new(2026, 8, 5),
                Participants = "Trưởng phòng Sở Tài chính\nPhó Chủ tịch UBND xã",
                Content = "Khảo sát điểm thu gom rác thải và hướng dẫn lập hồ sơ đề nghị hỗ trợ.",
                Support = [new() { Kind = SupportKind.Materials, Description = "Thùng rác công cộng", Quantity = 30, Unit = "chiếc", Value = 24_000_000 }],
                Recommendations = [inProgress], CreatedAt = at, CreatedBy = "demo.giupdo",
            },
            new VisitRecord
            {
                Agency = finance, ProvinceCode = Province, CommuneCode = DemoCommune, Date = new(2026, 9, 18),
                Participants = "Chuyên viên Sở Tài chính\nCán bộ địa chính xã",
                Content = "Đôn đốc gắn mã địa chỉ bưu chính cho các hộ.",
                Support = [new() { Kind = SupportKind.InKindWork, Description = "Ngày công hỗ trợ khảo sát hộ", Quantity = 12, Unit = "ngày công" }],
                Recommendations = [commune], CreatedAt = at, CreatedBy = "demo.giupdo",
            });
        await db.SaveChangesAsync(ct);
    }
}
