using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;
using Mtqg.Data.Accounts;
using Mtqg.Data.Audit;
using Mtqg.Data.Criteria;
using Mtqg.Data.Plans;
using Mtqg.Data.Recognition;
using Mtqg.Data.Scorecards;
using Mtqg.Data.Visits;
using Mtqg.Domain.Plans;
using Mtqg.Domain.Recognition;
using Mtqg.Domain.Visits;
using Mtqg.Web.Data;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Audit;

/// <summary>
/// The rows the audit interceptor writes for the entities that declare themselves audited (plans, assignments,
/// visits, recommendations, the recognition process), created, changed and deleted outside a request.
/// </summary>
public sealed partial class AuditedEntitiesTests
{
    private static readonly DateTime At = new(2026, 3, 2, 1, 30, 0, DateTimeKind.Utc);

    /// <summary>Entities the interceptor records in their own way (a value looked up by code; roles folded into the account) and the trail itself.</summary>
    private static readonly Type[] RecordedOtherwise =
    [
        typeof(IndicatorValue),
        typeof(CommuneGroupAssignment),
        typeof(AppUser),
        typeof(IdentityUserRole<string>),
        typeof(AuditEntry),
    ];

    /// <summary>Entities whose changes are not in the trail, and why. A new entity must be audited or added here.</summary>
    private static readonly Dictionary<string, string> NotAudited = new()
    {
        ["AdministrativeUnit"] = "reference data loaded from data/admin-units, not edited in the application",
        ["UnitSuccession"] = "reference data loaded from data/admin-units",
        ["CriteriaLevel"] = "part of the criteria set, recorded as the set (decision 0005)",
        ["CriteriaLevelCondition"] = "part of the criteria set, recorded as the set (decision 0005)",
        ["CommuneGroup"] = "part of the criteria set",
        ["ReportingBand"] = "part of the criteria set",
        ["Criterion"] = "part of the criteria set",
        ["Indicator"] = "part of the criteria set",
        ["Threshold"] = "part of the criteria set",
        ["DataProtectionKey"] = "sign-in keys of the data protection system",
        ["IdentityRole"] = "the fixed roles, seeded",
        ["IdentityRoleClaim`1"] = "not used",
        ["IdentityUserClaim`1"] = "not used",
        ["IdentityUserLogin`1"] = "not used",
        ["IdentityUserToken`1"] = "secrets (authenticator keys, recovery codes)",
        ["RecommendationEventRecord"] = "the recommendation's own history; each transition is recorded on the recommendation",
        ["DossierCriterionRecord"] = "the dossier's snapshot; its changes are the appraisal steps and the dossier's status",
        ["DossierIndicatorRecord"] = "the frozen scorecard of the dossier",
        ["DossierEventRecord"] = "the dossier's timeline, append-only",
        ["CapitalPlanVersion"] = "a capital plan's history itself: each replacement is a new version (number, who, when), never changed",
        ["CapitalPlanRow"] = "part of a capital plan version, never changed",
        ["DisbursementCorrection"] = "the corrections' own history (who, when, from, to, why), append-only; the figure is audited",
        ["CommuneBoundary"] = "part of the province's boundary set (decision 0029), replaced whole by an upload recorded on the set",
        ["EvaluationStamp"] = "a cache key (decision 0030): moves with audited changes of values, groups and poverty results",
        ["OutgoingMail"] = "the mail queue (decision 0027): notices derived from audited changes, with their delivery state, not decisions",
    };

    private static IModel Model()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var db = new AppDbContext(options.Options);
        return db.Model;
    }

    private static IEnumerable<Type> AuditedTypes() =>
        Model().GetEntityTypes().Select(e => e.ClrType).Where(t => typeof(IAudited).IsAssignableFrom(t));

    [Fact]
    public void Every_entity_is_audited_or_named_as_not_audited_and_every_stored_field_of_an_audited_one_is_recorded_or_declared_left_out()
    {
        var model = Model();
        var unaccounted = model
            .GetEntityTypes()
            .Select(e => e.ClrType)
            .Where(t => !typeof(IAudited).IsAssignableFrom(t) && !RecordedOtherwise.Contains(t))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(NotAudited.Keys.Order(StringComparer.Ordinal), unaccounted);

        // The audit page and its search name every kind of row in Vietnamese.
        Assert.All(AuditedTypes(), t =>
            Assert.True(Mtqg.Web.Features.Audit.AuditService.Entities.ContainsKey(t.Name), $"{t.Name} has no label on the audit page")
        );

        foreach (var entity in model.GetEntityTypes().Where(e => typeof(IAudited).IsAssignableFrom(e.ClrType)))
        {
            var fields = AuditFields.Of(entity.ClrType);
            var recorded = fields.Recorded.Select(f => f.Property).ToList();
            var stored = entity.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => p.Name).ToHashSet();
            Assert.True(recorded.Distinct().Count() == recorded.Count, $"{entity.ClrType.Name}: a field is recorded twice.");
            Assert.Empty(
                recorded.Intersect(fields.NotRecorded).Select(p => $"{entity.ClrType.Name}.{p} is both recorded and not recorded")
            );
            Assert.Empty(
                recorded.Concat(fields.NotRecorded).Except(stored).Select(p => $"{entity.ClrType.Name}.{p} is not a stored property")
            );
            Assert.Empty(
                stored
                    .Except(recorded)
                    .Except(fields.NotRecorded)
                    .Select(p => $"{entity.ClrType.Name}.{p} is neither recorded nor declared not recorded (AuditFields)")
            );
        }
    }

    [Fact]
    public async Task Every_audited_entity_is_recorded_when_created_changed_and_deleted_with_its_unit_key_and_fields()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var start = await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;

        var agency = new Agency
        {
            ProvinceCode = "15",
            Name = "Sở Thử nghiệm",
            NameKey = "so thu nghiem",
        };
        var department = new Mtqg.Data.Departments.Department
        {
            ProvinceCode = "15",
            Code = "STHU",
            Name = "Sở Thử nghiệm",
            NameKey = "so thu nghiem",
            ValidFrom = new DateOnly(2026, 3, 1),
        };
        var list = new CommuneList
        {
            ProvinceCode = "15",
            Name = "Danh sách thử",
            CommuneCodes = "02989,02992",
            UpdatedAt = At,
            UpdatedBy = "x",
        };
        var plan = new Plan
        {
            ProvinceCode = "15",
            Number = "9/KH-THU",
            Issuer = "Ban Chỉ đạo",
            IssuedOn = new DateOnly(2026, 1, 5),
            PeriodFrom = new DateOnly(2026, 1, 1),
            PeriodTo = new DateOnly(2026, 12, 31),
            Title = "Kế hoạch thử",
            FileName = "kh.pdf",
            FileContentType = "application/pdf",
            FileSize = 12,
            FileKey = "abc.pdf",
            UpdatedAt = At,
        };
        var target = new PlanTarget
        {
            Plan = plan,
            Kind = TargetKind.Activity,
            Name = "Làm đường",
            Goal = 10m,
            Unit = "km",
            Scope = ActivityScope.Overall,
            Mode = ProgressMode.Cumulative,
            Agency = agency,
        };
        var update = new TargetUpdate
        {
            Target = target,
            Date = new DateOnly(2026, 2, 1),
            Amount = 2.5m,
            By = "Người thử",
            ByUserName = "demo.giupdo",
            RecordedAt = At,
            FileKey = "def.pdf",
            FileName = "mc.pdf",
        };
        var assignment = new Assignment
        {
            Agency = agency,
            ProvinceCode = "15",
            From = new DateOnly(2026, 1, 1),
            To = new DateOnly(2026, 12, 31),
            Leader = "Phó Giám đốc",
            UpdatedAt = At,
            Communes = [new() { CommuneCode = "02989" }],
        };
        var visit = new VisitRecord
        {
            Agency = agency,
            ProvinceCode = "15",
            CommuneCode = "02989",
            Date = new DateOnly(2026, 2, 3),
            Participants = "A\nB",
            Content = "Làm việc",
            CreatedAt = At,
            CreatedBy = "demo.giupdo",
            Support =
            [
                new()
                {
                    Kind = SupportKind.Gift,
                    Description = "Sách",
                    Quantity = 10m,
                    Unit = "cuốn",
                    Value = 500_000,
                },
            ],
        };
        var recommendation = new RecommendationRecord
        {
            Visit = visit,
            Agency = agency,
            ProvinceCode = "15",
            CommuneCode = "02989",
            Text = "Hỗ trợ xi măng",
            RaisedOn = new DateOnly(2026, 2, 3),
            RaisedBy = "Sở Thử nghiệm",
            ResponsibleKind = PartyKind.Commune,
            DueDate = new DateOnly(2026, 3, 1),
            Status = RecommendationStatus.Open,
            UpdatedAt = At,
        };
        var decision = new DecisionRecord
        {
            ProvinceCode = "15",
            Kind = DecisionKind.Recognition,
            Number = "7/QĐ-THU",
            Date = new DateOnly(2026, 3, 1),
            Signer = "Chủ tịch",
            LevelCode = "NTM",
            Year = 2026,
            Batch = "Đợt 1",
            RecordedByName = "x",
            RecordedAt = At,
        };
        var dossier = new DossierRecord
        {
            CommuneCode = "02989",
            CommuneName = "Xã Thử",
            ProvinceCode = "15",
            Year = 2026,
            SetCode = "THU",
            LevelCode = "NTM",
            Status = DossierStatus.Draft,
            ResidentSatisfaction = 91.5m,
            Note = "ghi chú",
            CreatedById = "u",
            CreatedByName = "x",
            CreatedAt = At,
            UpdatedAt = At,
            Version = Guid.NewGuid(),
        };
        var appraisal = new AppraisalRecord
        {
            Dossier = dossier,
            CriterionNumber = 2,
            Round = 1,
            Sector = "Sở Xây dựng",
            Step = AppraisalStep.Met,
            SentToAppraisalAt = At,
            At = At,
            ByUserId = "u",
            ByUserName = "x",
        };
        var evidence = new EvidenceFile
        {
            Dossier = dossier,
            CriterionNumber = 8,
            IndicatorCode = "8.1",
            FileName = "bb.pdf",
            ContentType = "application/pdf",
            Length = 42,
            StoredName = "s.pdf",
            Sha256 = "ab12",
            UploadedById = "u",
            UploadedByName = "x",
            UploadedAt = At,
        };
        var condition = new DossierConditionRecord
        {
            Dossier = dossier,
            Code = "KM3",
            Text = "Có mô hình thôn thông minh",
            Judged = "declared",
            Evidence = "Thôn Bảo Vinh",
        };
        var title = new CommuneTitle
        {
            UnitId = await db.Units.Where(u => u.Code == "02989" && u.ValidTo == null).Select(u => u.Id).SingleAsync(),
            CommuneCode = "02989",
            CommuneName = "Xã Thử",
            ProvinceCode = "15",
            SetCode = "THU",
            LevelCode = "NTM",
            Year = 2026,
            Since = new DateOnly(2026, 3, 1),
            Decision = decision,
        };
        var programme = new Mtqg.Data.Money.Programme
        {
            Code = "thu-2026",
            Name = "Chương trình thử",
            ValidFrom = new DateOnly(2026, 1, 1),
            ValidTo = new DateOnly(2030, 12, 31),
            Components = [new() { Code = "1", Partial = "Nội dung" }],
        };
        var project = new Mtqg.Data.Money.Project
        {
            ProvinceCode = "15",
            Name = "Dự án thử",
            Kind = "investment",
            ProgrammeCode = "ntm-2021-2025",
            InvestorCommuneCode = "02989",
            CommuneCodes = "02989",
            StartYear = 2025,
            EndYear = 2026,
            ApprovedTotal = 500_000_000,
            ApprovedSources = "local=500000000",
            Criteria = "2",
            UpdatedAt = At,
        };
        var allocation = new Mtqg.Data.Money.ProjectAllocation
        {
            Project = project,
            Year = 2026,
            Source = "local",
            Amount = 200_000_000,
        };
        var disbursement = new Mtqg.Data.Money.ProjectDisbursement
        {
            Project = project,
            Year = 2026,
            Month = 2,
            Source = "local",
            Cumulative = 50_000_000,
            Increment = 50_000_000,
            ByName = "Người thử",
            At = At,
        };
        var poverty = new Mtqg.Data.Poverty.PovertyResult
        {
            UnitId = await db.Units.Where(u => u.Code == "02989" && u.ValidTo == null).Select(u => u.Id).SingleAsync(),
            CommuneCode = "02989",
            ProvinceCode = "15",
            Year = 2021, // a year the demo poverty results (the last four years) leave empty
            StandardCode = "nd-07-2021",
            Households = 1000,
            Poor = 80,
            NearPoor = 60,
            Deprivations = "1.1=12",
            Status = "draft",
            UpdatedAt = At,
        };
        var contribution = new Mtqg.Data.Money.CommuneContribution
        {
            CommuneCode = "02989",
            Year = 2026,
            ProvinceCode = "15",
            Cash = 1_000_000,
            LandSquareMetres = 10,
            Workdays = 5,
            UpdatedAt = At,
        };
        var debt = new Mtqg.Data.Money.ConstructionDebt
        {
            CommuneCode = "02989",
            Year = 2026,
            ProvinceCode = "15",
            UpdatedAt = At,
        };
        var closing = new Mtqg.Data.Closing.ClosedPeriod
        {
            ProvinceCode = "15",
            Year = 2031,
            Part = "poverty",
            IsClosed = true,
            ClosedAt = At,
            ClosedBy = "Người thử",
            Note = "Đã báo cáo",
        };
        var deadline = new Mtqg.Data.Closing.ReportDeadline
        {
            ProvinceCode = "15",
            Year = 2031,
            Half = 1,
            ReportCode = "agencies",
            DueOn = new DateOnly(2031, 7, 15),
            UpdatedAt = At,
        };
        var boundaries = new Mtqg.Data.Map.CommuneBoundarySet
        {
            ProvinceCode = "15",
            Communes = 1,
            Height = 480,
            FileName = "ranh-gioi.geojson",
            UploadedAt = At,
            UploadedBy = "Người thử",
            Boundaries = [new() { CommuneCode = "02989", Path = "M0,0l10 0 0 10z" }],
        };
        db.AddRange(
            boundaries,
            deadline,
            closing,
            contribution,
            debt,
            agency,
            department,
            programme,
            poverty,
            project,
            allocation,
            disbursement,
            list,
            plan,
            target,
            update,
            assignment,
            visit,
            recommendation,
            decision,
            dossier,
            appraisal,
            evidence,
            condition,
            title
        );
        await db.SaveChangesAsync();
        var created = await RowsAsync(app, start);
        start = await db.AuditEntries.MaxAsync(e => e.Id);

        agency.Name = "Sở Thử nghiệm mới";
        (department.ValidTo, department.SuccessorCode) = (new DateOnly(2026, 6, 30), "SNV");
        programme.Document = "Quyết định thử";
        (project.Name, project.UpdatedAt) = ("Dự án thử (sửa)", At.AddDays(1));
        allocation.Amount = 300_000_000;
        (poverty.Poor, poverty.Status, poverty.UpdatedAt) = (70, "approved", At.AddDays(1));
        (contribution.Workdays, debt.Amount) = (6, 12_500_000);
        (deadline.SentOn, deadline.SentBy, deadline.Note, deadline.UpdatedAt) = (
            new DateOnly(2031, 7, 10),
            "Người thử",
            "45/BC-UBND",
            At.AddDays(1)
        );
        (closing.IsClosed, closing.ReopenedAt, closing.ReopenedBy, closing.ReopenReason) = (false, At.AddDays(1), "Người thử", "Sửa số hộ");
        (disbursement.Cumulative, disbursement.Increment) = (60_000_000, 60_000_000);
        (programme.Components[0].Name, programme.Components[0].Partial, programme.Components[0].Document) = (
            "Nội dung thử",
            null,
            "Quyết định thử"
        );
        list.CommuneCodes = "02989";
        plan.Title = "Kế hoạch thử (sửa)";
        plan.FileKey = "xyz.pdf";
        plan.UpdatedAt = At.AddDays(1);
        target.Goal = 12m;
        update.Amount = 3m;
        assignment.Leader = "Giám đốc";
        assignment.Communes.Add(new() { CommuneCode = "02992" });
        visit.Support[0].Quantity = 12m;
        visit.Findings = "Tốt";
        recommendation.Status = RecommendationStatus.InProgress;
        recommendation.Response = "Đã hỗ trợ";
        recommendation.UpdatedAt = At.AddDays(1);
        decision.PdfFileName = "7-QD.pdf";
        decision.PdfStoredName = "q.pdf";
        dossier.Status = DossierStatus.Submitted;
        dossier.Version = Guid.NewGuid();
        appraisal.Comment = "đạt";
        evidence.IndicatorCode = "8.2";
        (condition.Met, condition.JudgeNote) = (true, "Đã kiểm tra");
        title.RevokedOn = new DateOnly(2027, 1, 1);
        title.RevocationReason = "thử";
        (boundaries.Communes, boundaries.FileName) = (2, "ranh-gioi-2.geojson");
        await db.SaveChangesAsync();
        var changed = await RowsAsync(app, start);
        start = await db.AuditEntries.MaxAsync(e => e.Id);

        db.RemoveRange(
            boundaries,
            deadline,
            closing,
            poverty,
            contribution,
            debt,
            disbursement,
            allocation,
            project,
            title,
            evidence,
            condition,
            appraisal,
            dossier,
            recommendation,
            visit,
            assignment,
            update,
            target,
            plan,
            list,
            programme
        );
        await db.SaveChangesAsync();
        db.RemoveRange(decision, agency, department);
        await db.SaveChangesAsync();
        var deleted = await RowsAsync(app, start);

        // Each field under its Vietnamese label, each state or kind as the pages name it (the audit page and API read it).
        Assert.Equal(
            [
                "create Agency unit=15 year= set= key=Sở Thử nghiệm user=hệ thống |  | Tên đơn vị: Sở Thử nghiệm; Tỉnh: 15",
                "create AppraisalRecord unit=02989 year=2026 set=THU key=Hồ sơ #n tiêu chí 2 lần 1 user=hệ thống |  | Sở: Sở Xây dựng; Kết quả: Đạt; Nhận xét / lý do: ",
                "create Assignment unit=15 year= set= key=Sở Thử nghiệm 2026-2026 user=hệ thống |  | Từ ngày: 01/01/2026; Đến ngày: 31/12/2026; Lãnh đạo phụ trách: Phó Giám đốc; Tỉnh: 15",
                "create AssignmentCommune unit=02989 year= set= key=Sở Thử nghiệm 2026-2026 user=hệ thống |  | Xã được phân công: 02989",
                "create ClosedPeriod unit=15 year=2031 set= key=Khóa sổ năm 2031: Kết quả rà soát hộ nghèo user=hệ thống |  | Tỉnh: 15; Năm: 2031; Phần số liệu: poverty; Đã khóa sổ: true; Thời điểm khóa sổ: 2026-03-02T01:30:00Z; Người khóa sổ: Người thử; Ghi chú khóa sổ: Đã báo cáo; Thời điểm mở lại: ; Người mở lại: ; Lý do mở lại: ",
                "create CommuneBoundarySet unit=15 year= set= key=Ranh giới các xã của tỉnh 15 user=hệ thống |  | Tỉnh: 15; Số xã có ranh giới: 1; Tệp: ranh-gioi.geojson",
                "create CommuneContribution unit=02989 year=2026 set= key=Đóng góp của người dân user=hệ thống |  | Tiền mặt (đồng): 1000000; Đất hiến (m²): 10; Ngày công: 5; Hiện vật (quy đồng): 0",
                "create CommuneList unit=15 year= set= key=Danh sách thử user=hệ thống |  | Tên danh sách: Danh sách thử; Các xã (mã): 02989,02992; Tỉnh: 15; Xã tại ngày: ",
                "create CommuneTitle unit=02989 year=2026 set=THU key=NTM user=hệ thống |  | Mức: NTM; Từ ngày: 01/03/2026; Quyết định: n; Thu hồi bởi quyết định: ; Thu hồi ngày: ; Lý do thu hồi: ; Nguồn: Hồ sơ thẩm định trên hệ thống; Ghi chú: ; Dựa trên danh hiệu: ",
                "create ConstructionDebt unit=02989 year=2026 set= key=Nợ đọng xây dựng cơ bản user=hệ thống |  | Nợ đọng XDCB (đồng): 0",
                "create DecisionRecord unit=15 year=2026 set= key=7/QĐ-THU user=hệ thống |  | Loại: Công nhận; Số: 7/QĐ-THU; Ngày: 01/03/2026; Người ký: Chủ tịch; Mức: NTM; Đợt: Đợt 1; Bản ký (PDF): ",
                "create Department unit=15 year= set= key=Sở, ngành STHU user=hệ thống |  | Mã: STHU; Tên: Sở Thử nghiệm; Tỉnh: 15; Hiệu lực từ: 01/03/2026; Hiệu lực đến: ; Sở kế thừa: ",
                "create DossierConditionRecord unit=02989 year=2026 set=THU key=Hồ sơ #n điều kiện KM3 user=hệ thống |  | Xã kê khai: Thôn Bảo Vinh; Minh chứng: ; Đạt: ; Ý kiến: ",
                "create DossierRecord unit=02989 year=2026 set=THU key=Hồ sơ #n mức NTM user=hệ thống |  | Trạng thái: Đang soạn; Tỷ lệ hài lòng: 91.5; Không nợ đọng XDCB: false; Ghi chú: ghi chú; Nộp lúc: ; Ngày họp hội đồng: ; Phiếu tán thành: ; Phiếu không tán thành: ; Kết luận hội đồng: ; Quyết định: ",
                "create EvidenceFile unit=02989 year=2026 set=THU key=Hồ sơ #n user=hệ thống |  | Tệp: bb.pdf; Tiêu chí: 8; Chỉ tiêu: 8.1; Dung lượng (byte): 42; SHA-256: ab12",
                "create Plan unit=15 year= set= key=9/KH-THU user=hệ thống |  | Số hiệu: 9/KH-THU; Cơ quan ban hành: Ban Chỉ đạo; Ngày ban hành: 05/01/2026; Tên kế hoạch: Kế hoạch thử; Từ ngày: 01/01/2026; Đến ngày: 31/12/2026; Tỉnh: 15; Bản ký (tệp): kh.pdf; Loại tệp: application/pdf; Dung lượng (byte): 12",
                "create PlanTarget unit=15 year= set= key=Làm đường user=hệ thống |  | Loại: Hoạt động; Mục tiêu: Làm đường; Mức: ; Năm: ; Năm gốc: ; Xã: ; Chỉ tiêu: 10; Đơn vị tính: km; Phạm vi: Chung; Cách tính tiến độ: Cộng dồn; Chỉ tiêu từng xã: ",
                "create PovertyResult unit=02989 year=2021 set= key=Kết quả rà soát hộ nghèo 02989 năm 2021 user=hệ thống |  | Xã: 02989; Năm: 2021; Chuẩn nghèo: nd-07-2021; Tổng số hộ: 1000; Hộ nghèo: 80; Hộ cận nghèo: 60; Hộ nghèo dân tộc thiểu số: ; Hộ cận nghèo dân tộc thiểu số: ; Hộ thoát nghèo: ; Hộ nghèo phát sinh: ; Hộ thiếu hụt theo chỉ số: 1.1=12; Trạng thái: draft; Người phê duyệt: ; Thời điểm phê duyệt: ; Lý do mở lại: ",
                "create Programme unit= year= set= key=Chương trình thu-2026 user=hệ thống |  | Mã: thu-2026; Tên: Chương trình thử; Văn bản: ; Hiệu lực từ: 01/01/2026; Hiệu lực đến: 31/12/2030",
                "create ProgrammeComponent unit= year= set= key=Chương trình thu-2026, nội dung 1 user=hệ thống |  | Mã: 1; Tên: ; Phần tên đã đọc: Nội dung; Văn bản đối chiếu: ",
                "create Project unit=15 year= set= key=Dự án thử user=hệ thống |  | Tên dự án: Dự án thử; Tỉnh: 15; Loại: investment; Chương trình: ntm-2021-2025; Nội dung thành phần: ; Chủ đầu tư (sở, ngành): ; Chủ đầu tư (xã): 02989; Các xã (mã): 02989; Năm bắt đầu: 2025; Năm kết thúc: 2026; Tổng mức được duyệt (đồng): 500000000; Theo nguồn (đồng): local=500000000; Số hộ hưởng lợi: ; Hộ nghèo: ; Hộ cận nghèo: ; Hộ dân tộc thiểu số: ; Hộ thoát nghèo: ; Tiêu chí phục vụ: 2",
                "create ProjectAllocation unit=15 year=2026 set= key=Dự án Dự án thử user=hệ thống |  | Năm: 2026; Nguồn vốn: local; Vốn giao (đồng): 200000000",
                "create ProjectDisbursement unit=15 year=2026 set= key=Dự án Dự án thử user=hệ thống |  | Năm: 2026; Tháng: 2; Nguồn vốn: local; Lũy kế giải ngân (đồng): 50000000",
                "create RecommendationRecord unit=02989 year= set= key=Hỗ trợ xi măng user=hệ thống |  | Nội dung: Hỗ trợ xi măng; Xã: 02989; Tỉnh: 15; Đơn vị nêu: Sở Thử nghiệm; Ngày nêu: 03/02/2026; Nơi xử lý: UBND xã; Sở xử lý: ; Hạn xử lý: 01/03/2026; Trạng thái: mới nêu; Trả lời: ; Trả lời lúc: ; Lý do không thuộc phạm vi: ; Người đóng: ; Đóng lúc: ",
                "create ReportDeadline unit=15 year=2031 set= key=Lịch báo cáo agencies 6 tháng 1/2031 user=hệ thống |  | Báo cáo: agencies; Năm: 2031; Kỳ 6 tháng: 1; Hạn gửi: 15/07/2031; Ngày gửi: ; Người ghi đã gửi: ; Ghi chú: ",
                "create TargetUpdate unit=15 year= set= key=Làm đường: 2.5 user=hệ thống |  | Ngày: 01/02/2026; Số lượng: 2.5; Xã: ; Minh chứng: ; Tệp minh chứng: mc.pdf; Loại tệp: ; Dung lượng (byte): ; Người ghi: Người thử; Tài khoản: demo.giupdo; Ghi lúc: 2026-03-02T01:30:00Z",
                "create VisitRecord unit=02989 year= set= key=Sở Thử nghiệm 03/02/2026 user=hệ thống |  | Ngày làm việc: 03/02/2026; Xã: 02989; Tỉnh: 15; Thành phần: A\nB; Nội dung: Làm việc; Kết quả, nhận xét: ; Khó khăn, vướng mắc: ; Người ghi: demo.giupdo; Ghi lúc: 2026-03-02T01:30:00Z",
                "create VisitSupport unit=02989 year= set= key=Sở Thử nghiệm 03/02/2026 user=hệ thống |  | Loại hỗ trợ: Quà tặng; Nội dung: Sách; Số lượng: 10; Đơn vị tính: cuốn; Giá trị (đồng): 500000",
            ],
            created
        );
        Assert.Equal(
            [
                "update Agency unit=15 year= set= key=Sở Thử nghiệm mới user=hệ thống | Tên đơn vị: Sở Thử nghiệm | Tên đơn vị: Sở Thử nghiệm mới",
                "update AppraisalRecord unit=02989 year=2026 set=THU key=Hồ sơ #n tiêu chí 2 lần 1 user=hệ thống | Nhận xét / lý do:  | Nhận xét / lý do: đạt",
                "update Assignment unit=15 year= set= key=Sở Thử nghiệm mới 2026-2026 user=hệ thống | Lãnh đạo phụ trách: Phó Giám đốc | Lãnh đạo phụ trách: Giám đốc",
                "create AssignmentCommune unit=02992 year= set= key=Sở Thử nghiệm mới 2026-2026 user=hệ thống |  | Xã được phân công: 02992",
                "update ClosedPeriod unit=15 year=2031 set= key=Khóa sổ năm 2031: Kết quả rà soát hộ nghèo user=hệ thống | Đã khóa sổ: true; Thời điểm mở lại: ; Người mở lại: ; Lý do mở lại:  | Đã khóa sổ: false; Thời điểm mở lại: 2026-03-03T01:30:00Z; Người mở lại: Người thử; Lý do mở lại: Sửa số hộ",
                "update CommuneBoundarySet unit=15 year= set= key=Ranh giới các xã của tỉnh 15 user=hệ thống | Số xã có ranh giới: 1; Tệp: ranh-gioi.geojson | Số xã có ranh giới: 2; Tệp: ranh-gioi-2.geojson",
                "update CommuneContribution unit=02989 year=2026 set= key=Đóng góp của người dân user=hệ thống | Ngày công: 5 | Ngày công: 6",
                "update CommuneList unit=15 year= set= key=Danh sách thử user=hệ thống | Các xã (mã): 02989,02992 | Các xã (mã): 02989",
                "update CommuneTitle unit=02989 year=2026 set=THU key=NTM user=hệ thống | Thu hồi ngày: ; Lý do thu hồi:  | Thu hồi ngày: 01/01/2027; Lý do thu hồi: thử",
                "update ConstructionDebt unit=02989 year=2026 set= key=Nợ đọng xây dựng cơ bản user=hệ thống | Nợ đọng XDCB (đồng): 0 | Nợ đọng XDCB (đồng): 12500000",
                "update DecisionRecord unit=15 year=2026 set= key=7/QĐ-THU user=hệ thống | Bản ký (PDF):  | Bản ký (PDF): 7-QD.pdf",
                "update Department unit=15 year= set= key=Sở, ngành STHU user=hệ thống | Hiệu lực đến: ; Sở kế thừa:  | Hiệu lực đến: 30/06/2026; Sở kế thừa: SNV",
                "update DossierConditionRecord unit=02989 year=2026 set=THU key=Hồ sơ #n điều kiện KM3 user=hệ thống | Đạt: ; Ý kiến:  | Đạt: true; Ý kiến: Đã kiểm tra",
                "update DossierRecord unit=02989 year=2026 set=THU key=Hồ sơ #n mức NTM user=hệ thống | Trạng thái: Đang soạn | Trạng thái: Đã nộp, đang thẩm định",
                "update EvidenceFile unit=02989 year=2026 set=THU key=Hồ sơ #n user=hệ thống | Chỉ tiêu: 8.1 | Chỉ tiêu: 8.2",
                "update Plan unit=15 year= set= key=9/KH-THU user=hệ thống | Tên kế hoạch: Kế hoạch thử | Tên kế hoạch: Kế hoạch thử (sửa)",
                "update PlanTarget unit=15 year= set= key=Làm đường user=hệ thống | Chỉ tiêu: 10 | Chỉ tiêu: 12",
                "update PovertyResult unit=02989 year=2021 set= key=Kết quả rà soát hộ nghèo 02989 năm 2021 user=hệ thống | Hộ nghèo: 80; Trạng thái: draft | Hộ nghèo: 70; Trạng thái: approved",
                "update Programme unit= year= set= key=Chương trình thu-2026 user=hệ thống | Văn bản:  | Văn bản: Quyết định thử",
                "update ProgrammeComponent unit= year= set= key=Chương trình thu-2026, nội dung 1 user=hệ thống | Tên: ; Phần tên đã đọc: Nội dung; Văn bản đối chiếu:  | Tên: Nội dung thử; Phần tên đã đọc: ; Văn bản đối chiếu: Quyết định thử",
                "update Project unit=15 year= set= key=Dự án thử (sửa) user=hệ thống | Tên dự án: Dự án thử | Tên dự án: Dự án thử (sửa)",
                "update ProjectAllocation unit=15 year=2026 set= key=Dự án Dự án thử (sửa) user=hệ thống | Vốn giao (đồng): 200000000 | Vốn giao (đồng): 300000000",
                "update ProjectDisbursement unit=15 year=2026 set= key=Dự án Dự án thử (sửa) user=hệ thống | Lũy kế giải ngân (đồng): 50000000 | Lũy kế giải ngân (đồng): 60000000",
                "update RecommendationRecord unit=02989 year= set= key=Hỗ trợ xi măng user=hệ thống | Trạng thái: mới nêu; Trả lời:  | Trạng thái: đang xử lý; Trả lời: Đã hỗ trợ",
                "update ReportDeadline unit=15 year=2031 set= key=Lịch báo cáo agencies 6 tháng 1/2031 user=hệ thống | Ngày gửi: ; Người ghi đã gửi: ; Ghi chú:  | Ngày gửi: 10/07/2031; Người ghi đã gửi: Người thử; Ghi chú: 45/BC-UBND",
                "update TargetUpdate unit=15 year= set= key=Làm đường: 3 user=hệ thống | Số lượng: 2.5 | Số lượng: 3",
                "update VisitRecord unit=02989 year= set= key=Sở Thử nghiệm mới 03/02/2026 user=hệ thống | Kết quả, nhận xét:  | Kết quả, nhận xét: Tốt",
                "update VisitSupport unit=02989 year= set= key=Sở Thử nghiệm mới 03/02/2026 user=hệ thống | Số lượng: 10 | Số lượng: 12",
            ],
            changed
        );
        Assert.Equal(
            [
                "delete Agency unit=15 year= set= key=Sở Thử nghiệm mới user=hệ thống | Tên đơn vị: Sở Thử nghiệm mới; Tỉnh: 15 | ",
                "delete AppraisalRecord unit=02989 year=2026 set=THU key=Hồ sơ #n tiêu chí 2 lần 1 user=hệ thống | Sở: Sở Xây dựng; Kết quả: Đạt; Nhận xét / lý do: đạt | ",
                "delete Assignment unit=15 year= set= key=Sở Thử nghiệm mới 2026-2026 user=hệ thống | Từ ngày: 01/01/2026; Đến ngày: 31/12/2026; Lãnh đạo phụ trách: Giám đốc; Tỉnh: 15 | ",
                "delete AssignmentCommune unit=02989 year= set= key=Sở Thử nghiệm mới 2026-2026 user=hệ thống | Xã được phân công: 02989 | ",
                "delete AssignmentCommune unit=02992 year= set= key=Sở Thử nghiệm mới 2026-2026 user=hệ thống | Xã được phân công: 02992 | ",
                "delete ClosedPeriod unit=15 year=2031 set= key=Khóa sổ năm 2031: Kết quả rà soát hộ nghèo user=hệ thống | Tỉnh: 15; Năm: 2031; Phần số liệu: poverty; Đã khóa sổ: false; Thời điểm khóa sổ: 2026-03-02T01:30:00Z; Người khóa sổ: Người thử; Ghi chú khóa sổ: Đã báo cáo; Thời điểm mở lại: 2026-03-03T01:30:00Z; Người mở lại: Người thử; Lý do mở lại: Sửa số hộ | ",
                "delete CommuneBoundarySet unit=15 year= set= key=Ranh giới các xã của tỉnh 15 user=hệ thống | Tỉnh: 15; Số xã có ranh giới: 2; Tệp: ranh-gioi-2.geojson | ",
                "delete CommuneContribution unit=02989 year=2026 set= key=Đóng góp của người dân user=hệ thống | Tiền mặt (đồng): 1000000; Đất hiến (m²): 10; Ngày công: 6; Hiện vật (quy đồng): 0 | ",
                "delete CommuneList unit=15 year= set= key=Danh sách thử user=hệ thống | Tên danh sách: Danh sách thử; Các xã (mã): 02989; Tỉnh: 15; Xã tại ngày:  | ",
                "delete CommuneTitle unit=02989 year=2026 set=THU key=NTM user=hệ thống | Mức: NTM; Từ ngày: 01/03/2026; Quyết định: n; Thu hồi bởi quyết định: ; Thu hồi ngày: 01/01/2027; Lý do thu hồi: thử; Nguồn: Hồ sơ thẩm định trên hệ thống; Ghi chú: ; Dựa trên danh hiệu:  | ",
                "delete ConstructionDebt unit=02989 year=2026 set= key=Nợ đọng xây dựng cơ bản user=hệ thống | Nợ đọng XDCB (đồng): 12500000 | ",
                "delete DecisionRecord unit=15 year=2026 set= key=7/QĐ-THU user=hệ thống | Loại: Công nhận; Số: 7/QĐ-THU; Ngày: 01/03/2026; Người ký: Chủ tịch; Mức: NTM; Đợt: Đợt 1; Bản ký (PDF): 7-QD.pdf | ",
                "delete Department unit=15 year= set= key=Sở, ngành STHU user=hệ thống | Mã: STHU; Tên: Sở Thử nghiệm; Tỉnh: 15; Hiệu lực từ: 01/03/2026; Hiệu lực đến: 30/06/2026; Sở kế thừa: SNV | ",
                "delete DossierConditionRecord unit=02989 year=2026 set=THU key=Hồ sơ #n điều kiện KM3 user=hệ thống | Xã kê khai: Thôn Bảo Vinh; Minh chứng: ; Đạt: true; Ý kiến: Đã kiểm tra | ",
                "delete DossierRecord unit=02989 year=2026 set=THU key=Hồ sơ #n mức NTM user=hệ thống | Trạng thái: Đã nộp, đang thẩm định; Tỷ lệ hài lòng: 91.5; Không nợ đọng XDCB: false; Ghi chú: ghi chú; Nộp lúc: ; Ngày họp hội đồng: ; Phiếu tán thành: ; Phiếu không tán thành: ; Kết luận hội đồng: ; Quyết định:  | ",
                "delete EvidenceFile unit=02989 year=2026 set=THU key=Hồ sơ #n user=hệ thống | Tệp: bb.pdf; Tiêu chí: 8; Chỉ tiêu: 8.2; Dung lượng (byte): 42; SHA-256: ab12 | ",
                "delete Plan unit=15 year= set= key=9/KH-THU user=hệ thống | Số hiệu: 9/KH-THU; Cơ quan ban hành: Ban Chỉ đạo; Ngày ban hành: 05/01/2026; Tên kế hoạch: Kế hoạch thử (sửa); Từ ngày: 01/01/2026; Đến ngày: 31/12/2026; Tỉnh: 15; Bản ký (tệp): kh.pdf; Loại tệp: application/pdf; Dung lượng (byte): 12 | ",
                "delete PlanTarget unit=15 year= set= key=Làm đường user=hệ thống | Loại: Hoạt động; Mục tiêu: Làm đường; Mức: ; Năm: ; Năm gốc: ; Xã: ; Chỉ tiêu: 12; Đơn vị tính: km; Phạm vi: Chung; Cách tính tiến độ: Cộng dồn; Chỉ tiêu từng xã:  | ",
                "delete PovertyResult unit=02989 year=2021 set= key=Kết quả rà soát hộ nghèo 02989 năm 2021 user=hệ thống | Xã: 02989; Năm: 2021; Chuẩn nghèo: nd-07-2021; Tổng số hộ: 1000; Hộ nghèo: 70; Hộ cận nghèo: 60; Hộ nghèo dân tộc thiểu số: ; Hộ cận nghèo dân tộc thiểu số: ; Hộ thoát nghèo: ; Hộ nghèo phát sinh: ; Hộ thiếu hụt theo chỉ số: 1.1=12; Trạng thái: approved; Người phê duyệt: ; Thời điểm phê duyệt: ; Lý do mở lại:  | ",
                "delete Programme unit= year= set= key=Chương trình thu-2026 user=hệ thống | Mã: thu-2026; Tên: Chương trình thử; Văn bản: Quyết định thử; Hiệu lực từ: 01/01/2026; Hiệu lực đến: 31/12/2030 | ",
                "delete ProgrammeComponent unit= year= set= key=Chương trình thu-2026, nội dung 1 user=hệ thống | Mã: 1; Tên: Nội dung thử; Phần tên đã đọc: ; Văn bản đối chiếu: Quyết định thử | ",
                "delete Project unit=15 year= set= key=Dự án thử (sửa) user=hệ thống | Tên dự án: Dự án thử (sửa); Tỉnh: 15; Loại: investment; Chương trình: ntm-2021-2025; Nội dung thành phần: ; Chủ đầu tư (sở, ngành): ; Chủ đầu tư (xã): 02989; Các xã (mã): 02989; Năm bắt đầu: 2025; Năm kết thúc: 2026; Tổng mức được duyệt (đồng): 500000000; Theo nguồn (đồng): local=500000000; Số hộ hưởng lợi: ; Hộ nghèo: ; Hộ cận nghèo: ; Hộ dân tộc thiểu số: ; Hộ thoát nghèo: ; Tiêu chí phục vụ: 2 | ",
                "delete ProjectAllocation unit=15 year=2026 set= key=Dự án Dự án thử (sửa) user=hệ thống | Năm: 2026; Nguồn vốn: local; Vốn giao (đồng): 300000000 | ",
                "delete ProjectDisbursement unit=15 year=2026 set= key=Dự án Dự án thử (sửa) user=hệ thống | Năm: 2026; Tháng: 2; Nguồn vốn: local; Lũy kế giải ngân (đồng): 60000000 | ",
                "delete RecommendationRecord unit=02989 year= set= key=Hỗ trợ xi măng user=hệ thống | Nội dung: Hỗ trợ xi măng; Xã: 02989; Tỉnh: 15; Đơn vị nêu: Sở Thử nghiệm; Ngày nêu: 03/02/2026; Nơi xử lý: UBND xã; Sở xử lý: ; Hạn xử lý: 01/03/2026; Trạng thái: đang xử lý; Trả lời: Đã hỗ trợ; Trả lời lúc: ; Lý do không thuộc phạm vi: ; Người đóng: ; Đóng lúc:  | ",
                "delete ReportDeadline unit=15 year=2031 set= key=Lịch báo cáo agencies 6 tháng 1/2031 user=hệ thống | Báo cáo: agencies; Năm: 2031; Kỳ 6 tháng: 1; Hạn gửi: 15/07/2031; Ngày gửi: 10/07/2031; Người ghi đã gửi: Người thử; Ghi chú: 45/BC-UBND | ",
                "delete TargetUpdate unit=15 year= set= key=Làm đường: 3 user=hệ thống | Ngày: 01/02/2026; Số lượng: 3; Xã: ; Minh chứng: ; Tệp minh chứng: mc.pdf; Loại tệp: ; Dung lượng (byte): ; Người ghi: Người thử; Tài khoản: demo.giupdo; Ghi lúc: 2026-03-02T01:30:00Z | ",
                "delete VisitRecord unit=02989 year= set= key=Sở Thử nghiệm mới 03/02/2026 user=hệ thống | Ngày làm việc: 03/02/2026; Xã: 02989; Tỉnh: 15; Thành phần: A\nB; Nội dung: Làm việc; Kết quả, nhận xét: Tốt; Khó khăn, vướng mắc: ; Người ghi: demo.giupdo; Ghi lúc: 2026-03-02T01:30:00Z | ",
                "delete VisitSupport unit=02989 year= set= key=Sở Thử nghiệm mới 03/02/2026 user=hệ thống | Loại hỗ trợ: Quà tặng; Nội dung: Sách; Số lượng: 12; Đơn vị tính: cuốn; Giá trị (đồng): 500000 | ",
            ],
            deleted
        );
        // Every audited type of the model is exercised above: a new one must be added here.
        Assert.Equal(
            AuditedTypes().Where(t => t != typeof(CriteriaSet)).Select(t => t.Name).Order(StringComparer.Ordinal),
            created.Select(r => r.Split(' ')[1]).Distinct().Order(StringComparer.Ordinal)
        );
    }

    private static async Task<List<string>> RowsAsync(MtqgApp app, long after)
    {
        using var scope = app.Services.CreateScope();
        var rows = await app.Db(scope).AuditEntries.AsNoTracking().Where(e => e.Id > after).ToListAsync();
        return
        [
            .. rows.OrderBy(r => r.Entity, StringComparer.Ordinal)
                .ThenBy(r => r.Id)
                .Select(r =>
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{r.Action} {r.Entity} unit={r.UnitCode} year={r.Year} set={r.SetCode} key={r.Key} user={r.UserName} | {r.OldValue} | {r.NewValue}"
                    )
                )
                .Select(r => TemporaryId().Replace(r, "$1n")),
        ]; // ids are temporary until the insert (a known limit: "Hồ sơ #0" on creation)
    }

    [GeneratedRegex(@"(#|Quyết định: )-?\d+")]
    private static partial Regex TemporaryId();
}
