using System.Globalization;
using Mtqg.Web.Components.Shared;

namespace Mtqg.Web.Features.Recognition.Dossiers.Pages;

/// <summary>How the dossier page and its sections show times, sizes, rules and values.</summary>
public static class DossierFormat
{
    public static string Time(DateTime utc) =>
        Mtqg.Domain.Common.VietnamTime.ToLocal(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Size(long bytes) =>
        bytes < 1024 * 1024 ? $"{Math.Max(1, bytes / 1024)} KB" : $"{(bytes / 1048576d).ToString("0.#", Format.Vi)} MB";

    public static string Rule(string rule) =>
        rule switch
        {
            ">=" => "≥",
            "<=" => "≤",
            "achieved" => "",
            _ => rule,
        };

    public static string Show(object? value, string? unit) =>
        value switch
        {
            null => "—",
            bool b => b ? "Đạt" : "Chưa đạt",
            decimal d => $"{Format.Number(d)}{(unit == "%" ? "%" : unit is null ? "" : $" {unit}")}",
            System.Text.Json.JsonElement j => j.ToString(),
            _ => value.ToString() ?? "",
        };
}
