using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data.Accounts;
using Mtqg.Data.Scorecards;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Audit;

/// <summary>What the recording in SaveChanges guarantees: the same transaction as the change, readable keys, no secrets, append only.</summary>
public sealed class AuditRecordingTests
{
    [Fact]
    public async Task A_change_the_database_refuses_leaves_no_audit_row_and_the_next_save_records_only_what_it_stores()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var stored = await db
            .IndicatorValues.Include(v => v.Unit)
            .Include(v => v.Indicator)
            .FirstAsync(v =>
                v.Unit.Code == BaoHa && v.Year == 2026 && v.Indicator.Set.Code == Code && v.Indicator.Type != IndicatorType.Boolean
            );
        var duplicate = new IndicatorValue
        {
            UnitId = stored.UnitId,
            Year = 2026,
            IndicatorId = stored.IndicatorId,
            Value = 1m,
            UpdatedAt = DateTime.UtcNow,
        };
        db.IndicatorValues.Add(duplicate);
        stored.Value += 1m;

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(0, await Count(app, "IndicatorValue"));

        db.Entry(duplicate).State = EntityState.Detached;
        await db.SaveChangesAsync();
        using var check = app.Services.CreateScope();
        var row = await app.Db(check).AuditEntries.SingleAsync(e => e.Entity == "IndicatorValue");
        Assert.Equal(("update", BaoHa, stored.Indicator.Code, Code), (row.Action, row.UnitCode, row.Key, row.SetCode));
        Assert.Equal(
            decimal.Parse(row.OldValue!, System.Globalization.CultureInfo.InvariantCulture) + 1m,
            decimal.Parse(row.NewValue!, System.Globalization.CultureInfo.InvariantCulture)
        );
        Assert.Equal("hệ thống", row.UserName); // no request, and the change did not stamp an editor
    }

    [Fact]
    public async Task Account_changes_are_recorded_with_their_meaningful_fields_and_never_a_password_hash()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = "kiem.tra",
            DisplayName = "Kiểm tra",
            UnitCode = BaoHa,
            CreatedAt = DateTime.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, "Kiem@2026x")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, "commune")).Succeeded);
        user.DisplayName = "Kiểm tra viên";
        user.IsDisabled = true;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        Assert.True((await users.ChangePasswordAsync(user, "Kiem@2026x", "Moi@2026xy")).Succeeded);

        using var check = app.Services.CreateScope();
        var rows = await app.Db(check)
            .AuditEntries.Where(e => e.Entity == "AppUser" && e.Key == "kiem.tra")
            .OrderBy(e => e.Id)
            .ToListAsync();
        Assert.Equal(["create", "update", "update", "update"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal(BaoHa, r.UnitCode));
        Assert.Contains("Tên hiển thị: Kiểm tra", rows[0].NewValue);
        Assert.Contains($"Đơn vị: {BaoHa}", rows[0].NewValue);
        Assert.Equal("Vai trò: commune", rows[1].NewValue);
        Assert.Equal(
            ("Tên hiển thị: Kiểm tra; Ngừng hoạt động: false", "Tên hiển thị: Kiểm tra viên; Ngừng hoạt động: true"),
            (rows[2].OldValue, rows[2].NewValue)
        );
        Assert.Equal("Mật khẩu: đã đổi", rows[3].NewValue);
        var secrets = new[] { user.PasswordHash!, user.SecurityStamp!, user.ConcurrencyStamp! };
        Assert.All(rows, r => Assert.All(secrets, s => Assert.DoesNotContain(s, (r.OldValue ?? "") + (r.NewValue ?? ""))));
    }

    [Fact]
    public async Task A_criteria_set_created_through_the_API_is_recorded_with_its_code_and_the_administrator()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var doc = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/criteria-sets/{Code}"))!;
        doc["code"] = "KIEM-TRA-NHAT-KY";

        var created = await admin.PostAsync(
            "/api/v1/criteria-sets",
            new StringContent(doc.ToJsonString(), Encoding.UTF8, "application/json")
        );

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var scope = app.Services.CreateScope();
        var row = await app.Db(scope).AuditEntries.SingleAsync(e => e.Entity == "CriteriaSet" && e.Key == "KIEM-TRA-NHAT-KY");
        Assert.Equal(("create", "demo.admin", "KIEM-TRA-NHAT-KY", null), (row.Action, row.UserName, row.SetCode, row.OldValue));
        Assert.Contains("Mã: KIEM-TRA-NHAT-KY", row.NewValue);
        Assert.Contains("Từ năm: 2021; Đến năm: 2030", row.NewValue);
    }

    [Fact]
    public async Task The_trail_cannot_be_changed_or_deleted_through_the_application()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var routes = app
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.Contains("audit") || raw.EndsWith("/history")))
            .ToList();
        Assert.Equal(3, routes.Count);
        Assert.All(routes, e => Assert.Equal(["GET"], e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods));

        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var entry = await db.AuditEntries.FirstAsync();
        entry.NewValue = "sửa lén";
        Assert.Contains("chỉ được ghi thêm", (await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message);
        db.Entry(entry).State = EntityState.Unchanged;
        db.AuditEntries.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        using var check = app.Services.CreateScope();
        Assert.True(await app.Db(check).AuditEntries.AnyAsync(e => e.Id == entry.Id && e.NewValue != "sửa lén"));
    }

    private static async Task<int> Count(MtqgApp app, string entity)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).AuditEntries.CountAsync(e => e.Entity == entity);
    }
}
