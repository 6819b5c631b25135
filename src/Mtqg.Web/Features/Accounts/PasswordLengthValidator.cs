using Microsoft.AspNetCore.Identity;
using Mtqg.Data.Accounts;
using Mtqg.Domain.Common;

namespace Mtqg.Web.Features.Accounts;

/// <summary>
/// The upper bound of <see cref="PasswordLength"/> (Identity knows only the lower one): a password of a megabyte would be
/// hashed at every sign-in. Identity runs its validators on every path that sets a password — create, reset, change one's
/// own, the first administrator.
/// </summary>
public sealed class PasswordLengthValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(
            password?.Length > PasswordLength.Max
                ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = PasswordLength.TooLong })
                : IdentityResult.Success
        );
}
