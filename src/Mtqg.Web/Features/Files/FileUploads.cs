using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Mtqg.Web.Api;

namespace Mtqg.Web.Features.Files;

public static class FileUploads
{
    public static IServiceCollection AddFiles(this IServiceCollection services)
    {
        services
            .AddOptions<FileStoreOptions>()
            .BindConfiguration(FileStoreOptions.Section)
            .Configure<IConfiguration>(
                (options, configuration) => configuration.GetSection(FileStoreOptions.OlderEvidenceSection).Bind(options.Evidence)
            )
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FileStoreOptions>, FileStoreOptionsValidator>();
        services.AddUploadGate();
        return services.AddSingleton<FileStore>();
    }

    /// <summary>
    /// Reads a multipart body section by section and hands the "file" section's stream and file name to
    /// <paramref name="save"/>: the file goes straight from the request to the <see cref="FileStore"/>, never buffered whole.
    /// The body is bounded first (decision 0018): a body announced or read past the store's limit is a 413 naming it. The
    /// services given as <paramref name="save"/> check permission before they read the stream.
    /// </summary>
    public static async Task<(T Result, IResult? Error)> WithUploadedFileAsync<T>(
        HttpRequest request,
        CancellationToken ct,
        Func<Stream, string?, Task<T>> save
    )
    {
        if (
            !MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary
        )
            return (default!, ApiProblems.Invalid("file", "Gửi tệp dạng multipart/form-data, trong trường \"file\"."));
        var max = request.HttpContext.RequestServices.GetRequiredService<FileStore>().MaxBytes;
        if (UploadGate.RefuseLength(request, max, UploadGate.StoredFileSetting) is { } tooLarge)
            return (default!, UploadPages.Answer(tooLarge));
        UploadGate.LimitBody(request.HttpContext, max, UploadGate.StoredFileSetting);
        try
        {
            return await ReadFileSectionAsync(request, boundary, save, ct);
        }
        catch (UploadRefusedException e)
        {
            return (default!, UploadPages.Answer(e.Refusal));
        }
    }

    private static async Task<(T Result, IResult? Error)> ReadFileSectionAsync<T>(
        HttpRequest request,
        string boundary,
        Func<Stream, string?, Task<T>> save,
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
            return (await save(section.Body, name), null);
        }
        return (default!, ApiProblems.Invalid("file", "Chưa có tệp: gửi tệp trong trường \"file\"."));
    }
}
