using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Mtqg.Data.Accounts;
using Mtqg.Domain.Common;

namespace Mtqg.Web.Features.Accounts;

/// <summary>
/// Checks a name and password for the sign-in page and the token endpoint alike (issue 18). Wrong guesses slow down only the
/// client that makes them, for the name it guesses: after <see cref="FreeFailures"/> failures of one (client address, name)
/// pair, that pair waits 30 s, then twice as long after each further failure, up to 15 minutes; a success clears it. A stranger
/// elsewhere cannot lock anybody out (Identity's account lockout, which did, is not used). An unknown name, a disabled
/// account and a wrong password get the same answer, after the same work (a password hash is checked either way), and the
/// wait is announced the same way whether the name exists or not, so answers do not tell which names exist.
/// State is per web node and in memory; the per-address rate limit (<c>Mtqg:SignInRateLimit</c>) bounds the rest.
/// </summary>
public sealed class SignInGuard(TimeProvider clock)
{
    public const int FreeFailures = 5;
    public const string Wrong = "Tên đăng nhập hoặc mật khẩu không đúng.";
    private const int MaxTracked = 100_000;
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30),
        LongestWait = TimeSpan.FromMinutes(15),
        Forget = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<(string Client, string Name), (int Failures, DateTimeOffset Last)> failures = new();

    // Checked for unknown names so that they cost what a real check costs.
    private static readonly AppUser Nobody = new() { UserName = "nobody" };
    private static readonly string NobodyHash = new PasswordHasher<AppUser>().HashPassword(Nobody, Guid.NewGuid().ToString());

    /// <summary>The account when <paramref name="password"/> is right, else the Vietnamese reason to show (never which part was wrong).</summary>
    public async Task<(AppUser? User, string? Refusal)> CheckAsync(
        IPAddress? client,
        string userName,
        string password,
        UserManager<AppUser> users,
        SignInManager<AppUser> signIn
    )
    {
        var key = (client?.ToString() ?? "", userName.Trim().ToLowerInvariant());
        var now = clock.GetUtcNow();
        if (failures.TryGetValue(key, out var seen) && seen.Failures >= FreeFailures)
        {
            var until = seen.Last + Wait(seen.Failures);
            if (until > now)
                return (null, WaitMessage(until - now));
        }

        // No password is longer than PasswordLength.Max (the rule when one is set): a longer one is wrong without hashing it.
        var user = password.Length > PasswordLength.Max ? null : await users.FindByNameAsync(userName);
        bool right;
        if (password.Length > PasswordLength.Max)
            right = false;
        else if (user is null || user.IsDisabled)
        {
            users.PasswordHasher.VerifyHashedPassword(Nobody, NobodyHash, password);
            right = false;
        }
        else
            right = (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false)).Succeeded;

        if (right)
        {
            failures.TryRemove(key, out _);
            return (user, null);
        }
        if (failures.Count >= MaxTracked)
            foreach (var old in failures.Where(f => now - f.Value.Last > Forget).Select(f => f.Key).ToList())
                failures.TryRemove(old, out _);
        var count = failures.AddOrUpdate(key, (1, now), (_, f) => (now - f.Last > Forget ? 1 : f.Failures + 1, now)).Failures;
        return (null, count >= FreeFailures ? WaitMessage(Wait(count)) : Wrong);
    }

    private static TimeSpan Wait(int failures)
    {
        var doublings = Math.Min(failures - FreeFailures, 10);
        var wait = FirstWait * Math.Pow(2, doublings);
        return wait > LongestWait ? LongestWait : wait;
    }

    private static string WaitMessage(TimeSpan wait) =>
        $"{Wrong} Đã sai nhiều lần: thử lại sau {Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} giây.";
}
