using Microsoft.EntityFrameworkCore;
using Mtqg.Data;

namespace Mtqg.Web.Features.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (AppDbContext db, CancellationToken ct) =>
                await db.Database.CanConnectAsync(ct) && await db.Units.AnyAsync(ct)
                    ? Results.Ok(new HealthStatus("ok"))
                    : Results.Problem(
                        "Cơ sở dữ liệu không trả lời hoặc chưa có dữ liệu.",
                        statusCode: StatusCodes.Status503ServiceUnavailable,
                        title: "Chưa sẵn sàng"
                    )
            )
            .AllowAnonymous()
            .Produces<HealthStatus>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Hệ thống")
            .WithSummary("200 khi ứng dụng và cơ sở dữ liệu trả lời");
        return app;
    }
}

/// <summary>The health answer: "ok" when the app and its database answer.</summary>
public sealed record HealthStatus(string Status);
