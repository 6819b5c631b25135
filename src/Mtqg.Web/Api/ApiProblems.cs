using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Mtqg.Domain.Common;

namespace Mtqg.Web.Api;

/// <summary>Vietnamese problem+json answers shared by every endpoint (DESIGN §5, §8).</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Xung đột dữ liệu");

    public static ProblemHttpResult Rejected(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Không thể thực hiện");

    public static ValidationProblem Invalid(string detail, IEnumerable<Problem> problems) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            detail: detail,
            title: "Dữ liệu không hợp lệ"
        );

    public static ValidationProblem Invalid(string field, string message) => Invalid(message, [new Problem(field, message)]);

    /// <summary>Turns a refused outcome into its HTTP problem.</summary>
    public static IResult From(Outcome outcome) =>
        outcome.Kind switch
        {
            OutcomeKind.NotFound => NotFound(outcome.Message!),
            OutcomeKind.Conflict => TypedResults.Problem(
                outcome.Message,
                statusCode: StatusCodes.Status409Conflict,
                title: "Xung đột dữ liệu",
                extensions: outcome.Problems.Count == 0
                    ? null
                    : new Dictionary<string, object?> { ["current"] = outcome.Problems.ToDictionary(p => p.Field, p => p.Message) }
            ),
            OutcomeKind.Forbidden => TypedResults.Problem(
                outcome.Message,
                statusCode: StatusCodes.Status403Forbidden,
                title: "Không có quyền"
            ),
            OutcomeKind.Changed => TypedResults.Problem(
                outcome.Message,
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: "Đã có người sửa trước"
            ),
            OutcomeKind.Invalid => Invalid(outcome.Message!, outcome.Problems),
            OutcomeKind.Locked => TypedResults.Problem(
                outcome.Message,
                statusCode: StatusCodes.Status423Locked,
                title: "Kỳ số liệu đã khóa sổ"
            ),
            _ => Rejected(outcome.Message!),
        };

    /// <summary>Parses an <c>asOf</c> date (yyyy-MM-dd); today (Vietnam time) when absent.</summary>
    public static bool TryParseDate(string? text, TimeProvider clock, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            date = VietnamTime.Today(clock);
            return true;
        }
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
