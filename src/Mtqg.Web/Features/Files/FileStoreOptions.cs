using Microsoft.Extensions.Options;

namespace Mtqg.Web.Features.Files;

/// <summary>
/// The settings of the file store, <c>Mtqg:Files:*</c>, with the older keys of the two stores it replaced
/// (<c>Mtqg:Files:MaxBytes</c>, <c>Mtqg:Evidence:*</c>; decision 0010). How they combine is <see cref="FileStore"/>'s.
/// </summary>
public sealed class FileStoreOptions
{
    public const string Section = "Mtqg:Files";
    public const string OlderEvidenceSection = "Mtqg:Evidence";

    public string? Path { get; set; }
    public double? MaxMegabytes { get; set; }

    /// <summary>The older limit of signed plans, in bytes.</summary>
    public long? MaxBytes { get; set; }

    /// <summary>The older dossier evidence store: <c>Mtqg:Evidence:Path</c>, <c>Mtqg:Evidence:MaxMegabytes</c>.</summary>
    public OlderEvidenceStore Evidence { get; set; } = new();

    public sealed class OlderEvidenceStore
    {
        public string? Path { get; set; }
        public double? MaxMegabytes { get; set; }
    }
}

/// <summary>Refuses, at start, a limit that would refuse every file, naming the setting.</summary>
public sealed class FileStoreOptionsValidator : IValidateOptions<FileStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, FileStoreOptions options)
    {
        List<string> failures = [];
        if (options.MaxMegabytes is <= 0 or double.NaN)
            failures.Add($"{FileStoreOptions.Section}:MaxMegabytes phải lớn hơn 0 (đang là {options.MaxMegabytes}).");
        if (options.MaxBytes is <= 0)
            failures.Add($"{FileStoreOptions.Section}:MaxBytes phải lớn hơn 0 (đang là {options.MaxBytes}).");
        if (options.Evidence.MaxMegabytes is <= 0 or double.NaN)
            failures.Add($"{FileStoreOptions.OlderEvidenceSection}:MaxMegabytes phải lớn hơn 0 (đang là {options.Evidence.MaxMegabytes}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
