using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Units;
using Mtqg.Domain.Units;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.Units;

/// <summary>
/// Loads the administrative units before and after the 1 July 2025 reform, the 2026 changes and
/// the lineage old → new from data/admin-units (see its README for sources and licences).
/// </summary>
public sealed class UnitSeeder(AppDbContext db, SeedFiles files, ILogger<UnitSeeder> logger)
{
    /// <summary>NQ 30/2026/QH16 and NQ 237/NQ-UBTVQH16: Đồng Nai becomes a city, 10 of its xã become phường.</summary>
    public static readonly DateOnly Changes2026Day = new(2026, 4, 30);

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Units.AnyAsync(ct))
            return;
        var started = DateTime.UtcNow;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Before the reform: the last list (01/03/2025 – 30/06/2025); its start is not in the sources.
        var provinces2024 = files
            .ReadCsv("admin-units", "provinces-2024.csv")
            .ToDictionary(r => r["code"], r => Unit(r, UnitLevel.Province, null, r["code"], null, Reform.LastDayBefore, r["region_name"]));
        var districts2024 = files
            .ReadCsv("admin-units", "districts-2024.csv")
            .ToDictionary(
                r => r["code"],
                r => Unit(r, UnitLevel.District, r["province_code"], r["province_code"], null, Reform.LastDayBefore)
            );
        var communes2024 = files
            .ReadCsv("admin-units", "communes-2024.csv")
            .ToDictionary(
                r => r["code"],
                r => Unit(r, UnitLevel.Commune, r["district_code"], r["province_code"], null, Reform.LastDayBefore)
            );

        // From 1 July 2025: two tiers.
        var provinces2025 = files
            .ReadCsv("admin-units", "provinces-2025.csv")
            .ToDictionary(r => r["code"], r => Unit(r, UnitLevel.Province, null, r["code"], Reform.Day, null));
        var communes2025 = files
            .ReadCsv("admin-units", "communes-2025.csv")
            .ToDictionary(r => r["code"], r => Unit(r, UnitLevel.Commune, r["province_code"], r["province_code"], Reform.Day, null));

        db.Units.AddRange(provinces2024.Values);
        db.Units.AddRange(districts2024.Values);
        db.Units.AddRange(communes2024.Values);
        db.Units.AddRange(provinces2025.Values);
        db.Units.AddRange(communes2025.Values);

        var successions = new List<UnitSuccession>();
        foreach (var row in files.ReadCsv("admin-units", "provinces-mapping-2025.csv"))
        {
            successions.Add(
                new UnitSuccession
                {
                    Predecessor = provinces2024[row["old_province_code"]],
                    Successor = provinces2025[row["new_province_code"]],
                    Type = SuccessionType.Full,
                    EffectiveOn = Reform.Day,
                    LegalBasis = "202/2025/QH15",
                }
            );
        }

        var skipped = 0;
        foreach (var row in files.ReadCsv("admin-units", "units-mapping-2025.csv"))
        {
            var old =
                row["old_level"] == "district"
                    ? districts2024.GetValueOrDefault(row["old_district_code"])
                    : communes2024.GetValueOrDefault(row["old_commune_code"]);
            if (old is null)
            {
                skipped++;
                continue;
            } // dissolved before the cut-off of the 2024 list (old_in_communes_2024 = 0)
            successions.Add(
                new UnitSuccession
                {
                    Predecessor = old,
                    Successor = communes2025[row["new_commune_code"]],
                    Type = row["merge_type"] == "partial" ? SuccessionType.Partial : SuccessionType.Full,
                    EffectiveOn = Reform.Day,
                    LegalBasis = Blank(row["resolution"]),
                    Confidence = Blank(row["confidence"]),
                    Note = Blank(row["qa_note"]),
                }
            );
        }

        // 2026: a change of kind makes a new unit version; a corrected name is applied in place; tone placement only is ignored.
        var provinces2026 = files.ReadCsv("admin-units", "provinces-2026.csv").ToList();
        var communes2026 = files.ReadCsv("admin-units", "communes-2026.csv").ToList();
        foreach (
            var (rows, current, level) in new[]
            {
                (provinces2026, provinces2025, UnitLevel.Province),
                (communes2026, communes2025, UnitLevel.Commune),
            }
        )
        {
            foreach (var row in rows)
            {
                var before = current[row["code"]];
                var kind = UnitKinds.FromTypeCode(row["type_code"]);
                if (kind != before.Kind)
                {
                    before.ValidTo = Changes2026Day.AddDays(-1);
                    var after = Unit(row, level, before.ParentCode, before.ProvinceCode, Changes2026Day, null);
                    db.Units.Add(after);
                    successions.Add(
                        new UnitSuccession
                        {
                            Predecessor = before,
                            Successor = after,
                            Type = SuccessionType.Reclassified,
                            EffectiveOn = Changes2026Day,
                            LegalBasis = level == UnitLevel.Province ? "30/2026/QH16" : "237/NQ-UBTVQH16",
                        }
                    );
                }
                else if (WithoutTones(row["name"]) != WithoutTones(before.Name))
                {
                    (before.Name, before.FullName, before.SearchName) = (row["name"], row["full_name"], VietnameseText.Fold(row["name"]));
                }
            }
        }

        db.UnitSuccessions.AddRange(successions);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        logger.LogInformation(
            "Đã nạp đơn vị hành chính: {Units} đơn vị, {Successions} quan hệ kế thừa ({Skipped} dòng ánh xạ của đơn vị đã giải thể trước 01/03/2025 bị bỏ qua) trong {Seconds:0.0} giây.",
            provinces2024.Count + districts2024.Count + communes2024.Count + provinces2025.Count + communes2025.Count,
            successions.Count,
            skipped,
            (DateTime.UtcNow - started).TotalSeconds
        );
    }

    private static AdministrativeUnit Unit(
        IReadOnlyDictionary<string, string> row,
        UnitLevel level,
        string? parent,
        string province,
        DateOnly? from,
        DateOnly? to,
        string? region = null
    ) =>
        new()
        {
            Code = row["code"],
            Name = row["name"],
            FullName = row["full_name"],
            NameEn = Blank(row.GetValueOrDefault("full_name_en")),
            Level = level,
            Kind = UnitKinds.FromTypeCode(row["type_code"]),
            ParentCode = parent,
            ProvinceCode = province,
            ValidFrom = from,
            ValidTo = to,
            SearchName = VietnameseText.Fold(row["name"]),
            RegionName = Blank(region),
        };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>Removes only the five tone marks, so "Hòa" = "Hoà" but "Phó" ≠ "Phố".</summary>
    private static string WithoutTones(string name)
    {
        var sb = new StringBuilder();
        foreach (var ch in name.Normalize(NormalizationForm.FormD))
            if (ch is not ('\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323'))
                sb.Append(ch);
        return sb.ToString().Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture);
    }
}
