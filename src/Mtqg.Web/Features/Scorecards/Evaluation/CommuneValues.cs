using Mtqg.Domain.Evaluation;

namespace Mtqg.Web.Features.Scorecards.Evaluation;

/// <summary>
/// One commune-year's stored values by indicator code, as the engine reads them: one array slot per
/// indicator of the set instead of a dictionary per commune. Only stored values are present.
/// </summary>
internal sealed class CommuneValues(ValueSlots slots) : IValuesInSetOrder
{
    private readonly decimal?[] stored = new decimal?[slots.Codes.Length];

    public int Count { get; private set; }

    public EvaluationSet? LaidOutFor => slots.Set;

    public decimal? ValueAt(int position) => stored[position];

    public void Set(int slot, decimal value)
    {
        if (stored[slot] is null)
            Count++;
        stored[slot] = value;
    }

    public bool TryGetValue(string key, out decimal? value)
    {
        value = slots.ByCode.TryGetValue(key, out var slot) ? stored[slot] : null;
        return value is not null;
    }

    public decimal? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public IEnumerable<string> Keys => this.Select(p => p.Key);
    public IEnumerable<decimal?> Values => this.Select(p => p.Value);

    public IEnumerator<KeyValuePair<string, decimal?>> GetEnumerator()
    {
        for (var slot = 0; slot < stored.Length; slot++)
            if (stored[slot] is { } value)
                yield return new(slots.Codes[slot], value);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
