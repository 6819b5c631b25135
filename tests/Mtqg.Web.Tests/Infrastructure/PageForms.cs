using System.Net;
using System.Text.RegularExpressions;

namespace Mtqg.Web.Tests.Infrastructure;

/// <summary>Page forms posted the way a browser posts them: the antiforgery token and the form's handler name read from the page.</summary>
public static class PageForms
{
    /// <summary>Gets <paramref name="url"/>, then posts its form <paramref name="form"/> with <paramref name="fields"/> to the same address.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client,
        string url,
        string form,
        params (string Name, string Value)[] fields
    )
    {
        var page = await client.GetStringAsync(url);
        Assert.True(Regex.IsMatch(page, $"name=\"_handler\" value=\"{Regex.Escape(form)}\""), $"No form {form} on {url}.");
        var content = new FormUrlEncodedContent([
            new("__RequestVerificationToken", Hidden(page, "__RequestVerificationToken")),
            new("_handler", form),
            .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)),
        ]);
        return await client.PostAsync(url, content);
    }

    public static string Hidden(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value is { Length: > 0 } value
            ? WebUtility.HtmlDecode(value)
            : throw new Xunit.Sdk.XunitException($"No hidden field {name} in the page.");

    /// <summary>Where a redirect points, as a path and query of this app.</summary>
    public static string Target(this HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new Xunit.Sdk.XunitException($"No Location header ({(int)response.StatusCode}).");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }
}
