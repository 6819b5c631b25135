using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Mtqg.Web.Api;

/// <summary>
/// Behind a reverse proxy (nginx, a load balancer) every request comes from the proxy's address: the
/// sign-in rate limit would then lock every user out together, and the audit trail would name the proxy
/// as everybody's client. The client's address and scheme are taken from <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>, but only when the request comes from a proxy the configuration trusts:
/// loopback always, plus <c>Mtqg:ReverseProxy:KnownProxies</c> (addresses) and
/// <c>Mtqg:ReverseProxy:KnownNetworks</c> (CIDR, e.g. 10.0.0.0/8), comma-separated. A header sent by
/// anyone else is ignored, so a client cannot choose its own address.
/// </summary>
public static class ReverseProxy
{
    public static IServiceCollection AddMtqgReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = List(configuration["Mtqg:ReverseProxy:KnownProxies"])
            .Select(p =>
                IPAddress.TryParse(p, out var address)
                    ? address
                    : throw new InvalidOperationException($"Mtqg:ReverseProxy:KnownProxies: \"{p}\" không phải địa chỉ IP.")
            )
            .ToList();
        var networks = List(configuration["Mtqg:ReverseProxy:KnownNetworks"])
            .Select(n =>
                System.Net.IPNetwork.TryParse(n, out var network)
                    ? network
                    : throw new InvalidOperationException(
                        $"Mtqg:ReverseProxy:KnownNetworks: \"{n}\" không phải dải mạng CIDR (ví dụ 10.0.0.0/8)."
                    )
            )
            .ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
                options.KnownProxies.Add(proxy);
            foreach (var network in networks)
                options.KnownIPNetworks.Add(network);
        });
        return services;
    }

    private static IEnumerable<string> List(string? setting) =>
        (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
