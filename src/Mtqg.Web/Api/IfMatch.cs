using Mtqg.Domain.Common;

namespace Mtqg.Web.Api;

/// <summary>
/// The API's side of edit versions (decision 0016): a read sends the version as a strong ETag, a correction or deletion
/// sends it back in If-Match; a version that is no longer the current one answers 412, a lost race without one 409.
/// </summary>
public static class IfMatch
{
    /// <summary>The version a request sends in If-Match (quoted, weak or bare accepted); null when none or "*".</summary>
    public static string? Sent(HttpRequest request) => Normalize(request.Headers.IfMatch.ToString());

    /// <summary>A version as sent by a client (ETag, If-Match or form field): without quotes or the weak prefix; null when empty or "*".</summary>
    public static string? Normalize(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.StartsWith("W/", StringComparison.Ordinal))
            trimmed = trimmed[2..];
        trimmed = trimmed.Trim('"');
        return trimmed.Length == 0 || trimmed == "*" ? null : trimmed;
    }

    /// <summary>Sends <paramref name="version"/> as the response's ETag.</summary>
    public static void Tag(HttpResponse response, string version) => response.Headers.ETag = $"\"{version}\"";

    /// <summary>
    /// A PUT's or DELETE's answer to <paramref name="save"/>, given the version the request sent (If-Match): 204, or the
    /// outcome's problem — 412 when that version is no longer the current one; 409 when none was sent and another save
    /// got in first.
    /// </summary>
    public static async Task<IResult> AnswerAsync(HttpRequest request, Func<string?, Task<Outcome>> save)
    {
        var sent = Sent(request);
        var outcome = await save(sent);
        return outcome.IsDone ? TypedResults.NoContent()
            : outcome.Kind == OutcomeKind.Changed && sent is null ? ApiProblems.Conflict(outcome.Message!)
            : ApiProblems.From(outcome);
    }
}
