using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Accounts;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Accounts;

public sealed record UserInput(string? UserName, string? Password, string? DisplayName, string? Role, string? UnitCode, string? Sector);

public sealed record UserView(
    string Id,
    string UserName,
    string DisplayName,
    string Role,
    string? UnitCode,
    string? UnitName,
    string? Sector,
    bool IsDisabled,
    bool IsLockedOut,
    DateTime CreatedAt,
    string ConcurrencyStamp
)
{
    /// <summary>The account's edit version (decision 0016): its concurrency stamp, sent as the ETag.</summary>
    public string Version => ConcurrencyStamp;
}

/// <summary>
/// Accounts: administrators manage every account; a province's coordination office manages the
/// accounts of its province (never administrators). Every change is all or nothing.
/// </summary>
public sealed partial class UserService(
    AppDbContext db,
    UserManager<AppUser> users,
    AccessPolicy access,
    Departments.DepartmentService departments,
    TimeProvider clock
)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex UserNamePattern();

    public async Task<(UserView? User, Outcome Outcome)> CreateAsync(UserInput input, CancellationToken ct)
    {
        // Scope first: an account outside the actor's reach is refused before anything about it is revealed.
        var (role, unit, sector, scopeProblems) = await CheckScopeAsync(input, ct);
        if (scopeProblems.Count == 0 && !access.CanManageAccount(role!, unit))
            return (null, Outcome.Forbidden("Tài khoản của bạn không được tạo tài khoản với vai trò hoặc đơn vị này."));
        var problems = new List<Problem>(scopeProblems);
        var userName = input.UserName?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(userName))
            problems.Add(new Problem("userName", "Thiếu tên đăng nhập."));
        else if (!UserNamePattern().IsMatch(userName))
            problems.Add(
                new Problem("userName", "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.")
            );
        else if (await users.FindByNameAsync(userName) is not null)
            problems.Add(new Problem("userName", $"Tên đăng nhập \"{userName}\" đã có người dùng."));
        if (InputText.IsBlank(input.Password))
            problems.Add(new Problem("password", "Thiếu mật khẩu."));
        else
            problems.AddRange(await PasswordProblemsAsync(input.Password));
        if (problems.Count > 0)
            return (null, Outcome.Invalid($"Tài khoản có {problems.Count} lỗi; chưa tạo.", problems));

        var user = new AppUser
        {
            UserName = userName,
            DisplayName = input.DisplayName!.Trim(),
            UnitCode = unit,
            Sector = sector,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, input.Password!);
        if (created.Succeeded)
            created = await users.AddToRoleAsync(user, role!);
        if (!created.Succeeded)
            return (
                null,
                Outcome.Invalid("Không tạo được tài khoản.", created.Errors.Select(e => new Problem("password", e.Description)).ToList())
            );
        await tx.CommitAsync(ct);
        return (await FindAsync(user.Id, ct), Outcome.Done);
    }

    /// <summary>
    /// Corrects an account. <paramref name="version"/> is the account's version as read (its concurrency stamp, the API's ETag):
    /// when someone saved the account since, nothing is written (decision 0016).
    /// </summary>
    public async Task<Outcome> UpdateAsync(string id, UserInput input, string? version, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return Outcome.NotFound("Không có tài khoản này.");
        var current = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Viewer;
        if (!access.CanManageAccount(current, user.UnitCode))
            return Outcome.Forbidden("Tài khoản của bạn không được sửa tài khoản này.");
        if (version is not null && version != user.ConcurrencyStamp)
            return Changed(user);
        var (role, unit, sector, problems) = await CheckScopeAsync(input, ct);
        if (problems.Count > 0)
            return Outcome.Invalid($"Tài khoản có {problems.Count} lỗi; chưa lưu.", problems);
        if (!access.CanManageAccount(role!, unit))
            return Outcome.Forbidden("Tài khoản của bạn không được giao vai trò hoặc đơn vị này.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        (user.DisplayName, user.UnitCode, user.Sector) = (input.DisplayName!.Trim(), unit, sector);
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && role != current)
        {
            result = await users.RemoveFromRoleAsync(user, current);
            if (result.Succeeded)
                result = await users.AddToRoleAsync(user, role!);
        }
        if (result.Succeeded)
            result = await users.UpdateSecurityStampAsync(user); // scope changed: sign in again
        if (!result.Succeeded)
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? Changed(await users.FindByIdAsync(id) ?? user)
                : Outcome.Invalid("Không lưu được tài khoản.", result.Errors.Select(e => new Problem("", e.Description)).ToList());
        await tx.CommitAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Disabling changes the security stamp: the account's cookies and tokens stop working on their next request.</summary>
    public async Task<Outcome> SetDisabledAsync(string id, bool disabled, CancellationToken ct)
    {
        var (user, outcome) = await ManagedAsync(id);
        if (user is null)
            return outcome;
        if (disabled && user.UserName == access.User.UserName)
            return Outcome.Rejected("Không thể tự khóa tài khoản của chính mình.");
        user.IsDisabled = disabled;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded)
            result = await users.UpdateSecurityStampAsync(user);
        return result.Succeeded ? Outcome.Done : Outcome.Conflict(result.Errors.First().Description);
    }

    public async Task<Outcome> ResetPasswordAsync(string id, string? newPassword, CancellationToken ct)
    {
        var (user, outcome) = await ManagedAsync(id);
        if (user is null)
            return outcome;
        if (InputText.IsBlank(newPassword))
            return Outcome.Invalid("Thiếu mật khẩu mới.", [new Problem("password", "Nhập mật khẩu mới.")]);
        var problems = await PasswordProblemsAsync(newPassword);
        if (problems.Count > 0)
            return Outcome.Invalid("Mật khẩu mới chưa đạt yêu cầu.", problems);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (result.Succeeded)
            await users.SetLockoutEndDateAsync(user, null);
        return result.Succeeded
            ? Outcome.Done
            : Outcome.Invalid("Không đặt lại được mật khẩu.", result.Errors.Select(e => new Problem("password", e.Description)).ToList());
    }

    public async Task<Outcome> ChangeOwnPasswordAsync(string? current, string? next)
    {
        var user = await users.GetUserAsync(access.User.Principal);
        if (user is null)
            return Outcome.NotFound("Không tìm thấy tài khoản.");
        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(next))
            return Outcome.Invalid(
                "Cần nhập mật khẩu hiện tại và mật khẩu mới.",
                [new Problem("password", "Cần nhập mật khẩu hiện tại và mật khẩu mới.")]
            );
        var result = await users.ChangePasswordAsync(user, current, next);
        return result.Succeeded
            ? Outcome.Done
            : Outcome.Invalid("Chưa đổi được mật khẩu.", result.Errors.Select(e => new Problem("password", e.Description)).ToList());
    }

    public async Task<UserView?> FindAsync(string id, CancellationToken ct) =>
        (await ViewsAsync(db.Users.Where(u => u.Id == id), ct)).FirstOrDefault();

    /// <summary>An account the current user manages (404 for an unknown id, 403 outside their reach).</summary>
    public async Task<(UserView? User, Outcome Outcome)> GetAsync(string id, CancellationToken ct)
    {
        var (user, outcome) = await ManagedAsync(id);
        return user is null ? (null, outcome) : (await FindAsync(user.Id, ct), Outcome.Done);
    }

    private static Outcome Changed(AppUser now) =>
        Outcome.Changed(
            $"Tài khoản {now.UserName} vừa được người khác thay đổi (tên hiển thị hiện là \"{now.DisplayName}\"); "
                + "thay đổi của bạn chưa được lưu. Xem bản mới dưới đây rồi sửa lại nếu cần."
        );

    /// <summary>The accounts an actor may manage: all for administrators; a coordinator's province (its office, departments, agencies, communes).</summary>
    public async Task<IReadOnlyList<UserView>> ListAsync(string? q, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (!access.User.IsAdmin)
        {
            var province = access.User.Unit ?? "-";
            var communes = UnitService
                .InForce(db.Units, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                .Where(u => u.ProvinceCode == province)
                .Select(u => u.Code);
            query = query.Where(u => u.UnitCode == province || communes.Contains(u.UnitCode!));
        }
        var folded = VietnameseText.Fold(q);
        var views = await ViewsAsync(query, ct);
        return views
            .Where(v =>
                folded.Length == 0 || v.UserName.Contains(folded) || VietnameseText.Fold(v.DisplayName).Contains(folded) || v.UnitCode == q
            )
            .ToList();
    }

    private async Task<List<UserView>> ViewsAsync(IQueryable<AppUser> query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await query
            .OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                u.UnitCode,
                u.Sector,
                u.IsDisabled,
                u.LockoutEnd,
                u.CreatedAt,
                u.ConcurrencyStamp,
                Role = db
                    .UserRoles.Where(r => r.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var codes = rows.Select(r => r.UnitCode).Where(c => c != null).Distinct().ToList();
        var names = await UnitService
            .InForce(db.Units.AsNoTracking(), today)
            .Where(u => codes.Contains(u.Code))
            .ToDictionaryAsync(u => u.Code, u => u.FullName, ct);
        return rows.Select(r => new UserView(
                r.Id,
                r.UserName!,
                r.DisplayName,
                r.Role ?? "",
                r.UnitCode,
                r.UnitCode is null ? null : names.GetValueOrDefault(r.UnitCode),
                r.Sector,
                r.IsDisabled,
                r.LockoutEnd > now,
                r.CreatedAt,
                r.ConcurrencyStamp ?? ""
            ))
            .ToList();
    }

    private async Task<(AppUser? User, Outcome Outcome)> ManagedAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return (null, Outcome.NotFound("Không có tài khoản này."));
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Viewer;
        return access.CanManageAccount(role, user.UnitCode)
            ? (user, Outcome.Done)
            : (null, Outcome.Forbidden("Tài khoản của bạn không được quản lý tài khoản này."));
    }

    /// <summary>Checks role, unit and sector together: each role works for a unit of a given level.</summary>
    private async Task<(string? Role, string? Unit, string? Sector, List<Problem> Problems)> CheckScopeAsync(
        UserInput input,
        CancellationToken ct
    )
    {
        var problems = new List<Problem>();
        if (InputText.IsBlank(input.DisplayName))
            problems.Add(new Problem("displayName", "Thiếu tên hiển thị (họ tên hoặc tên cơ quan)."));
        else if (db.TooLong((AppUser u) => u.DisplayName, input.DisplayName.Trim(), "displayName") is { } tooLong)
            problems.Add(tooLong);
        var role = input.Role?.Trim().ToLowerInvariant();
        if (role is null || !Roles.All.Contains(role))
        {
            problems.Add(new Problem("role", $"Vai trò \"{input.Role}\" không hợp lệ; dùng một trong: {string.Join(", ", Roles.All)}."));
            return (null, null, null, problems);
        }
        var unit = InputText.IsBlank(input.UnitCode) ? null : input.UnitCode.Trim();
        var sector = InputText.IsBlank(input.Sector) ? null : input.Sector.Trim();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var level = unit is null
            ? (UnitLevel?)null
            : await UnitService
                .InForce(db.Units, today)
                .Where(u => u.Code == unit)
                .Select(u => (UnitLevel?)u.Level)
                .FirstOrDefaultAsync(ct);
        if (unit is not null && level is null)
            problems.Add(new Problem("unitCode", $"Không có đơn vị hành chính mã \"{unit}\" đang có hiệu lực."));
        switch (role)
        {
            case Roles.Admin when unit is not null:
                problems.Add(new Problem("unitCode", "Tài khoản quản trị không gắn với đơn vị: để trống mã đơn vị."));
                break;
            case Roles.Coordinator
            or Roles.Appraiser
            or Roles.Agency when level is not null && level != UnitLevel.Province || unit is null && role != Roles.Admin:
                problems.Add(new Problem("unitCode", "Vai trò này làm việc cho một tỉnh: nhập mã tỉnh (2 chữ số)."));
                break;
            case Roles.Commune when unit is null || level is not null && level != UnitLevel.Commune:
                problems.Add(new Problem("unitCode", "Cán bộ xã làm việc cho một xã: nhập mã xã (5 chữ số)."));
                break;
            case Roles.Viewer when level is not null && level != UnitLevel.Province:
                problems.Add(new Problem("unitCode", "Tài khoản xem báo cáo gắn với một tỉnh, hoặc để trống để xem toàn quốc."));
                break;
        }
        if (role == Roles.Appraiser && sector is null)
            problems.Add(new Problem("sector", "Sở, ngành thẩm định: chọn một sở, ngành của tỉnh (ví dụ SXD — Sở Xây dựng)."));
        // An appraiser works for a department of its province's registry (decision 0020): its code is stored, never free text.
        if (role == Roles.Appraiser && sector is not null && unit is not null && level == UnitLevel.Province)
        {
            var (code, problem) = await departments.ResolveAsync(unit, sector, departments.Today, "sector", ct);
            if (problem is not null)
                problems.Add(problem with { Message = $"Sở, ngành thẩm định: {problem.Message}" });
            sector = code ?? sector;
        }
        if (db.TooLong((AppUser u) => u.Sector, sector, "sector") is { } sectorTooLong)
            problems.Add(sectorTooLong);
        if (role == Roles.Agency && sector is null)
            problems.Add(new Problem("sector", "Đơn vị giúp đỡ xã cần ghi tên cơ quan (ví dụ: Sở Tài chính)."));
        return (role, unit, role is Roles.Appraiser or Roles.Agency ? sector : null, problems);
    }

    private async Task<List<Problem>> PasswordProblemsAsync(string password)
    {
        var problems = new List<Problem>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new AppUser(), password);
            problems.AddRange(result.Errors.Select(e => new Problem("password", e.Description)));
        }
        return problems;
    }
}
