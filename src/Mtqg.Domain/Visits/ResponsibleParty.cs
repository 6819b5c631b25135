using Mtqg.Domain.Common;
using Mtqg.Domain.Units;

namespace Mtqg.Domain.Visits;

public enum PartyKind
{
    Department,
    Commune,
    Province,
}

/// <summary>
/// Who must act on a recommendation: a department (Sở, named by its sector, e.g. "Sở Xây dựng"), the commune, or the
/// province. Two parties are the same when the kinds match and, for departments, the sector names match ignoring
/// case and diacritic placement.
/// </summary>
public sealed record ResponsibleParty
{
    public PartyKind Kind { get; }
    public string? Sector { get; }

    private ResponsibleParty(PartyKind kind, string? sector) => (Kind, Sector) = (kind, sector);

    public static ResponsibleParty Department(string sector) =>
        InputText.IsBlank(sector)
            ? throw new ArgumentException("Phải ghi tên sở.", nameof(sector))
            : new(PartyKind.Department, sector.Trim());

    public static readonly ResponsibleParty Commune = new(PartyKind.Commune, null);
    public static readonly ResponsibleParty Province = new(PartyKind.Province, null);

    public string DisplayName =>
        Kind switch
        {
            PartyKind.Department => Sector!,
            PartyKind.Commune => "UBND xã",
            _ => "UBND tỉnh",
        };

    public bool Equals(ResponsibleParty? other) =>
        other is not null
        && other.Kind == Kind
        && (Kind != PartyKind.Department || VietnameseText.Fold(other.Sector) == VietnameseText.Fold(Sector));

    public override int GetHashCode() => HashCode.Combine(Kind, Kind == PartyKind.Department ? VietnameseText.Fold(Sector) : "");

    public override string ToString() => DisplayName;
}
