namespace Mtqg.Domain.Recognition;

/// <summary>The user who acts: the account id (compared) and the display name (shown in the timeline).</summary>
public sealed record Actor(string Id, string Name);
