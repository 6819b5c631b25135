namespace Mtqg.Web.Features.Audit;

/// <summary>Who is acting and from which client, read from the current request.</summary>
public sealed class AuditActor(IHttpContextAccessor http)
{
    /// <summary>The name recorded for changes made outside any request (seeding, start-up, background work).</summary>
    public const string System = "hệ thống";
    private const int ClientLength = 300,
        AgentLength = 200;

    /// <summary>The signed-in user's name, or null outside a request or when nobody is signed in.</summary>
    public string? UserName => http.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;

    /// <summary>"IP · user agent" (shortened), or null outside a request.</summary>
    public string? Client
    {
        get
        {
            if (http.HttpContext is not { } context)
                return null;
            var ip = context.Connection.RemoteIpAddress is { } address
                ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
                : null;
            var agent = context.Request.Headers.UserAgent.ToString();
            if (agent.Length > AgentLength)
                agent = agent[..AgentLength] + "…";
            var client = string.Join(" · ", new[] { ip, agent }.Where(s => !string.IsNullOrWhiteSpace(s)));
            return client.Length == 0 ? null
                : client.Length <= ClientLength ? client
                : client[..ClientLength];
        }
    }
}
