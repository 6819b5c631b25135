using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Mtqg.Domain.Common;

namespace Mtqg.Web.Api;

/// <summary>
/// The rules of input (<see cref="InputText"/>, <see cref="InputRange"/>) at the door, for the API and the pages alike,
/// before any feature sees the request: route values, query strings and posted form fields holding a NUL, a control or a
/// bidirectional character; a year (<c>year</c>, <c>nam</c>) outside 2000–2100; a date (yyyy-MM-dd, as a date field
/// sends it) outside 01/01/2000–31/12/2100. Also a page form whose antiforgery token is missing or expired. Each is a
/// Vietnamese 400 naming the field (<see cref="Refusal"/>). JSON bodies are checked while read (<see cref="InputJson"/>);
/// what is saved is checked once more by the stored-text interceptor.
/// </summary>
public static partial class InputGuard
{
    public const string ExpiredForm = "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ; tải lại trang rồi gửi lại.";

    public const string UnreadableForm = "Biểu mẫu có ký tự điều khiển (như NUL) không được phép; xóa ký tự đó rồi gửi lại.";

    private static readonly Problem FormProblem = new("form", UnreadableForm);

    private static readonly string[] YearNames = ["year", "nam"];

    [GeneratedRegex(@"^(\d{1,6})-(\d{2})-(\d{2})$")]
    private static partial Regex DateText();

    /// <summary>After <c>UseAntiforgery</c>: the route values are known and the antiforgery token has been checked.</summary>
    public static IApplicationBuilder UseInputGuard(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } antiforgery)
                {
                    // The form reader refuses a NUL itself, before the token can be read: say so rather than "expired".
                    if (Unreadable(antiforgery.Error))
                        await Refusal.WriteAsync(
                            context,
                            StatusCodes.Status400BadRequest,
                            "Dữ liệu không hợp lệ",
                            UnreadableForm,
                            FormProblem
                        );
                    else
                        await Refusal.WriteAsync(context, StatusCodes.Status400BadRequest, "Biểu mẫu không hợp lệ", ExpiredForm);
                    return;
                }
                if (await ProblemAsync(context) is { } problem)
                {
                    await Refusal.WriteAsync(context, StatusCodes.Status400BadRequest, "Dữ liệu không hợp lệ", problem.Message, problem);
                    return;
                }
                await next(context);
            }
        );

    private static async Task<Problem?> ProblemAsync(HttpContext context)
    {
        var request = context.Request;
        foreach (var (name, value) in request.RouteValues)
            if (value is string text && Check(name, $"Tham số {name} trên địa chỉ", text, multiLine: false) is { } problem)
                return problem;
        foreach (var (name, values) in request.Query)
        {
            if (InputText.Refusal(name, multiLine: false) is { } badName)
                return new Problem("query", InputText.Message("Tên tham số trên địa chỉ", badName));
            foreach (var text in values)
                if (Check(name, $"Tham số {name}", text, multiLine: false) is { } problem)
                    return problem;
        }
        // Only a urlencoded form is read here: a multipart one carries files, which the upload gate bounds before reading.
        if (
            HttpMethods.IsPost(request.Method)
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
        )
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                return FormProblem;
            }
            foreach (var (name, values) in form)
            {
                if (InputText.Refusal(name, multiLine: false) is { } badName)
                    return new Problem("form", InputText.Message("Tên trường của biểu mẫu", badName));
                foreach (var text in values)
                    if (Check(name, $"Trường {name}", text, multiLine: true) is { } problem)
                        return problem;
            }
        }
        return null;
    }

    private static bool Unreadable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is InvalidDataException)
                return true;
        return false;
    }

    private static Problem? Check(string name, string label, string? text, bool multiLine)
    {
        if (text is null)
            return null;
        if (InputText.Check(name, label, text, multiLine) is { } refused)
            return refused;
        if (
            YearNames.Contains(name, StringComparer.OrdinalIgnoreCase)
            && long.TryParse(text.Trim(), out var year)
            && !InputRange.IsYear((int)Math.Clamp(year, int.MinValue, int.MaxValue))
        )
            return new Problem(name, InputRange.YearMessage(label, year));
        if (DateText().Match(text.Trim()) is { Success: true } date && !InputRange.IsYear(int.Parse(date.Groups[1].Value)))
            return new Problem(
                name,
                $"{label} ({text.Trim()}) phải là ngày trong khoảng {VietnamTime.Format(InputRange.FirstDate)}–{VietnamTime.Format(InputRange.LastDate)}."
            );
        return null;
    }
}
