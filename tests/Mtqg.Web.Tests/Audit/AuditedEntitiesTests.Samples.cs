using Mtqg.Data.Plans;
using Mtqg.Data.Recognition;
using Mtqg.Data.Visits;
using Mtqg.Domain.Plans;
using Mtqg.Domain.Recognition;
using Mtqg.Domain.Visits;

namespace Mtqg.Web.Tests.Audit;

public sealed partial class AuditedEntitiesTests
{
    /// <summary>One new entity of every audited kind (and their parts), linked as the app links them; Bảo Hà's unit id given.</summary>
    private static (
        Agency agency,
        Mtqg.Data.Departments.Department department,
        CommuneList list,
        Plan plan,
        PlanTarget target,
        TargetUpdate update,
        Assignment assignment,
        VisitRecord visit,
        RecommendationRecord recommendation,
        DecisionRecord decision,
        DossierRecord dossier,
        AppraisalRecord appraisal,
        EvidenceFile evidence,
        DossierConditionRecord condition,
        CommuneTitle title,
        Mtqg.Data.Money.Programme programme,
        Mtqg.Data.Money.Project project,
        Mtqg.Data.Money.ProjectAllocation allocation,
        Mtqg.Data.Money.ProjectDisbursement disbursement,
        Mtqg.Data.Poverty.PovertyResult poverty,
        Mtqg.Data.Money.CommuneContribution contribution,
        Mtqg.Data.Money.ConstructionDebt debt,
        Mtqg.Data.Closing.ClosedPeriod closing,
        Mtqg.Data.Closing.ReportDeadline deadline
    ) Samples(int baoHa)
    {
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
            UnitId = baoHa,
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
            UnitId = baoHa,
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
        return (
            agency,
            department,
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
            title,
            programme,
            project,
            allocation,
            disbursement,
            poverty,
            contribution,
            debt,
            closing,
            deadline
        );
    }
}
