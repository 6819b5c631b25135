using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Domain.Units;

namespace Mtqg.Web.Features.Units;

/// <summary>
/// Which province of today a unit of any time belongs to: a pre-reform province (or one of its
/// communes) belongs to the province it merged into on 1 July 2025. Units never change once
/// seeded, so the map is read once.
/// </summary>
public sealed class ProvinceLineage(IServiceScopeFactory scopes)
{
    private readonly Lazy<Task<Dictionary<string, string>>> oldToNew = new(async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db
            .UnitSuccessions.AsNoTracking()
            .Where(s => s.Predecessor.Level == UnitLevel.Province && s.EffectiveOn == Reform.Day)
            .Select(s => new { Old = s.Predecessor.ProvinceCode, New = s.Successor.ProvinceCode })
            .ToDictionaryAsync(s => s.Old, s => s.New);
    });

    /// <summary>The province of today for a unit's province code, given when the unit ended (null: still in force).</summary>
    public async Task<string> ProvinceNowAsync(string provinceCode, DateOnly? validTo) =>
        validTo is { } end && end < Reform.Day && (await oldToNew.Value).TryGetValue(provinceCode, out var now) ? now : provinceCode;

    /// <summary>The pre-reform provinces that went into a province of today.</summary>
    public async Task<IReadOnlyList<string>> OldProvincesOfAsync(string provinceNow) =>
        (await oldToNew.Value).Where(p => p.Value == provinceNow).Select(p => p.Key).OrderBy(c => c).ToList();
}
