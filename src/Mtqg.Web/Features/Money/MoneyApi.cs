using Mtqg.Domain.Common;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Closing;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Features.Money;

public static class MoneyApi
{
    public static IServiceCollection AddMoney(this IServiceCollection services) =>
        services
            .AddScoped<ProgrammeService>()
            .AddScoped<ProgrammeSeeder>()
            .AddScoped<CapitalPlanService>()
            .AddScoped<Projects.ProjectService>()
            .AddScoped<Projects.DisbursementSummaryService>()
            .AddSingleton<Projects.DisbursementSummaryCache>()
            .AddScoped<Projects.ProjectDemoSeeder>()
            .AddScoped<Communes.CommuneMoneyService>();

    public static IEndpointRouteBuilder MapMoneyApi(this IEndpointRouteBuilder app)
    {
        Projects.ProjectsApi.MapProjectsApi(app);
        Communes.CommuneMoneyApi.MapCommuneMoneyApi(app);
        var programmes = app.MapGroup("/api/v1/programmes").WithTags("Chương trình, nguồn vốn");
        programmes
            .MapGet("/", async Task<IResult> (int? year, ProgrammeService s, CancellationToken ct) =>
                year is { } y && !InputRange.IsYear(y)
                    ? ApiProblems.Invalid("year", InputRange.YearMessage("Năm", y))
                    : TypedResults.Ok(await s.ListAsync(year, ct))
            )
            .Produces<List<ProgrammeView>>()
            .AllowAnonymous()
            .WithSummary("Danh mục chương trình (có hiệu lực trong năm year, mặc định tất cả)")
            .WithDescription(
                "Mỗi chương trình: code, name, document (văn bản phê duyệt), validFrom, validTo, components [{code, name, partial, document}]; name null là chưa đối chiếu văn bản (partial: phần tên đã đọc được)."
            );
        programmes
            .MapPut(
                "/{code}/components/{component}",
                async Task<IResult> (string code, string component, ComponentInput input, ProgrammeService s, CancellationToken ct) =>
                    await s.CompleteAsync(code, component, input, ct) is { IsDone: false } refused
                        ? ApiProblems.From(refused)
                        : TypedResults.NoContent()
            )
            .Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization()
            .WithSummary("Hoàn thiện tên một nội dung thành phần (quản trị hệ thống)")
            .WithDescription(
                "Thân: {\"name\":\"…\",\"document\":\"Quyết định 263/QĐ-TTg\"}. Chưa có mã đó thì thêm. 400 nêu từng trường sai."
            );

        var capital = app.MapGroup("/api/v1/provinces/{code}/years/{year:int}").WithTags("Chương trình, nguồn vốn").RequireAuthorization();
        capital
            .MapGet("/capital", async Task<IResult> (string code, int year, int? version, CapitalPlanService s, CancellationToken ct) =>
                await s.GetAsync(code, year, version, ct) switch
                {
                    ({ } plan, _) => TypedResults.Ok(plan),
                    (_, var outcome) => ApiProblems.From(outcome),
                }
            )
            .Produces<CapitalPlanView>()
            .WithSummary("Kế hoạch vốn của tỉnh trong năm: phiên bản mới nhất (hoặc ?version=)")
            .WithDescription(
                "{version, at, by, rows:[{programme, component, source, communeCode, amount}], totals:{total, bySource, byProgramme}}; số tiền là số đồng. Văn phòng Điều phối, thẩm định viên, người xem của tỉnh và quản trị viên."
            );
        capital
            .MapPut(
                "/capital",
                async Task<IResult> (string code, int year, CapitalPlanInput input, CapitalPlanService s, CancellationToken ct) =>
                {
                    var (version, outcome) = await s.ReplaceAsync(code, year, input, ct);
                    return version is not null && (await s.GetAsync(code, year, null, ct)).Plan is { } plan
                        ? TypedResults.Ok(plan)
                        : ApiProblems.From(outcome);
                }
            )
            .Produces<CapitalPlanView>()
            .RefusedWhenClosed()
            .WithSummary("Thay cả kế hoạch vốn của tỉnh trong năm (một phiên bản mới)")
            .WithDescription(
                "Thân: {rows:[{programme, component?, source, communeCode?, amount}]}. Kiểm tra toàn bộ: chương trình có hiệu lực trong năm, nội dung thành phần có thật, nguồn vốn (central-investment, central-recurrent, local, integrated, credit, enterprise, community, other), xã thuộc tỉnh, số tiền là số đồng không âm; có lỗi thì 400 nêu từng dòng (rows[i]) và không ghi gì. Văn phòng Điều phối của tỉnh và quản trị viên."
            );
        capital
            .MapPost("/capital", Upload)
            .Produces<CapitalPlanView>()
            .RefusedWhenClosed()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Thay cả kế hoạch vốn bằng tệp Excel (mẫu như GET …/capital.xlsx)")
            .WithDescription("Tệp .xlsx trong trường file. Có lỗi thì 400 nêu từng ô sai (trang, dòng, cột) và không ghi gì.");
        capital
            .MapGet("/capital/versions", async Task<IResult> (string code, int year, CapitalPlanService s, CancellationToken ct) =>
                await s.VersionsAsync(code, year, ct) switch
                {
                    ({ } versions, _) => TypedResults.Ok(versions),
                    (_, var outcome) => ApiProblems.From(outcome),
                }
            )
            .Produces<List<CapitalVersionView>>()
            .WithSummary("Các phiên bản kế hoạch vốn của tỉnh trong năm, mới nhất trước: {version, at, by, total, rows}");
        capital
            .MapGet("/capital.xlsx", async Task<IResult> (string code, int year, CapitalPlanService s, CancellationToken ct) =>
                await s.WorkbookAsync(code, year, ct) switch
                {
                    ({ } bytes, _) => TypedResults.File(bytes, CapitalWorkbook.ContentType, CapitalWorkbook.FileName(code, year)),
                    (_, var outcome) => ApiProblems.From(outcome),
                }
            )
            .Produces(StatusCodes.Status200OK, contentType: CapitalWorkbook.ContentType)
            .WithSummary("Kế hoạch vốn của tỉnh trong năm dạng Excel (tải lên lại để thay cả kế hoạch)");
        return app;
    }

    /// <summary>The upload gate (decision 0018): permission before a byte of the body, then bytes, structure, parse.</summary>
    private static async Task<IResult> Upload(
        string code,
        int year,
        HttpRequest request,
        CapitalPlanService s,
        UploadGate gate,
        CancellationToken ct
    )
    {
        var may = await s.MayAsync(code, year, true, ct);
        if (may.Kind == OutcomeKind.Forbidden)
            return UploadPages.Answer(UploadGate.Forbidden($"{may.Message} Tệp không được đọc."));
        if (!may.IsDone)
            return ApiProblems.From(may);
        var (file, refused) = await UploadGate.ReceiveAsync(request, gate.WorkbookBytes, UploadGate.WorkbookSetting, ct);
        if (refused is not null)
            return UploadPages.Answer(refused);
        await using (file)
        {
            var result = await s.UploadAsync(code, year, file!.Content, gate, ct);
            if (result.Version is not null && (await s.GetAsync(code, year, null, ct)).Plan is { } plan)
                return TypedResults.Ok(plan);
            return ToHttp(result.Refusal, result.Problems, result.Outcome);
        }
    }

    /// <summary>A refused money workbook: the gate's refusal, or 400 naming every cell, or the outcome's problem.</summary>
    internal static IResult ToHttp(UploadRefusal? refusal, IReadOnlyList<ExcelProblem> problems, Outcome outcome) =>
        (refusal, problems) switch
        {
            ({ } refused, _) => UploadPages.Answer(refused),
            (_, { Count: > 0 }) => TypedResults.ValidationProblem(
                problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(ScorecardExcelService.Describe).ToArray()),
                detail: outcome.Message,
                title: "Dữ liệu không hợp lệ",
                extensions: new Dictionary<string, object?>
                {
                    ["problems"] = problems.Select(p => new
                    {
                        p.Sheet,
                        p.Row,
                        p.Column,
                        p.Cell,
                        p.Message,
                    }),
                }
            ),
            _ => ApiProblems.From(outcome),
        };
}
