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
using Mtqg.Data.Scorecards;
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
        ["MoneyStamp"] = "a cache key (decision 0032): moves with audited changes of projects, allocations and monthly disbursements",
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

        var baoHa = await db.Units.Where(u => u.Code == "02989" && u.ValidTo == null).Select(u => u.Id).SingleAsync();
        var (
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
        ) = Samples(baoHa);
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
        Assert.Equal(ExpectedCreated, created);
        Assert.Equal(ExpectedChanged, changed);
        Assert.Equal(ExpectedDeleted, deleted);
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
