using System.ComponentModel.DataAnnotations;

namespace Mtqg.Web.Features.Accounts.Pages;

/// <summary>The account form of the accounts pages, bound by the framework ([SupplyParameterFromForm]); the service checks the rest.</summary>
public sealed class AccountForm
{
    /// <summary>For a new account only (the service names what is wrong with it); an account keeps its name.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }

    [Required(ErrorMessage = "Nhập tên hiển thị (họ tên hoặc tên cơ quan).")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Chọn vai trò.")]
    public string? Role { get; set; }
    public string? UnitCode { get; set; }
    public string? Sector { get; set; }

    /// <summary>The account's version as read (decision 0016); empty for a new account.</summary>
    public string? Version { get; set; }

    public UserInput ToInput() => new(UserName, Password, DisplayName, Role, UnitCode, Sector);

    public static AccountForm Of(UserView user) =>
        new()
        {
            UserName = user.UserName,
            DisplayName = user.DisplayName,
            Role = user.Role,
            UnitCode = user.UnitCode,
            Sector = user.Sector,
            Version = user.Version,
        };
}

public sealed class PasswordForm
{
    public string? Current { get; set; }

    [Required(ErrorMessage = "Nhập mật khẩu mới.")]
    public string? Password { get; set; }
}
