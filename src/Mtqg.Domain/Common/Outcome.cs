namespace Mtqg.Domain.Common;

/// <summary>The result of a use case: done, not found, or refused with a Vietnamese message (and, for validation, the problems by field).</summary>
public sealed record Outcome
{
    public static readonly Outcome Done = new(OutcomeKind.Done, null, []);
    public OutcomeKind Kind { get; }
    public string? Message { get; }
    public IReadOnlyList<Problem> Problems { get; }

    private Outcome(OutcomeKind kind, string? message, IReadOnlyList<Problem> problems) =>
        (Kind, Message, Problems) = (kind, message, problems);

    public bool IsDone => Kind == OutcomeKind.Done;
    public bool IsNotFound => Kind == OutcomeKind.NotFound;
    public bool IsInvalid => Kind == OutcomeKind.Invalid;

    public static Outcome NotFound(string message) => new(OutcomeKind.NotFound, message, []);

    public static Outcome Rejected(string message) => new(OutcomeKind.Rejected, message, []);

    public static Outcome Forbidden(string message) => new(OutcomeKind.Forbidden, message, []);

    public static Outcome Conflict(string message, IReadOnlyList<Problem>? details = null) =>
        new(OutcomeKind.Conflict, message, details ?? []);

    public static Outcome Invalid(string message, IReadOnlyList<Problem> problems) => new(OutcomeKind.Invalid, message, problems);

    /// <summary>Refused because the period the write belongs to is closed (khóa sổ): the message names who closed it and when.</summary>
    public static Outcome Locked(string message) => new(OutcomeKind.Locked, message, []);

    /// <summary>Refused because someone else saved the same record since the version this change was made from.</summary>
    public static Outcome Changed(string message, IReadOnlyList<Problem>? current = null) =>
        new(OutcomeKind.Changed, message, current ?? []);
}

public enum OutcomeKind
{
    Done,
    NotFound,
    Rejected,
    Conflict,
    Invalid,
    Forbidden,
    Changed,
    Locked,
}

/// <summary>One thing wrong with an input: where (a field path such as <c>criteria[2].indicators[0].rule</c>) and why, in Vietnamese.</summary>
public sealed record Problem(string Field, string Message);
