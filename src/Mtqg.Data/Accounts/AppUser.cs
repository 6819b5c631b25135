using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mtqg.Data.Accounts;

public sealed class AppUser : IdentityUser
{
    [Display(Name = "Tên hiển thị")]
    public string DisplayName { get; set; } = "";

    /// <summary>The unit the account works for (a province or commune code); empty for national accounts.</summary>
    [Display(Name = "Mã đơn vị")]
    public string? UnitCode { get; set; }

    /// <summary>For appraisers: the sector (department) whose criteria they appraise.</summary>
    [Display(Name = "Sở, ngành hoặc cơ quan")]
    public string? Sector { get; set; }
    public bool IsDisabled { get; set; }

    /// <summary>How the account wants mail about what waits for it (its <c>Email</c> is the address).</summary>
    [Display(Name = "Nhận thư")]
    public MailChoice MailChoice { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(200);
        user.Property(u => u.UnitCode).HasMaxLength(10);
        user.Property(u => u.Sector).HasMaxLength(200);
    }
}

/// <summary>Mail about what waits: one mail per thing as it comes, one digest a day, or none.</summary>
public enum MailChoice
{
    Immediate = 0,
    DailyDigest = 1,
    None = 2,
}
