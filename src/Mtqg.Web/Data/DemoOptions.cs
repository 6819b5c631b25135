namespace Mtqg.Web.Data;

/// <summary>
/// <c>Mtqg:Demo</c> (the demo data set and accounts; Program.cs makes it default to on in Development only) and
/// <c>Mtqg:DemoRecognitions</c> (in demo mode, the illustrative recognition batches and dossiers; on unless false).
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Mtqg";

    public bool Demo { get; set; }
    public bool DemoRecognitions { get; set; } = true;
}
