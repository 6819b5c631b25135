using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data.Accounts;
using Mtqg.Data.Audit;
using Mtqg.Data.Closing;
using Mtqg.Data.Criteria;
using Mtqg.Data.Departments;
using Mtqg.Data.Mail;
using Mtqg.Data.Map;
using Mtqg.Data.Money;
using Mtqg.Data.Plans;
using Mtqg.Data.Poverty;
using Mtqg.Data.Recognition;
using Mtqg.Data.Scorecards;
using Mtqg.Data.Units;
using Mtqg.Data.Visits;

namespace Mtqg.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<AdministrativeUnit> Units => Set<AdministrativeUnit>();
    public DbSet<UnitSuccession> UnitSuccessions => Set<UnitSuccession>();
    public DbSet<CriteriaSet> CriteriaSets => Set<CriteriaSet>();
    public DbSet<CriteriaLevel> CriteriaLevels => Set<CriteriaLevel>();
    public DbSet<CommuneGroup> CommuneGroups => Set<CommuneGroup>();
    public DbSet<ReportingBand> ReportingBands => Set<ReportingBand>();
    public DbSet<Criterion> Criteria => Set<Criterion>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Threshold> Thresholds => Set<Threshold>();
    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();
    public DbSet<CommuneGroupAssignment> GroupAssignments => Set<CommuneGroupAssignment>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<CommuneList> CommuneLists => Set<CommuneList>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanTarget> PlanTargets => Set<PlanTarget>();
    public DbSet<TargetUpdate> TargetUpdates => Set<TargetUpdate>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<AssignmentCommune> AssignmentCommunes => Set<AssignmentCommune>();
    public DbSet<VisitRecord> Visits => Set<VisitRecord>();
    public DbSet<VisitSupport> VisitSupport => Set<VisitSupport>();
    public DbSet<RecommendationRecord> Recommendations => Set<RecommendationRecord>();
    public DbSet<RecommendationEventRecord> RecommendationEvents => Set<RecommendationEventRecord>();
    public DbSet<DossierRecord> Dossiers => Set<DossierRecord>();
    public DbSet<DossierCriterionRecord> DossierCriteria => Set<DossierCriterionRecord>();
    public DbSet<DossierIndicatorRecord> DossierIndicators => Set<DossierIndicatorRecord>();
    public DbSet<AppraisalRecord> Appraisals => Set<AppraisalRecord>();
    public DbSet<DossierEventRecord> DossierEvents => Set<DossierEventRecord>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<DossierConditionRecord> DossierConditions => Set<DossierConditionRecord>();
    public DbSet<DecisionRecord> Decisions => Set<DecisionRecord>();
    public DbSet<CommuneTitle> CommuneTitles => Set<CommuneTitle>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<ProgrammeComponent> ProgrammeComponents => Set<ProgrammeComponent>();
    public DbSet<CapitalPlanVersion> CapitalPlanVersions => Set<CapitalPlanVersion>();
    public DbSet<CapitalPlanRow> CapitalPlanRows => Set<CapitalPlanRow>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectAllocation> ProjectAllocations => Set<ProjectAllocation>();
    public DbSet<ProjectDisbursement> ProjectDisbursements => Set<ProjectDisbursement>();
    public DbSet<DisbursementCorrection> DisbursementCorrections => Set<DisbursementCorrection>();
    public DbSet<PovertyResult> PovertyResults => Set<PovertyResult>();
    public DbSet<CommuneContribution> CommuneContributions => Set<CommuneContribution>();
    public DbSet<ConstructionDebt> ConstructionDebts => Set<ConstructionDebt>();
    public DbSet<ClosedPeriod> ClosedPeriods => Set<ClosedPeriod>();
    public DbSet<ReportDeadline> ReportDeadlines => Set<ReportDeadline>();
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();
    public DbSet<CommuneBoundarySet> CommuneBoundarySets => Set<CommuneBoundarySet>();
    public DbSet<CommuneBoundary> CommuneBoundaries => Set<CommuneBoundary>();
    public DbSet<EvaluationStamp> EvaluationStamps => Set<EvaluationStamp>();
    public DbSet<MoneyStamp> MoneyStamps => Set<MoneyStamp>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
