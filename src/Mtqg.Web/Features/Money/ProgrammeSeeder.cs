using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Money;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.Money;

/// <summary>
/// Seeds the programme catalogue from data/reference/programmes.json (DESIGN §11): the three national target programmes
/// of 2021–2025 with their components, the merged programme of 2026–2035 and the thematic programmes of 2021–2025. Only
/// what the file holds: a component whose name was not read is stored with name null (shown "chưa đối chiếu văn bản").
/// Runs once, when the catalogue is empty; administrators complete it afterwards.
/// </summary>
public sealed class ProgrammeSeeder(AppDbContext db, SeedFiles files)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Programmes.AnyAsync(ct))
            return;
        var root = JsonNode.Parse(await File.ReadAllTextAsync(files.PathOf("reference", "programmes.json"), ct))!;
        db.Programmes.AddRange(Read(root));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The catalogue as the file gives it. Codes are made from the file's own keys and periods (it has none).</summary>
    public static List<Programme> Read(JsonNode root)
    {
        var programmes = new List<Programme>();
        var before = root["period_2021_2025"]!;
        foreach (var (key, list) in new[] { ("ntm", "component_contents"), ("gnbv", "projects"), ("dtts_mn", "projects") })
        {
            var node = before[key]!;
            var items = list == "component_contents" ? node[list]!["items"]!.AsArray() : node[list]!.AsArray();
            programmes.Add(
                Make(
                    $"{key.Replace('_', '-')}-2021-2025",
                    (string)node["name"]!,
                    (string?)node["approval"]?["doc"],
                    2021,
                    2025,
                    items.Select(i => (Number((int)i!["no"]!), (string?)i["name"]))
                )
            );
        }

        var merged = root["period_2026_2035"]!;
        var parts = merged["components"]!;
        var names = parts["component_names"] as JsonArray;
        var count = names?.Count ?? CountIn((string?)parts["structure_reported"]);
        programmes.Add(
            Make(
                "mtqg-2026-2035",
                (string)merged["name"]!,
                (string?)merged["investment_policy"]?["doc"],
                2026,
                2035,
                Enumerable.Range(1, count).Select(n => (Number(n), names is null ? null : (string?)names[n - 1]))
            )
        );

        var thematic = root["thematic_programmes_ntm_2021_2025"]!["items"]!.AsArray();
        for (var i = 0; i < thematic.Count; i++)
            programmes.Add(Make($"chuyen-de-{i + 1}", (string)thematic[i]!["name"]!, (string?)thematic[i]!["decision"], 2021, 2025, []));
        return programmes;
    }

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"two components (hợp phần) — …": the number the structure reports; 0 when it says none.</summary>
    private static int CountIn(string? structure)
    {
        string[] words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
        var first = structure?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant();
        return Math.Max(0, Array.IndexOf(words, first));
    }

    private static Programme Make(
        string code,
        string name,
        string? document,
        int from,
        int to,
        IEnumerable<(string Code, string? Name)> components
    ) =>
        new()
        {
            Code = code,
            Name = name,
            Document = document,
            ValidFrom = new DateOnly(from, 1, 1),
            ValidTo = new DateOnly(to, 12, 31),
            Components = components.Select(c => Component(c.Code, c.Name)).ToList(),
        };

    /// <summary>A name the file marks as partly read ("… (title truncated in source; rest NOT read)") is not a name: its read part is kept apart.</summary>
    private static ProgrammeComponent Component(string code, string? name)
    {
        if (name is null || !name.Contains("NOT read", StringComparison.Ordinal))
            return new ProgrammeComponent { Code = code, Name = name };
        var read = name[..Math.Max(0, name.IndexOf(" (", StringComparison.Ordinal))].Trim();
        return new ProgrammeComponent
        {
            Code = code,
            Name = null,
            Partial = read.Length == 0 ? null : read,
        };
    }
}
