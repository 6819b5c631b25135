using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Mtqg.Data.Accounts;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.Accounts;

/// <summary>
/// The first administrator comes from configuration (Mtqg:Admin:UserName / Password), never from the repo.
/// Demo accounts, one per role, exist only in demo mode and are printed at start-up.
/// </summary>
public sealed class AccountSeeder(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<AdminOptions> admin,
    IOptions<DemoOptions> demo,
    TimeProvider clock,
    ILogger<AccountSeeder> logger
)
{
    public const string DemoPassword = "Demo@2026";

    public static readonly (string UserName, string DisplayName, string Role, string? Unit, string? Sector)[] DemoAccounts =
    [
        ("demo.admin", "Quản trị hệ thống (demo)", Roles.Admin, null, null),
        ("demo.dieuphoi", "VP Điều phối NTM tỉnh Lào Cai (demo)", Roles.Coordinator, "15", null),
        ("demo.thamdinh", "Sở Xây dựng tỉnh Lào Cai (demo)", Roles.Appraiser, "15", "SXD"),
        // One appraiser per department the demo criteria set names, so a dossier can go through every department. Sectors are
        // department codes of the registry (decision 0020); CAT (Công an tỉnh) is added to Lào Cai's registry by the demo.
        ("demo.thamdinh.nnmt", "Sở Nông nghiệp và Môi trường tỉnh Lào Cai (demo)", Roles.Appraiser, "15", "SNNMT"),
        ("demo.thamdinh.noivu", "Sở Nội vụ tỉnh Lào Cai (demo)", Roles.Appraiser, "15", "SNV"),
        ("demo.thamdinh.vhttdl", "Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai (demo)", Roles.Appraiser, "15", "SVHTTDL"),
        ("demo.thamdinh.khcn", "Sở Khoa học và Công nghệ tỉnh Lào Cai (demo)", Roles.Appraiser, "15", "SKHCN"),
        ("demo.thamdinh.congan", "Công an tỉnh Lào Cai (demo)", Roles.Appraiser, "15", "CAT"),
        ("demo.giupdo", "Sở Tài chính tỉnh Lào Cai — đơn vị giúp đỡ xã (demo)", Roles.Agency, "15", "Sở Tài chính"),
        ("demo.xa", "Cán bộ xã Bảo Hà (demo)", Roles.Commune, "02989", null),
        ("demo.xem", "Lãnh đạo tỉnh Lào Cai (demo)", Roles.Viewer, "15", null),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), role);

        var (adminName, adminPassword) = (admin.Value.UserName, admin.Value.Password);
        if (
            !string.IsNullOrWhiteSpace(adminName)
            && !string.IsNullOrWhiteSpace(adminPassword)
            && await users.FindByNameAsync(adminName) is null
        )
        {
            await CreateAsync(adminName, "Quản trị hệ thống", Roles.Admin, null, null, adminPassword);
            logger.LogInformation("Đã tạo tài khoản quản trị {UserName} từ cấu hình.", adminName);
        }

        if (!demo.Value.Demo)
            return;
        foreach (var (userName, displayName, role, unit, sector) in DemoAccounts)
            if (await users.FindByNameAsync(userName) is null)
                await CreateAsync(userName, displayName, role, unit, sector, DemoPassword);
        logger.LogWarning(
            "CHẾ ĐỘ DEMO — tài khoản mẫu (mật khẩu chung {Password}): {Accounts}",
            DemoPassword,
            string.Join(", ", DemoAccounts.Select(a => $"{a.UserName} ({a.Role})"))
        );
    }

    private async Task CreateAsync(string userName, string displayName, string role, string? unit, string? sector, string password)
    {
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = displayName,
            UnitCode = unit,
            Sector = sector,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        Check(await users.CreateAsync(user, password), userName);
        Check(await users.AddToRoleAsync(user, role), userName);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Không tạo được {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
