using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Mtqg.Web.Data;

/// <summary>Says when the app answers, where, and how long the start took (build excluded), so a first start is never a silent wait.</summary>
public static class ReadyLog
{
    public static void LogWhenReady(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            using var process = Process.GetCurrentProcess();
            var seconds = (DateTime.Now - process.StartTime).TotalSeconds;
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            app.Logger.LogInformation(
                "MTQG sẵn sàng tại {Addresses} sau {Seconds:0.0} giây kể từ khi tiến trình khởi động.",
                addresses.Count == 0 ? "(máy chủ kiểm thử)" : string.Join(", ", addresses),
                seconds
            );
        });
    }
}
