namespace Mtqg.Web.Features.Recognition;

/// <summary>A clock the demo moves forward step by step: the dossiers' steps get dates of the past weeks.</summary>
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
