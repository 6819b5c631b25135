using System.Security.Cryptography;

namespace Mtqg.Web.Features.Recognition;

/// <summary>A file written to the evidence folder: its stored name (a random id), length and SHA-256.</summary>
public sealed record StoredFile(string StoredName, string FileName, string ContentType, long Length, string Sha256);

/// <summary>
/// Evidence files and signed decisions on disk, in <c>Mtqg:Evidence:Path</c> (default App_Data/evidence
/// under the content root). Uploads are streamed straight to a file, counted and hashed as they go, and
/// removed the moment a limit is passed: a file is never held whole in memory. Allowed: pdf, jpg, png,
/// docx, xlsx, checked by extension and by the first bytes; at most <c>Mtqg:Evidence:MaxMegabytes</c> (20).
/// </summary>
public sealed class EvidenceStore(IConfiguration configuration, IWebHostEnvironment environment)
{
    private static readonly byte[] Pdf = "%PDF"u8.ToArray(), Png = [0x89, 0x50, 0x4E, 0x47], Jpeg = [0xFF, 0xD8, 0xFF], Zip = [0x50, 0x4B, 0x03, 0x04];

    private static readonly Dictionary<string, (string ContentType, byte[] Magic)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", Pdf),
        [".jpg"] = ("image/jpeg", Jpeg),
        [".jpeg"] = ("image/jpeg", Jpeg),
        [".png"] = ("image/png", Png),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
    };

    public const string AllowedText = "pdf, jpg, png, docx, xlsx";

    public long MaxBytes => (long)(configuration.GetValue<double?>("Mtqg:Evidence:MaxMegabytes") ?? 20) * 1024 * 1024;

    public string MaxText => $"{MaxBytes / (1024d * 1024):0.##} MB";

    public string Root
    {
        get
        {
            var path = configuration["Mtqg:Evidence:Path"];
            var root = string.IsNullOrWhiteSpace(path) ? Path.Combine(environment.ContentRootPath, "App_Data", "evidence")
                : Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path);
            Directory.CreateDirectory(root);
            return root;
        }
    }

    /// <summary>The refusal for a file name whose type is not allowed (checked before any byte is read), or null.</summary>
    public static string? RefuseType(string fileName, bool pdfOnly = false) =>
        Types.ContainsKey(Path.GetExtension(fileName)) && (!pdfOnly || Path.GetExtension(fileName).Equals(".pdf", StringComparison.OrdinalIgnoreCase))
            ? null
            : $"Tệp «{fileName}»: loại tệp không được phép; chỉ nhận {(pdfOnly ? "pdf" : AllowedText)}.";

    /// <summary>Streams <paramref name="content"/> to the folder. On any refusal nothing is left on disk.</summary>
    public async Task<(StoredFile? File, string? Error)> SaveAsync(Stream content, string? fileName, bool pdfOnly, CancellationToken ct)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        if (name.Length == 0) return (null, "Chưa chọn tệp.");
        if (name.Length > 200) name = name[^200..];
        if (RefuseType(name, pdfOnly) is { } refused) return (null, refused);
        var (contentType, magic) = Types[Path.GetExtension(name)];

        var stored = $"{Guid.NewGuid():N}{Path.GetExtension(name).ToLowerInvariant()}";
        var path = Path.Combine(Root, stored);
        var max = MaxBytes;
        long length = 0;
        string? error = null;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                var head = new byte[magic.Length];
                var headLength = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(read, head.Length - headLength);
                        Array.Copy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    length += read;
                    if (length > max) { error = $"Tệp «{name}»: dung lượng vượt quá giới hạn {MaxText}."; break; }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                if (error is null && length == 0) error = $"Tệp «{name}»: tệp rỗng.";
                else if (error is null && (headLength < magic.Length || !head.AsSpan().SequenceEqual(magic)))
                    error = $"Tệp «{name}»: nội dung không phải tệp {Path.GetExtension(name).TrimStart('.').ToLowerInvariant()} hợp lệ.";
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        if (error is not null)
        {
            File.Delete(path);
            return (null, error);
        }
        return (new StoredFile(stored, name, contentType, length, Convert.ToHexStringLower(hash.GetHashAndReset())), null);
    }

    public Stream? Open(string storedName)
    {
        var path = Path.Combine(Root, Path.GetFileName(storedName));
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    /// <summary>Removes a file written by a request that then failed to commit.</summary>
    public void Delete(string storedName) => File.Delete(Path.Combine(Root, Path.GetFileName(storedName)));
}
