using Microsoft.AspNetCore.Identity;

namespace Mtqg.Web.Features.Accounts;

/// <summary>Identity's messages in Vietnamese (password policy, duplicate names, concurrency).</summary>
public sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError E(string code, string message) => new() { Code = code, Description = message };

    public override IdentityError DefaultError() => E(nameof(DefaultError), "Đã xảy ra lỗi khi xử lý tài khoản.");

    public override IdentityError ConcurrencyFailure() =>
        E(nameof(ConcurrencyFailure), "Tài khoản vừa được người khác thay đổi; tải lại trang rồi thử lại.");

    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "Mật khẩu hiện tại không đúng.");

    public override IdentityError InvalidUserName(string? userName) =>
        E(nameof(InvalidUserName), $"Tên đăng nhập \"{userName}\" chỉ được gồm chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.");

    public override IdentityError DuplicateUserName(string userName) =>
        E(nameof(DuplicateUserName), $"Tên đăng nhập \"{userName}\" đã có người dùng.");

    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"Mật khẩu phải có ít nhất {length} ký tự.");

    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "Mật khẩu phải có ít nhất một chữ số.");

    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "Mật khẩu phải có ít nhất một chữ thường.");

    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "Mật khẩu phải có ít nhất một chữ hoa.");

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        E(nameof(PasswordRequiresNonAlphanumeric), "Mật khẩu phải có ít nhất một ký tự đặc biệt.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        E(nameof(PasswordRequiresUniqueChars), $"Mật khẩu phải có ít nhất {uniqueChars} ký tự khác nhau.");

    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), $"Tài khoản đã có vai trò {role}.");
}
