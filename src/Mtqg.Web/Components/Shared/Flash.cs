using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;

namespace Mtqg.Web.Components.Shared;

/// <summary>What a form post reports on the page it redirects to: done, or (<paramref name="Refused"/>) refused after the page had handed over.</summary>
public sealed record Notice(string Text, IReadOnlyList<string> Details, bool Refused = false);

/// <summary>
/// Post/Redirect/Get for every page form: a post that changed something answers 303 to the page to show
/// (the same one by default), and its success message travels in a short-lived, protected cookie that the
/// layout shows once (<see cref="FlashMessage"/>). Reloading the page after that re-posts nothing.
/// A refused post does not come here: the page renders again in place with its errors and the user's input.
/// </summary>
public sealed class Flash(IHttpContextAccessor http, NavigationManager navigation, IDataProtectionProvider protection)
{
    private const string Cookie = "mtqg.flash";
    private readonly IDataProtector protector = protection.CreateProtector("Mtqg.Flash");

    /// <summary>Redirects (303) to <paramref name="to"/>, or to the page posted to, and shows <paramref name="text"/> there.</summary>
    public void Redirect(string text, string? to = null, IReadOnlyList<string>? details = null)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("Flash.Redirect is for a page handling a form post.");
        Keep(context, new Notice(text, details ?? []));
        // NavigateTo answers 302; after a post the right answer is 303 See Other (the browser fetches the page with GET).
        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode == StatusCodes.Status302Found)
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
            return Task.CompletedTask;
        });
        navigation.NavigateTo(to ?? navigation.Uri);
    }

    /// <summary>
    /// A post refused by the last-line check of stored lengths (decision 0013), which no page renders in place: 303 back
    /// to the page posted to, which shows why (as an alert) and that nothing was saved.
    /// </summary>
    public void RedirectRefused(HttpContext context, string text, IReadOnlyList<string> details)
    {
        Keep(context, new Notice(text, details, Refused: true));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = $"{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
    }

    private void Keep(HttpContext context, Notice notice) =>
        context.Response.Cookies.Append(
            Cookie,
            protector.Protect(JsonSerializer.Serialize(notice)),
            new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = TimeSpan.FromMinutes(2),
                IsEssential = true,
            }
        );

    /// <summary>The notice left by the last redirect, once: the cookie is removed with this response.</summary>
    public Notice? Take()
    {
        var context = http.HttpContext;
        if (context is null || !context.Request.Cookies.TryGetValue(Cookie, out var payload))
            return null;
        if (!context.Response.HasStarted)
            context.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });
        try
        {
            return JsonSerializer.Deserialize<Notice>(protector.Unprotect(payload));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null; // an old key or a tampered cookie: nothing to show
        }
    }
}
