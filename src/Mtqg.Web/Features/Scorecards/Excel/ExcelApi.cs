namespace Mtqg.Web.Features.Scorecards.Excel;

public static class ExcelApi
{
    public static IServiceCollection AddScorecardExcel(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapScorecardExcelApi(this IEndpointRouteBuilder app) => app;
}
