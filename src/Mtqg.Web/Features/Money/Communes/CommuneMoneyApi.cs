using Mtqg.Web.Features.Closing;
using Mtqg.Web.Features.Plans;

namespace Mtqg.Web.Features.Money.Communes;

public static class CommuneMoneyApi
{
    public static IEndpointRouteBuilder MapCommuneMoneyApi(this IEndpointRouteBuilder app)
    {
        var commune = app.MapGroup("/api/v1/communes/{code}/years/{year:int}").WithTags("Dự án, giải ngân").RequireAuthorization();
        commune
            .MapGet("/contributions", (string code, int year, CommuneMoneyService s, CancellationToken ct) =>
                PlansApi.Answer(s.ContributionsAsync(code, year, ct))
            )
            .Produces<ContributionsView>()
            .WithSummary("Đóng góp của người dân và nguồn lực huy động của xã trong năm")
            .WithDescription(
                "{communeCode, year, cash, landSquareMetres, workdays, inKind, updatedAt, updatedBy}: tiền mặt và hiện vật là số đồng, đất hiến là m², ngày công. "
                    + "404 khi xã chưa có số liệu năm đó. Xã là đơn vị có mã đó còn hiệu lực ngày 31/12 của năm. Người xem được dự án của xã."
            );
        commune
            .MapPut(
                "/contributions",
                async (string code, int year, ContributionsInput input, CommuneMoneyService s, CancellationToken ct) =>
                    PlansApi.NoContent(await s.SaveContributionsAsync(code, year, input, ct))
            )
            .Produces(StatusCodes.Status204NoContent)
            .RefusedWhenClosed()
            .WithSummary("Ghi đóng góp của người dân của xã trong năm (cán bộ xã, Văn phòng Điều phối, Sở Tài chính của tỉnh)")
            .WithDescription(
                "Thân: {cash, landSquareMetres, workdays, inKind}: số nguyên không âm (tiền mặt, hiện vật quy ra đồng; đất hiến m²; ngày công). "
                    + "Thay số liệu của năm. 400 nêu từng trường sai, không ghi gì."
            );
        commune
            .MapGet("/construction-debt", (string code, int year, CommuneMoneyService s, CancellationToken ct) =>
                PlansApi.Answer(s.DebtAsync(code, year, ct))
            )
            .Produces<ConstructionDebtView>()
            .WithSummary("Nợ đọng xây dựng cơ bản của xã trong năm")
            .WithDescription(
                "{communeCode, year, amount, updatedAt, updatedBy}: số đồng. 404 khi xã chưa có số liệu năm đó. "
                    + "Điều kiện «không còn nợ đọng xây dựng cơ bản» của hồ sơ đề nghị công nhận năm đó đọc từ số liệu này khi có."
            );
        commune
            .MapPut(
                "/construction-debt",
                async (string code, int year, ConstructionDebtInput input, CommuneMoneyService s, CancellationToken ct) =>
                    PlansApi.NoContent(await s.SaveDebtAsync(code, year, input, ct))
            )
            .Produces(StatusCodes.Status204NoContent)
            .RefusedWhenClosed()
            .WithSummary("Ghi nợ đọng xây dựng cơ bản của xã trong năm (cán bộ xã, Văn phòng Điều phối, Sở Tài chính của tỉnh)")
            .WithDescription("Thân: {amount}: số đồng, không âm (0 là không còn nợ đọng). 400 nêu trường sai, không ghi gì.");
        return app;
    }
}
