using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Mtqg.Domain.Common;

namespace Mtqg.Web.Api;

/// <summary>
/// The endpoints' typed query and route parameters (<c>bool? preview</c>, <c>int? page</c>) are bound by the generated
/// request delegates, which answer a value they cannot read with an empty 400 (the generator does not throw, whatever
/// <c>ThrowOnBadRequest</c> says). Such an answer is diagnosed here from the endpoint's own parameter list, so the refusal
/// names the parameter, the value and what it needs: "Tham số preview: "có" không đọc được; cần true hoặc false."
/// </summary>
public static class QueryBinding
{
    public static Problem? Unreadable(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() is not { Count: > 0 } parameters)
            return null;
        foreach (var parameter in parameters)
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            if (Needs(type) is not { } needs)
                continue;
            string? text =
                context.Request.Query.TryGetValue(parameter.Name, out var query) ? query.ToString()
                : context.Request.RouteValues.TryGetValue(parameter.Name, out var route)
                    ? Convert.ToString(route, CultureInfo.InvariantCulture)
                : null;
            if (string.IsNullOrEmpty(text) || Reads(type, text))
                continue;
            var shown = InputText.Clean(text.Length > 40 ? text[..40] + "…" : text);
            return new Problem(parameter.Name, $"Tham số {parameter.Name}: \"{shown}\" không đọc được; cần {needs}.");
        }
        return null;
    }

    private static string? Needs(Type type) =>
        type == typeof(bool) ? "true hoặc false"
        : type == typeof(int) || type == typeof(long) ? "một số nguyên"
        : type == typeof(decimal) || type == typeof(double) ? "một số (dấu chấm thập phân)"
        : type == typeof(DateOnly) ? "một ngày dạng yyyy-MM-dd"
        : type == typeof(Guid) ? "một mã GUID"
        : null;

    private static bool Reads(Type type, string text) =>
        type == typeof(bool) ? bool.TryParse(text, out _)
        : type == typeof(int) ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        : type == typeof(long) ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        : type == typeof(decimal) ? decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
        : type == typeof(double) ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        : type == typeof(DateOnly) ? DateOnly.TryParse(text, CultureInfo.InvariantCulture, out _)
        : !(type == typeof(Guid)) || Guid.TryParse(text, out _);
}
