using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Map;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Map;

/// <summary>A province's commune boundaries as stored: how many communes are drawn of how many in force, the file, who and when.</summary>
public sealed record CommuneBoundariesView(
    string ProvinceCode,
    string ProvinceName,
    int Communes,
    int CommunesInProvince,
    string FileName,
    DateTime UploadedAt,
    string UploadedBy
);

/// <summary>A commune as drawn: its code, its name today (null when the code no longer names a unit in force) and its SVG path.</summary>
public sealed record CommuneShape(string Code, string? Name, string Path);

/// <summary>A province's communes as drawn for its dashboard: the viewBox (600 × <see cref="Height"/>) and each commune's shape.</summary>
public sealed record CommuneDrawing(double Width, double Height, IReadOnlyList<CommuneShape> Communes, DateTime UploadedAt);

/// <summary>
/// Commune boundaries a province uploads (decision 0029): its coordination office (and administrators) upload, replace and
/// delete them; the file is checked whole (every commune a commune of that province in force today, inside the province),
/// projected and simplified once, and stored as SVG paths replacing the previous set in one transaction.
/// </summary>
public sealed class CommuneBoundaryService(AppDbContext db, AccessPolicy access, ProvinceShapes shapes, TimeProvider clock)
{
    /// <summary>How far (degrees, ~10 km) a commune may reach past its province's extent in the 34 provinces' file: two sources never match to the metre.</summary>
    public const double Margin = 0.1;

    /// <summary>The province in force today of the code, if the account may change its boundaries; otherwise why not.</summary>
    public async Task<(string? ProvinceName, Outcome Outcome)> MayChangeAsync(string code, CancellationToken ct)
    {
        var name = await ProvinceNameAsync(code, ct);
        if (name is null)
            return (null, Outcome.NotFound($"Không có tỉnh, thành phố mã \"{code}\" có hiệu lực hôm nay."));
        return access.CanManageProvince(code) ? (name, Outcome.Done) : (name, Outcome.Forbidden(ForbiddenMessage(code)));
    }

    public static string ForbiddenMessage(string code) =>
        $"Chỉ Văn phòng Điều phối của tỉnh {code} (và quản trị viên) nạp, thay hoặc xóa ranh giới các xã của tỉnh.";

    /// <summary>The stored set's metadata, for those who read the province's work; 404 when none is stored.</summary>
    public async Task<(CommuneBoundariesView? View, Outcome Outcome)> GetAsync(string code, CancellationToken ct)
    {
        var name = await ProvinceNameAsync(code, ct);
        if (name is null)
            return (null, Outcome.NotFound($"Không có tỉnh, thành phố mã \"{code}\" có hiệu lực hôm nay."));
        if (!access.CanReadProvinceWork(code))
            return (null, Outcome.Forbidden($"Tài khoản không xem được thông tin ranh giới xã của tỉnh {code}."));
        var view = await ViewAsync(code, name, ct);
        return view is null ? (null, Outcome.NotFound($"Tỉnh {code} chưa nạp ranh giới các xã.")) : (view, Outcome.Done);
    }

    /// <summary>The drawing of the province's communes, or null when none is stored (public, like the dashboard it is drawn on).</summary>
    public async Task<CommuneDrawing?> DrawingAsync(string code, CancellationToken ct)
    {
        var set = await db
            .CommuneBoundarySets.AsNoTracking()
            .Where(s => s.ProvinceCode == code)
            .Select(s => new { s.Height, s.UploadedAt })
            .FirstOrDefaultAsync(ct);
        if (set is null)
            return null;
        var names = await db
            .Units.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.ProvinceCode == code)
            .Select(u => new { u.Code, u.FullName })
            .ToDictionaryAsync(u => u.Code, u => u.FullName, ct);
        var shapes = await db
            .CommuneBoundaries.AsNoTracking()
            .Where(b => b.Set.ProvinceCode == code)
            .OrderBy(b => b.CommuneCode)
            .Select(b => new { b.CommuneCode, b.Path })
            .ToListAsync(ct);
        return new CommuneDrawing(
            ProvinceShapes.Width,
            set.Height,
            [.. shapes.Select(b => new CommuneShape(b.CommuneCode, names.GetValueOrDefault(b.CommuneCode), b.Path))],
            set.UploadedAt
        );
    }

    /// <summary>The codes of the province's communes holding a title (any level, not revoked) on 31/12 of the year, as the public map counts them.</summary>
    public async Task<HashSet<string>> RecognisedAsync(string code, int year, CancellationToken ct)
    {
        var end = Scorecards.Values.ScorecardService.YearEnd(year);
        var codes = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => t.Unit.ProvinceCode == code && t.Since <= end && (t.RevokedOn == null || t.RevokedOn > end))
            .Where(t => (t.Unit.ValidFrom == null || t.Unit.ValidFrom <= end) && (t.Unit.ValidTo == null || t.Unit.ValidTo >= end))
            .Select(t => t.Unit.Code)
            .Distinct()
            .ToListAsync(ct);
        return [.. codes];
    }

    /// <summary>
    /// Reads, checks and stores a file the gate has received (bytes within <c>Mtqg:Uploads:BoundariesMegabytes</c>), under
    /// the gate's parse budget; every problem is named and nothing is written when there is one.
    /// </summary>
    public async Task<(CommuneBoundariesView? View, Outcome Outcome, UploadRefusal? Refusal)> UploadAsync(
        string code,
        Stream file,
        string fileName,
        UploadGate gate,
        CancellationToken ct
    )
    {
        var (provinceName, may) = await MayChangeAsync(code, ct);
        if (!may.IsDone)
            return (null, may, null);
        if (file.Length == 0)
            return (null, Invalid([new("file", "Tệp rỗng: chọn tệp GeoJSON ranh giới các xã.")]), null);
        BoundaryRead read;
        using (var budget = gate.StartParse(ct))
        {
            try
            {
                var bytes = new byte[file.Length];
                await file.ReadExactlyAsync(bytes, budget.Token);
                read = CommuneBoundaryFile.Read(bytes, gate.Bounds.MaxBoundaryFeatures, gate.Bounds.MaxBoundaryPositions, budget.Token);
            }
            catch (OperationCanceledException) when (budget.Token.IsCancellationRequested && budget.Refusal is { } stopped)
            {
                return (null, Outcome.Rejected(stopped.Message), stopped);
            }
        }
        if (read.Problems.Count > 0)
            return (null, Invalid(read.Problems), null);
        if (read.Features.Count == 0)
            return (null, Invalid([new("features", "Tệp không có đối tượng (feature) nào: mỗi xã một đối tượng.")]), null);
        var problems = await CheckAsync(code, provinceName!, read.Features, ct);
        if (problems.Count > 0)
            return (null, Invalid(problems), null);

        var (paths, height) = CommuneProjection.Draw(read.Features);
        await using (var transaction = await ExclusiveWrite.BeginAsync(db, $"commune-boundaries:{code}", ct))
        {
            var set = await db.CommuneBoundarySets.FirstOrDefaultAsync(s => s.ProvinceCode == code, ct);
            if (set is null)
                set = db.CommuneBoundarySets.Add(new CommuneBoundarySet { ProvinceCode = code }).Entity;
            else
                await db.CommuneBoundaries.Where(b => b.SetId == set.Id).ExecuteDeleteAsync(ct);
            set.Communes = paths.Count;
            set.Height = height;
            set.FileName = Path.GetFileName(fileName) is { Length: > 0 and <= 260 } name ? name : "ranh-gioi-xa.geojson";
            set.UploadedAt = clock.GetUtcNow().UtcDateTime;
            set.UploadedBy = access.User.DisplayName;
            set.Boundaries.AddRange(paths.Select(p => new CommuneBoundary { CommuneCode = p.Key, Path = p.Value }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return (await ViewAsync(code, provinceName!, ct), Outcome.Done, null);
    }

    /// <summary>Deletes the province's set (the dashboard shows no map again).</summary>
    public async Task<Outcome> DeleteAsync(string code, CancellationToken ct)
    {
        var (_, may) = await MayChangeAsync(code, ct);
        if (!may.IsDone)
            return may;
        var set = await db.CommuneBoundarySets.FirstOrDefaultAsync(s => s.ProvinceCode == code, ct);
        if (set is null)
            return Outcome.NotFound($"Tỉnh {code} chưa nạp ranh giới các xã.");
        db.CommuneBoundarySets.Remove(set);
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    private static Outcome Invalid(IReadOnlyList<Problem> problems) =>
        Outcome.Invalid($"Tệp ranh giới có {problems.Count} lỗi; chưa có gì được ghi.", problems);

    /// <summary>Each code a commune of this province in force today (else: unknown, another province's, dissolved); each feature inside the province.</summary>
    private async Task<List<Problem>> CheckAsync(
        string code,
        string provinceName,
        IReadOnlyList<BoundaryFeature> features,
        CancellationToken ct
    )
    {
        var today = VietnamTime.Today(clock);
        var codes = features.Select(f => f.Code).ToList();
        var units = await db
            .Units.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && codes.Contains(u.Code))
            .Select(u => new
            {
                u.Code,
                u.FullName,
                u.ProvinceCode,
                u.ValidFrom,
                u.ValidTo,
            })
            .ToListAsync(ct);
        var extent = shapes.Shapes.FirstOrDefault(s => s.Code == code)?.Extent;
        var problems = new List<Problem>();
        foreach (var feature in features)
        {
            var versions = units.Where(u => u.Code == feature.Code).ToList();
            var now = versions.FirstOrDefault(u =>
                (u.ValidFrom == null || u.ValidFrom <= today) && (u.ValidTo == null || u.ValidTo >= today)
            );
            var message =
                now is null && versions.Count == 0 ? $"không có xã, phường mã {feature.Code}."
                : now is null && versions.Max(u => u.ValidTo) is { } last
                    ? $"{versions[0].FullName} (mã {feature.Code}) đã thôi hiệu lực từ {VietnamTime.Format(last.AddDays(1))} (sắp xếp đơn vị hành chính); dùng mã của xã hiện nay."
                : now is null ? $"{versions[0].FullName} (mã {feature.Code}) chưa có hiệu lực hôm nay."
                : now.ProvinceCode != code ? $"{now.FullName} thuộc tỉnh, thành phố mã {now.ProvinceCode}, không thuộc {provinceName}."
                : extent is { } e && Outside(feature, e) is { } point
                    ? $"có điểm [{point.Lon:0.####}, {point.Lat:0.####}] nằm ngoài phạm vi của {provinceName} (kinh độ {e.West - Margin:0.##}–{e.East + Margin:0.##}, vĩ độ {e.South - Margin:0.##}–{e.North + Margin:0.##}); tọa độ phải là kinh độ, vĩ độ WGS 84."
                : null;
            if (message is not null)
                problems.Add(new($"features[{feature.Index}]", $"{CommuneBoundaryFile.Name(feature.Index, feature.Code)}: {message}"));
        }
        return problems;
    }

    private static (double Lon, double Lat)? Outside(BoundaryFeature feature, (double West, double South, double East, double North) e)
    {
        foreach (var polygon in feature.Polygons)
        foreach (var ring in polygon)
        foreach (var p in ring)
            if (p.Lon < e.West - Margin || p.Lon > e.East + Margin || p.Lat < e.South - Margin || p.Lat > e.North + Margin)
                return p;
        return null;
    }

    private Task<string?> ProvinceNameAsync(string code, CancellationToken ct) =>
        Mtqg
            .Web.Features.Units.UnitService.ProvincesNow(db.Units.AsNoTracking())
            .Where(u => u.Code == code)
            .Select(u => u.FullName)
            .FirstOrDefaultAsync(ct);

    private async Task<CommuneBoundariesView?> ViewAsync(string code, string provinceName, CancellationToken ct)
    {
        var set = await db.CommuneBoundarySets.AsNoTracking().FirstOrDefaultAsync(s => s.ProvinceCode == code, ct);
        if (set is null)
            return null;
        var inForce = await db.Units.CountAsync(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.ProvinceCode == code, ct);
        return new(code, provinceName, set.Communes, inForce, set.FileName, set.UploadedAt, set.UploadedBy);
    }
}
