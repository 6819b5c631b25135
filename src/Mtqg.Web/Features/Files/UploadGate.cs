using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Mtqg.Web.Features.Files;

/// <summary>Why the gate refused a file: the HTTP status (403, 413, 400, 503), the bound's setting and a Vietnamese message naming it.</summary>
public sealed record UploadRefusal(int Status, string Bound, string Message);

/// <summary>Thrown when a body goes past its byte limit while being read (a stream the gate bounded); answered as its refusal.</summary>
public sealed class UploadRefusedException(UploadRefusal refusal) : Exception(refusal.Message)
{
    public UploadRefusal Refusal { get; } = refusal;
}

/// <summary>
/// The one gate every uploaded file passes (decision 0018), in this order: the caller's permission to write there (checked
/// before a byte of the body is read), then bytes, then — for a workbook or CSV — a streaming scan of its structure
/// (<see cref="UploadScan"/>), and only then the parse, under <see cref="StartParse"/>'s time limit. Evidence and signed
/// files are not parsed: bytes and the store's content checks only.
/// </summary>
public sealed class UploadGate(IOptions<UploadOptions> options, IHostApplicationLifetime lifetime, FileStore files)
{
    /// <summary>Room for the multipart headers and the form's other fields around the file.</summary>
    public const long FormOverhead = 64 * 1024;

    public UploadOptions Bounds => options.Value;

    public long WorkbookBytes => Megabytes(Bounds.WorkbookMegabytes);
    public long CriteriaSetBytes => Megabytes(Bounds.CriteriaSetMegabytes);
    public long StoredFileBytes => files.MaxBytes;
    public long BoundariesBytes => Megabytes(Bounds.BoundariesMegabytes);

    /// <summary>The settings behind each byte limit, named in the refusal.</summary>
    public const string WorkbookSetting = UploadOptions.Section + ":WorkbookMegabytes",
        CriteriaSetSetting = UploadOptions.Section + ":CriteriaSetMegabytes",
        BoundariesSetting = UploadOptions.Section + ":BoundariesMegabytes",
        StoredFileSetting = FileStoreOptions.Section + ":MaxMegabytes";

    private static long Megabytes(double value) => (long)(value * 1024 * 1024);

    public static string InMegabytes(long bytes) => $"{(bytes / (1024d * 1024)).ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"))} MB";

    public static UploadRefusal TooLarge(long max, string setting) =>
        new(
            StatusCodes.Status413PayloadTooLarge,
            setting,
            $"Tệp quá lớn: tối đa {InMegabytes(max)} ({setting}). Hãy chia thành nhiều tệp nhỏ hơn rồi tải lên lần lượt."
        );

    public static UploadRefusal Forbidden(string message) => new(StatusCodes.Status403Forbidden, "permission", message);

    /// <summary>The refusal for a body whose announced length (Content-Length) is already past the limit (plus the form's overhead).</summary>
    public static UploadRefusal? RefuseLength(HttpRequest request, long max, string setting) =>
        request.ContentLength > max + FormOverhead ? TooLarge(max, setting) : null;

    /// <summary>
    /// Bounds the request body before anything reads it: Kestrel's own limit is set to it (so the server's 30 MB default
    /// never answers first, in English), and the body is counted as it is read, past the limit an <see cref="UploadRefusedException"/>.
    /// </summary>
    public static void LimitBody(HttpContext context, long max, string setting)
    {
        var limit = max + FormOverhead;
        // Kestrel's limit a little above ours, so that ours (which names the setting) is the one that answers.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit + FormOverhead;
        context.Request.Body = new BoundedStream(context.Request.Body, limit, TooLarge(max, setting));
    }

    /// <summary>
    /// Receives the multipart field "file" of an API request into a temporary file (deleted when disposed), counting its
    /// bytes: past <paramref name="max"/> it stops reading and refuses with 413. Nothing is parsed here.
    /// </summary>
    public static async Task<(ReceivedFile? File, UploadRefusal? Refusal)> ReceiveAsync(
        HttpRequest request,
        long max,
        string setting,
        CancellationToken ct
    )
    {
        if (RefuseLength(request, max, setting) is { } early)
            return (null, early);
        if (
            !MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary
        )
            return (null, new UploadRefusal(400, "file", "Gửi tệp dạng multipart/form-data, trong trường \"file\"."));
        LimitBody(request.HttpContext, max, setting);
        try
        {
            return await ReceiveFileSectionAsync(request, boundary, max, setting, ct);
        }
        catch (InvalidDataException)
        {
            return (null, new UploadRefusal(400, "file", "Nội dung multipart/form-data không hợp lệ: gửi tệp trong trường \"file\"."));
        }
    }

    private static async Task<(ReceivedFile? File, UploadRefusal? Refusal)> ReceiveFileSectionAsync(
        HttpRequest request,
        string boundary,
        long max,
        string setting,
        CancellationToken ct
    )
    {
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (
                !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.IsFileDisposition()
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.OrdinalIgnoreCase)
            )
                continue;
            var name = HeaderUtilities
                .RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName)
                .Value;
            var file = new FileStream(
                Path.Combine(Path.GetTempPath(), $"mtqg-upload-{Guid.NewGuid():N}.tmp"),
                FileMode.CreateNew,
                FileAccess.ReadWrite,
                FileShare.None,
                81920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous
            );
            try
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await section.Body.ReadAsync(buffer, ct)) > 0)
                {
                    if (file.Length + read > max)
                    {
                        await file.DisposeAsync();
                        return (null, TooLarge(max, setting));
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                file.Position = 0;
                return (new ReceivedFile(file, name ?? ""), null);
            }
            catch
            {
                await file.DisposeAsync();
                throw;
            }
        }
        return (null, new UploadRefusal(400, "file", "Chưa có tệp: gửi tệp trong trường \"file\"."));
    }

    /// <summary>
    /// The token a parse runs under: the request's (the client left), the application's stopping, and the time limit
    /// <c>Mtqg:Uploads:ParseSeconds</c>. The parse checks it per row; <see cref="ParseBudget.Refusal"/> says why it stopped.
    /// </summary>
    public ParseBudget StartParse(CancellationToken requestAborted) =>
        new(requestAborted, lifetime.ApplicationStopping, TimeSpan.FromSeconds(Bounds.ParseSeconds));

    /// <summary>The structure of an .xlsx or a CSV against the bounds, before any parse: null when inside them.</summary>
    public UploadRefusal? Scan(Stream file, bool csv, CancellationToken ct) =>
        csv ? UploadScan.Csv(file, Bounds, ct) : UploadScan.Xlsx(file, Bounds, ct);
}

/// <summary>A file received from a request, in a temporary file deleted with it.</summary>
public sealed class ReceivedFile(FileStream content, string fileName) : IAsyncDisposable
{
    public Stream Content => content;
    public string FileName => fileName;
    public long Length => content.Length;

    public ValueTask DisposeAsync() => content.DisposeAsync();
}

/// <summary>See <see cref="UploadGate.StartParse"/>.</summary>
public sealed class ParseBudget : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly CancellationToken requestAborted,
        stopping;
    private readonly TimeSpan limit;

    public ParseBudget(CancellationToken requestAborted, CancellationToken stopping, TimeSpan limit)
    {
        (this.requestAborted, this.stopping, this.limit) = (requestAborted, stopping, limit);
        source = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        source.CancelAfter(limit);
    }

    public CancellationToken Token => source.Token;

    /// <summary>
    /// Why the parse was stopped, once <see cref="Token"/> is cancelled: null when the client left (nobody to answer);
    /// 503 when the application is stopping; otherwise the time limit, named.
    /// </summary>
    public UploadRefusal? Refusal =>
        requestAborted.IsCancellationRequested ? null
        : stopping.IsCancellationRequested
            ? new(
                StatusCodes.Status503ServiceUnavailable,
                "stopping",
                "Máy chủ đang dừng nên chưa đọc xong tệp; chưa có gì được ghi. Hãy tải lên lại sau ít phút."
            )
        : new(
            StatusCodes.Status400BadRequest,
            UploadOptions.Section + ":ParseSeconds",
            $"Đọc tệp quá thời gian cho phép ({limit.TotalSeconds:0} giây, {UploadOptions.Section}:ParseSeconds); chưa có gì được ghi. Hãy chia tệp thành nhiều tệp nhỏ hơn."
        );

    public void Dispose() => source.Dispose();
}

/// <summary>A read-only stream that refuses (throws the refusal) once more than <c>limit</c> bytes have been read through it.</summary>
public sealed class BoundedStream(Stream inner, long limit, UploadRefusal refusal) : Stream
{
    private long read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        Count(await inner.ReadAsync(buffer, ct));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private int Count(int n)
    {
        read += n;
        return read > limit ? throw new UploadRefusedException(refusal) : n;
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
