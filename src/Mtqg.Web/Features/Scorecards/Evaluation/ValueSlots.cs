using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace Mtqg.Web.Features.Scorecards.Evaluation;

/// <summary>Where each indicator of a set sits in a <see cref="CommuneValues"/> array; built once per loaded set.</summary>
internal sealed class ValueSlots
{
    private static readonly ConditionalWeakTable<LoadedSet, ValueSlots> Built = new();

    public FrozenDictionary<string, int> ByCode { get; }

    /// <summary>The slot of each indicator whose value is stored (typed or uploaded); a sourced indicator's stored rows are not read.</summary>
    public FrozenDictionary<int, int> ById { get; }

    /// <summary>The slot and source of each sourced indicator (<see cref="LoadedSet.Sourced"/>); empty for most sets.</summary>
    public (int Slot, string Source)[] Sourced { get; }
    public string[] Codes { get; }
    public CommuneValues Empty { get; }

    private ValueSlots(LoadedSet set)
    {
        var indicators = set.Indicators.Values.OrderBy(i => i.Id).ToList();
        Codes = [.. indicators.Select(i => i.Code)];
        ByCode = indicators.Select((i, slot) => (i.Code, slot)).ToFrozenDictionary(x => x.Code, x => x.slot, StringComparer.Ordinal);
        ById = indicators
            .Select((i, slot) => (i.Id, i.Source, slot))
            .Where(x => x.Source is null)
            .ToFrozenDictionary(x => x.Id, x => x.slot);
        Sourced = [.. indicators.Select((i, slot) => (slot, i.Source)).Where(x => x.Source is not null).Select(x => (x.slot, x.Source!))];
        Empty = new CommuneValues(this);
    }

    public static ValueSlots Of(LoadedSet set) => Built.GetValue(set, s => new ValueSlots(s));
}
