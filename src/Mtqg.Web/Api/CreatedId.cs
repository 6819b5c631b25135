namespace Mtqg.Web.Api;

/// <summary>The answer to a POST that created something: its id (its address is in Location).</summary>
public sealed record CreatedId(int Id);
