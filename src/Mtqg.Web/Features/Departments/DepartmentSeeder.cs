using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mtqg.Data;
using Mtqg.Data.Departments;
using Mtqg.Domain.Units;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.Departments;

/// <summary>
/// Seeds every province of today with the departments of data/reference/departments.json (decision 0020): the 12 uniform
/// departments of Decree 45/2025 and the departments its mergers abolished, closed on 28/2/2025 with their successor.
/// Runs once, when the registry is empty (a database migrated from before the registry gets it on its next start).
/// </summary>
public sealed class DepartmentSeeder(AppDbContext db, SeedFiles files, IOptions<DemoOptions> demo)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Departments.AnyAsync(ct))
            return;
        var provinces = await db
            .Units.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Province && u.ValidTo == null)
            .Select(u => u.Code)
            .ToListAsync(ct);
        var template = Template(JsonNode.Parse(await File.ReadAllTextAsync(files.PathOf("reference", "departments.json"), ct))!);
        foreach (var province in provinces)
            db.Departments.AddRange(
                template.Select(t => new Department
                {
                    ProvinceCode = province,
                    Code = t.Code,
                    Name = t.Name,
                    NameKey = VietnameseText.Fold(t.Name),
                    ValidFrom = t.ValidFrom,
                    ValidTo = t.ValidTo,
                    SuccessorCode = t.SuccessorCode,
                })
            );
        // The demo criteria set has Công an tỉnh appraise security; in demo mode Lào Cai's office has added it, as an office would.
        if (demo.Value.Demo && provinces.Contains(DemoProvince))
            db.Departments.Add(Police(DemoProvince));
        await db.SaveChangesAsync(ct);
    }

    public const string DemoProvince = "15";

    /// <summary>Công an tỉnh: not a department of Decree 45/2025, added by a province whose set has it appraise a criterion.</summary>
    public static Department Police(string province) =>
        new()
        {
            ProvinceCode = province,
            Code = "CAT",
            Name = "Công an tỉnh",
            NameKey = VietnameseText.Fold("Công an tỉnh"),
        };

    public sealed record Row(string Code, string Name, DateOnly? ValidFrom, DateOnly? ValidTo, string? SuccessorCode);

    /// <summary>The departments of one province, read from the reference file; a name without a code is a fault of the data.</summary>
    public static List<Row> Template(JsonNode root)
    {
        static string CodeOf(string name) =>
            DepartmentCodes.ByName.TryGetValue(name, out var code)
                ? code
                : throw new InvalidOperationException($"departments.json: \"{name}\" chưa có mã trong DepartmentCodes.");

        var uniform = root["uniform_departments"]!.AsArray().Select(n => (string)n!).ToList();
        var closedOn = DepartmentCodes.Reorganised.AddDays(-1);
        var rows = new List<Row>();
        var abolished = new List<Row>();
        foreach (var merge in root["merges"]!.AsArray())
        {
            var successor = (string)merge!["new"]!;
            if (!uniform.Contains(successor))
                continue; // a special department (Sở Dân tộc và Tôn giáo): the data does not say which provinces have it
            // "Sở LĐ-TB&XH (phần …)" is a part of a department, not a department: it is taken from ldtbxh_split below.
            foreach (var from in merge["from"]!.AsArray().Select(n => (string)n!).Where(n => !uniform.Contains(n) && !n.Contains('(')))
                abolished.Add(new(CodeOf(from), from, null, closedOn, CodeOf(successor)));
        }
        // The Sở LĐ-TB&XH was split between five bodies; its NTM and poverty-reduction work ("giảm nghèo") went to the Sở
        // Nông nghiệp và Môi trường (ldtbxh_split.to_so_nong_nghiep_va_moi_truong), so its pending work goes there.
        var split = root["ldtbxh_split"]!;
        if (split["to_so_nong_nghiep_va_moi_truong"] is JsonArray { Count: > 0 })
            abolished.Add(new(CodeOf((string)split["abolished"]!), (string)split["abolished"]!, null, closedOn, "SNNMT"));

        // A uniform department that is the merger of departments all abolished is new from 1/3/2025 (Sở NN&MT); the others
        // kept their name and existed before, since a date the data does not give.
        var newlyFormed = root["merges"]!
            .AsArray()
            .Where(m => m!["from"]!.AsArray().All(n => (string)n! != (string)m["new"]!))
            .Select(m => (string)m!["new"]!)
            .ToHashSet();
        rows.AddRange(uniform.Select(n => new Row(CodeOf(n), n, newlyFormed.Contains(n) ? DepartmentCodes.Reorganised : null, null, null)));
        rows.AddRange(abolished.DistinctBy(r => r.Code));
        return rows;
    }
}
