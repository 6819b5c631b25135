using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data.Scorecards;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Units;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.Scorecards.Values;

/// <summary>Saving a commune-year's values: every item checked against its indicator, the edit version compared, all or nothing.</summary>
public sealed partial class ScorecardService
{
    /// <summary>
    /// Sets (or, with null, clears) some values of a commune-year. Every item is checked first; one bad
    /// item and nothing is written. Returns the new scorecard. <paramref name="expectedVersion"/> (decision 0016, as the
    /// caller received it, without quotes): a save made from another version is refused as <see cref="OutcomeKind.Changed"/>
    /// with the values saved meanwhile; a save without one that loses a race is a <see cref="OutcomeKind.Conflict"/>.
    /// </summary>
    public async Task<(ScorecardDto? Card, Outcome Outcome)> SetValuesAsync(
        string communeCode,
        int year,
        string? setCode,
        IReadOnlyDictionary<string, JsonElement>? values,
        CancellationToken ct,
        string? expectedVersion = null
    )
    {
        if (year is < 2000 or > 2100)
            return (null, (await SetForAsync(setCode, year, ct)).Outcome);
        var commune = await CommuneAsync(communeCode, year, ct);
        if (commune is null)
            return (null, Outcome.NotFound($"Không có xã mã \"{communeCode}\" có hiệu lực ngày 31/12/{year}."));
        var (set, outcome) = await SetForAsync(setCode, year, commune.ProvinceCode, ct);
        if (set is null)
            return (null, outcome);
        var provinceNow = await lineage.ProvinceNowAsync(commune.ProvinceCode, commune.ValidTo);
        if (!access.CanEnterValues(commune, provinceNow))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền nhập số liệu của {commune.FullName}."));
        if (await closing.LockedAsync(provinceNow, year, Closing.ClosedPart.Values, ct) is { } locked)
            return (null, locked);
        if (!commune.Kind.IsRural())
            return (null, NotRural(commune));
        if (values is null || values.Count == 0)
            return (
                null,
                Outcome.Invalid(
                    "Không có giá trị nào để ghi.",
                    [new Problem("values", "Cần ít nhất một chỉ tiêu: {\"values\": {\"<mã chỉ tiêu>\": giá trị}}.")]
                )
            );

        var problems = new List<Problem>();
        var parsed = new Dictionary<SetIndicator, decimal?>();
        foreach (var (code, element) in values)
        {
            if (!set.Indicators.TryGetValue(code, out var indicator))
            {
                problems.Add(new Problem($"values.{code}", $"Bộ tiêu chí {set.Code} không có chỉ tiêu mã \"{code}\"."));
                continue;
            }
            var (value, error) = indicator.Source is null ? Parse(indicator, element) : (null, null);
            if (error is not null)
                problems.Add(new Problem($"values.{code}", error));
            else
                parsed[indicator] = value;
        }
        // A value that follows the approved poverty result is never typed over: the whole request is refused.
        if (set.Sourced.Count > 0 && parsed.Keys.Where(i => i.Source is not null).ToList() is { Count: > 0 } sourced)
            return (null, Evaluation.PovertySource.Refusal(sourced));
        if (problems.Count > 0)
            return (null, Outcome.Invalid($"Có {problems.Count} giá trị không hợp lệ; chưa có gì được ghi.", problems));

        // The version is a digest over many rows, not one row's token: it is compared inside a transaction no other writer of
        // this commune-year can enter, so writers sending the same version have one winner (issue 18).
        await using var transaction = await ExclusiveWrite.BeginAsync(db, $"values:{commune.Id}:{year}:{set.Id}", ct);
        var existing = await db
            .IndicatorValues.Where(v => v.UnitId == commune.Id && v.Year == year && v.Indicator.CriteriaSetId == set.Id)
            .ToDictionaryAsync(v => v.IndicatorId, ct);
        if (expectedVersion is not null)
        {
            var stored = existing.Values.Select(v => new StoredValue(v.IndicatorId, v.Value, v.UpdatedAt, v.UpdatedBy)).ToList();
            var current = VersionOf(stored);
            if (expectedVersion != current)
                return (null, Stale(set, stored, expectedVersion));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (indicator, value) in parsed)
        {
            var row = existing.GetValueOrDefault(indicator.Id);
            if (value is null)
            {
                if (row is not null)
                    db.IndicatorValues.Remove(row);
                continue;
            }
            if (row is null)
                db.IndicatorValues.Add(
                    new IndicatorValue
                    {
                        UnitId = commune.Id,
                        Year = year,
                        IndicatorId = indicator.Id,
                        Value = value.Value,
                        UpdatedAt = now,
                        UpdatedBy = access.User.UserName,
                    }
                );
            else if (row.Value != value.Value)
                (row.Value, row.UpdatedAt, row.UpdatedBy) = (value.Value, now, access.User.UserName);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.Entries.Any(x => x.State == EntityState.Added)) // another save got in first: a changed row, or the same new row twice
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return (null, Outcome.Conflict("Số liệu của xã vừa được người khác lưu cùng lúc; chưa có gì được ghi. Tải lại rồi thử lại."));
        }
        return (await CardAsync(set, commune, year, set.LowestLevel, ct), Outcome.Done);
    }

    private static Outcome Stale(LoadedSet set, List<StoredValue> stored, string expected)
    {
        var since = long.TryParse(expected.Split('-').LastOrDefault(), out var ticks) ? ticks : 0;
        var newer = stored
            .Where(v => v.UpdatedAt.Ticks > since)
            .OrderBy(v => v.IndicatorId)
            .Select(v =>
            {
                var indicator = set.IndicatorsById[v.IndicatorId];
                var shown =
                    indicator.Type == IndicatorType.Boolean
                        ? (ValueRules.IsAchieved(v.Value) ? "Đạt" : "Chưa đạt")
                        : v.Value.ToString("0.####", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
                var at = VietnamTime.ToLocal(v.UpdatedAt).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
                return new Problem(
                    $"values.{indicator.Code}",
                    $"Chỉ tiêu {indicator.Code} hiện là {shown} ({v.UpdatedBy ?? "không rõ người sửa"}, {at})."
                );
            })
            .ToList();
        return Outcome.Changed(
            $"Số liệu của xã vừa được người khác thay đổi sau khi bạn tải trang; chưa có gì được ghi. {(newer.Count == 0 ? "Một số giá trị đã bị xóa." : "Giá trị mới: " + string.Join(" ", newer.Select(n => n.Message)))} Kiểm tra lại rồi lưu lại.",
            newer
        );
    }

    private static Outcome NotRural(AdministrativeUnit commune) =>
        Outcome.Rejected(
            $"{commune.FullName} là {commune.Kind.Label().ToLowerInvariant()}: bộ tiêu chí nông thôn mới chỉ áp dụng cho xã và đặc khu."
        );

    /// <summary>Checks a value against its indicator's type; booleans become 1/0.</summary>
    public static (decimal? Value, string? Error) Parse(SetIndicator indicator, JsonElement element)
    {
        var label = $"Chỉ tiêu {indicator.Code}";
        switch (element.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return (null, null);
            case JsonValueKind.True or JsonValueKind.False when indicator.Type == IndicatorType.Boolean:
                return (ValueRules.FromFlag(element.GetBoolean()), null);
            case JsonValueKind.Number when indicator.Type != IndicatorType.Boolean:
                return element.TryGetDecimal(out var number)
                    ? Check(indicator, number)
                    : (null, $"{label}: {element.GetRawText()} quá lớn.");
            default:
                return (
                    null,
                    indicator.Type == IndicatorType.Boolean
                        ? $"{label} là chỉ tiêu đạt/không đạt: giá trị phải là true hoặc false (hoặc null để xóa)."
                        : $"{label} cần một số{(indicator.Unit is null ? "" : $" ({indicator.Unit})")}, không phải {Describe(element)} (hoặc null để xóa)."
                );
        }
    }

    public static (decimal? Value, string? Error) Check(SetIndicator indicator, decimal number) =>
        ValueRules.Check(indicator.Type, indicator.Code, number);

    private static string Describe(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.String => $"chuỗi \"{element.GetString()}\"",
            JsonValueKind.True or JsonValueKind.False => "true/false",
            JsonValueKind.Object => "một đối tượng",
            JsonValueKind.Array => "một danh sách",
            _ => element.GetRawText(),
        };
}
