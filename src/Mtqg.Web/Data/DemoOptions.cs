namespace Mtqg.Web.Data;

/// <summary>
/// <c>Mtqg:Demo</c> (the demo data set and accounts; default: <see cref="IsOn"/>) and
/// <c>Mtqg:DemoRecognitions</c> (in demo mode, the illustrative recognition batches and dossiers; on unless false).
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Mtqg";

    public bool Demo { get; set; }

    /// <summary>
    /// Whether demo mode is on: as configured when <c>Mtqg:Demo</c> is set; otherwise only for the embedded SQLite database in
    /// Development (the newcomer's <c>dotnet run</c>). PostgreSQL and Production get demo data and the public demo accounts
    /// only when asked explicitly, so the database a reader sets up as the real one never receives them (issue 18).
    /// </summary>
    public static bool IsOn(string? configured, bool development, DatabaseProvider provider) =>
        configured is not { Length: > 0 } ? development && provider == DatabaseProvider.Sqlite
        : bool.TryParse(configured, out var on) ? on
        : throw new InvalidOperationException($"Mtqg:Demo \"{configured}\" không hợp lệ: dùng true hoặc false.");

    public bool DemoRecognitions { get; set; } = true;
}
