using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Mtqg.Web.Features.Files;

/// <summary>A file written to the store: its stored name (a random id and the type's extension), the user's file name, type, length and SHA-256.</summary>
public sealed record StoredFile(string StoredName, string FileName, string ContentType, long Length, string Sha256);

/// <summary>
/// The one store of uploaded files: signed plans, evidence of plan progress, dossier evidence and signed decisions.
/// Files live in one folder (<c>Mtqg:Files:Path</c>) under a generated name; the user's file name is kept only as a
/// label in the row that points to it. An upload is streamed to a temporary file in that folder, counted, hashed and
/// its first bytes checked against its type as it goes, and moved to its name only when everything passed: a refused,
/// failed or cancelled upload leaves nothing. Accepted: pdf, jpg, png, docx, xlsx, doc, xls, each checked by extension
/// and content; at most <c>Mtqg:Files:MaxMegabytes</c> (20). See the README for the older keys still honoured.
/// </summary>
public sealed class FileStore(IOptions<FileStoreOptions> options, IWebHostEnvironment environment)
{
    private static readonly byte[] Pdf = "%PDF"u8.ToArray(),
        Jpeg = [0xFF, 0xD8, 0xFF],
        Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        Zip = [0x50, 0x4B, 0x03, 0x04],
        Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The accepted types by extension: content type, and the bytes the content must start with (OOXML is a zip, Word 97 / Excel 97 an OLE compound file).</summary>
    private static readonly Dictionary<string, (string ContentType, byte[] Magic)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", Pdf),
        [".jpg"] = ("image/jpeg", Jpeg),
        [".jpeg"] = ("image/jpeg", Jpeg),
        [".png"] = ("image/png", Png),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
        [".doc"] = ("application/msword", Ole),
        [".xls"] = ("application/vnd.ms-excel", Ole),
    };

    /// <summary>The accepted types as a user reads them.</summary>
    public const string AllowedText = "pdf, jpg, png, docx, xlsx, doc, xls";

    /// <summary>The accepted types for a file input's <c>accept</c> attribute.</summary>
    public static readonly string Accept = string.Join(",", Types.Keys);

    public const string DefaultFolder = "App_Data/files";
    private const string OldEvidenceFolder = "App_Data/evidence";
    private const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>
    /// The largest file accepted: <c>Mtqg:Files:MaxMegabytes</c>; otherwise the larger of the older keys
    /// <c>Mtqg:Files:MaxBytes</c> (plans) and <c>Mtqg:Evidence:MaxMegabytes</c> (dossiers), so that no file accepted
    /// before the stores were merged is refused now; otherwise 20 MB.
    /// </summary>
    public long MaxBytes
    {
        get
        {
            var settings = options.Value;
            if (settings.MaxMegabytes is { } megabytes)
                return Megabytes(megabytes);
            long? plans = settings.MaxBytes;
            long? evidence = settings.Evidence.MaxMegabytes is { } old ? Megabytes(old) : null;
            return plans is null && evidence is null ? DefaultMaxBytes : Math.Max(plans ?? 0, evidence ?? 0);

            static long Megabytes(double value) => (long)(value * 1024 * 1024);
        }
    }

    public string MaxText => $"{MaxBytes / (1024d * 1024):0.##} MB";

    /// <summary>
    /// The folder new files are written to: <c>Mtqg:Files:Path</c>; otherwise the older <c>Mtqg:Evidence:Path</c>
    /// (a folder shared between web nodes stays shared); otherwise App_Data/files. Relative to the content root.
    /// </summary>
    public string Folder => Resolve(Setting(options.Value.Path) ?? Setting(options.Value.Evidence.Path) ?? DefaultFolder);

    /// <summary>
    /// Where a stored name is looked for: the folder, then every folder the two older stores could have written to
    /// (their configured folders and their defaults), so files stored before the merge stay readable where they are.
    /// Stored names are random, so two folders never hold the same name.
    /// </summary>
    private IEnumerable<string> ReadFolders =>
        new[] { Folder, Setting(options.Value.Path), Setting(options.Value.Evidence.Path), DefaultFolder, OldEvidenceFolder }
            .OfType<string>()
            .Select(Resolve)
            .Distinct(StringComparer.Ordinal);

    private static string? Setting(string? value) => !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private string Resolve(string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path));

    /// <summary>The file name as kept for the label: without any folder, at most 200 characters (the end, with the extension).</summary>
    public static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        return name.Length > 200 ? name[^200..] : name;
    }

    /// <summary>
    /// The refusal for a file before any byte is read (no name; a type not accepted, or not a PDF where only a PDF will
    /// do; empty or too large when the length is known), or null. The content is checked by <see cref="SaveAsync"/>.
    /// </summary>
    public string? Refuse(string? fileName, long? length = null, bool pdfOnly = false)
    {
        var name = CleanName(fileName);
        if (name.Length == 0)
            return "Chưa chọn tệp.";
        var extension = Path.GetExtension(name);
        if (!Types.ContainsKey(extension) || pdfOnly && !extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase))
            return $"Tệp «{name}»: không đúng loại tệp được nhận; chỉ nhận {(pdfOnly ? "pdf" : AllowedText)}.";
        if (length == 0)
            return Empty(name);
        if (length > MaxBytes)
            return TooLarge(name);
        return null;
    }

    private static string Empty(string name) => $"Tệp «{name}»: tệp rỗng.";

    private string TooLarge(string name) => $"Tệp «{name}»: dung lượng vượt quá giới hạn {MaxText}.";

    private static string NotItsType(string name) =>
        $"Tệp «{name}»: nội dung không phải tệp {Path.GetExtension(name).TrimStart('.').ToLowerInvariant()} hợp lệ (có thể là tệp khác bị đổi tên).";

    /// <summary>
    /// Streams <paramref name="content"/> into the store. Returns the stored file, or the refusal (naming the file and
    /// the reason) with nothing left on disk; on an exception or cancellation nothing is left either.
    /// </summary>
    public async Task<(StoredFile? File, string? Error)> SaveAsync(Stream content, string? fileName, bool pdfOnly, CancellationToken ct)
    {
        if (Refuse(fileName, null, pdfOnly) is { } refused)
            return (null, refused);
        var name = CleanName(fileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var (contentType, magic) = Types[extension];

        var folder = Folder;
        Directory.CreateDirectory(folder);
        var stored = $"{Guid.NewGuid():N}{extension}";
        var temporary = Path.Combine(folder, $"~{Guid.NewGuid():N}.tmp");
        var max = MaxBytes;
        long length = 0;
        string? error = null;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
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
                        if (headLength == head.Length && !head.AsSpan().SequenceEqual(magic))
                        {
                            error = NotItsType(name);
                            break;
                        }
                    }
                    length += read;
                    if (length > max)
                    {
                        error = TooLarge(name);
                        break;
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                if (error is null && length == 0)
                    error = Empty(name);
                else if (error is null && headLength < magic.Length)
                    error = NotItsType(name);
            }
            if (error is not null)
                return (null, error);
            File.Move(temporary, Path.Combine(folder, stored));
            return (new StoredFile(stored, name, contentType, length, Convert.ToHexStringLower(hash.GetHashAndReset())), null);
        }
        finally
        {
            File.Delete(temporary); // no-op once moved
        }
    }

    /// <summary>The content type a stored file is served with, from its stored name (never from what the uploader's browser said).</summary>
    public static string ContentTypeOf(string storedName) =>
        Types.TryGetValue(Path.GetExtension(storedName), out var type) ? type.ContentType : "application/octet-stream";

    /// <summary>Opens a stored file for reading, or null when no folder holds it (or the name is not a stored name).</summary>
    public Stream? Open(string storedName) =>
        Find(storedName) is { } path ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;

    /// <summary>Removes a stored file: one replaced, or written by a request that then failed to commit.</summary>
    public void Delete(string storedName)
    {
        if (Find(storedName) is { } path)
            File.Delete(path);
    }

    private string? Find(string storedName)
    {
        // Stored names are generated ("<32 hex digits><extension>"): anything else, a path above all, is never looked up.
        if (
            storedName.Length is < 34 or > 40
            || Path.GetFileName(storedName) != storedName
            || storedName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || storedName.Contains("..", StringComparison.Ordinal)
            || storedName.StartsWith('~')
        )
            return null;
        return ReadFolders.Select(folder => Path.Combine(folder, storedName)).FirstOrDefault(File.Exists);
    }
}
