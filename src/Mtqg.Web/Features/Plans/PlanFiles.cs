using Mtqg.Domain.Common;

namespace Mtqg.Web.Features.Plans;

/// <summary>
/// Signed plans and evidence files, streamed to a folder (<c>Mtqg:Files:Path</c>, default App_Data/files) under a
/// generated name; the user's file name is kept only as a label. Limits: <c>Mtqg:Files:MaxBytes</c> (default 20 MB)
/// and the document and image types below.
/// </summary>
public sealed class PlanFiles(IConfiguration configuration, IWebHostEnvironment environment)
{
    public static readonly string[] Extensions = [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png"];

    public long MaxBytes => configuration.GetValue<long?>("Mtqg:Files:MaxBytes") ?? 20L * 1024 * 1024;

    private string Folder
    {
        get
        {
            var path = configuration["Mtqg:Files:Path"] is { Length: > 0 } configured ? configured : Path.Combine("App_Data", "files");
            return Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path);
        }
    }

    /// <summary>Problems with a file before it is read: missing, empty, too large, or of a type not accepted.</summary>
    public IReadOnlyList<Problem> Check(string field, string? fileName, long length)
    {
        if (string.IsNullOrWhiteSpace(fileName) || length == 0) return [new(field, "Chưa chọn tệp, hoặc tệp rỗng.")];
        var problems = new List<Problem>();
        if (length > MaxBytes) problems.Add(new(field, $"Tệp \"{fileName}\" quá lớn ({length / 1024.0 / 1024.0:0.#} MB); tối đa {MaxBytes / 1024 / 1024} MB."));
        if (!Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant()))
            problems.Add(new(field, $"Tệp \"{fileName}\" không đúng loại; chỉ nhận {string.Join(", ", Extensions)}."));
        return problems;
    }

    /// <summary>Streams the file to the folder; returns its key, or null when it turned out longer than allowed (nothing is kept).</summary>
    public async Task<string?> SaveAsync(Stream content, string fileName, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var key = $"{Guid.NewGuid():N}{Path.GetExtension(fileName).ToLowerInvariant()}";
        var path = Path.Combine(Folder, key);
        await using (var file = File.Create(path))
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > MaxBytes) break;
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            if (total <= MaxBytes) return key;
        }
        File.Delete(path);
        return null;
    }

    public Stream? Open(string key) =>
        key.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || key.Contains("..", StringComparison.Ordinal) || !File.Exists(Path.Combine(Folder, key))
            ? null
            : File.OpenRead(Path.Combine(Folder, key));

    public void Delete(string key)
    {
        var path = Path.Combine(Folder, key);
        if (File.Exists(path)) File.Delete(path);
    }
}
