using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Mtqg.Domain.Evaluation;

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

    /// <summary>The set whose engine order the slots follow; null if they do not (the engine then reads by code).</summary>
    public EvaluationSet? Set { get; }
    public CommuneValues Empty { get; }

    private ValueSlots(LoadedSet set)
    {
        // Slots in the engine's order of the set's indicators (then any it does not judge), so the engine reads them by position.
        var order = Evaluator.IndicatorCodes(set.Evaluation).Select((code, position) => (code, position)).ToDictionary();
        var indicators = set.Indicators.Values.OrderBy(i => order.GetValueOrDefault(i.Code, int.MaxValue)).ThenBy(i => i.Id).ToList();
        Codes = [.. indicators.Select(i => i.Code)];
        ByCode = indicators.Select((i, slot) => (i.Code, slot)).ToFrozenDictionary(x => x.Code, x => x.slot, StringComparer.Ordinal);
        ById = indicators
            .Select((i, slot) => (i.Id, i.Source, slot))
            .Where(x => x.Source is null)
            .ToFrozenDictionary(x => x.Id, x => x.slot);
        Sourced = [.. indicators.Select((i, slot) => (slot, i.Source)).Where(x => x.Source is not null).Select(x => (x.slot, x.Source!))];
        // Laid out exactly in the engine's order (always, as the catalogue builds the set from the same indicators), or read by code.
        Set = Evaluator.IndicatorCodes(set.Evaluation).SequenceEqual(Codes.Take(order.Count)) ? set.Evaluation : null;
        Empty = new CommuneValues(this);
    }

    public static ValueSlots Of(LoadedSet set) => Built.GetValue(set, s => new ValueSlots(s));
}
