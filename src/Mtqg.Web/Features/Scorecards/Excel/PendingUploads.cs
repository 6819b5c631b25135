using System.Security.Cryptography;
using System.Text.Json;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Scorecards.Excel;

/// <summary>A previewed file waiting for its confirmation: the bytes and who may write them where (decision 0028).</summary>
public sealed record PendingUpload(string Token, string User, string Province, int Year, string Set, string FileName, byte[] Content);

/// <summary>
/// Keeps a previewed values file between the preview and the confirmation, in the files folder (shared by web nodes, so
/// the two requests may reach different nodes): <c>pending-uploads/{token}.bin</c> and <c>{token}.json</c> (account,
/// province, year, set, file name, time). The token is 32 random bytes in hex; it is taken once (the files are deleted
/// when read), only by the same account for the same province-year and set, within <see cref="Lifetime"/>. Expired files
/// are removed whenever a file is kept.
/// </summary>
public sealed class PendingUploads(FileStore files, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private sealed record Meta(string User, string Province, int Year, string Set, string FileName, DateTimeOffset Created);

    private string Folder => Path.Combine(files.Folder, "pending-uploads");

    public async Task<string> KeepAsync(
        string user,
        string province,
        int year,
        string set,
        string fileName,
        byte[] content,
        CancellationToken ct
    )
    {
        Directory.CreateDirectory(Folder);
        Sweep();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await File.WriteAllBytesAsync(Path.Combine(Folder, token + ".bin"), content, ct);
        await File.WriteAllTextAsync(
            Path.Combine(Folder, token + ".json"),
            JsonSerializer.Serialize(new Meta(user, province, year, set, fileName, clock.GetUtcNow())),
            ct
        );
        return token;
    }

    /// <summary>
    /// The file kept under <paramref name="token"/> for this account, province-year and set, removed from the folder; or
    /// the reason it cannot be used (in Vietnamese). A token of another account or place is refused and left alone.
    /// </summary>
    public async Task<(PendingUpload? Upload, string? Refusal)> TakeAsync(
        string? token,
        string user,
        string province,
        int year,
        string set,
        CancellationToken ct
    )
    {
        const string unknown =
            "Phiên kiểm tra tệp không còn hoặc không đúng (hết hạn sau 30 phút, hoặc đã ghi): hãy tải tệp lên và kiểm tra lại. Chưa có gì được ghi.";
        if (token is null || token.Length != 64 || !token.All(char.IsAsciiHexDigitLower))
            return (null, unknown);
        var (bin, json) = (Path.Combine(Folder, token + ".bin"), Path.Combine(Folder, token + ".json"));
        Meta? meta;
        try
        {
            meta = JsonSerializer.Deserialize<Meta>(await File.ReadAllTextAsync(json, ct));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return (null, unknown);
        }
        if (meta is null || !File.Exists(bin))
            return (null, unknown);
        if (meta.User != user || meta.Province != province || meta.Year != year || meta.Set != set)
            return (null, "Phiên kiểm tra tệp này không phải của tài khoản này cho tỉnh, năm và bộ tiêu chí này. Chưa có gì được ghi.");
        if (clock.GetUtcNow() - meta.Created > Lifetime)
        {
            Remove(token);
            return (null, unknown);
        }
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(bin, ct);
        }
        catch (IOException)
        {
            return (null, unknown);
        }
        // Taken once: a second confirmation (another tab, a replayed request) finds nothing.
        Remove(token);
        return (new PendingUpload(token, meta.User, meta.Province, meta.Year, meta.Set, meta.FileName, content), null);
    }

    private void Remove(string token)
    {
        foreach (var extension in new[] { ".json", ".bin" })
            try
            {
                File.Delete(Path.Combine(Folder, token + extension));
            }
            catch (IOException) { }
    }

    private void Sweep()
    {
        // File times are the machine's real time, whatever clock the app is given.
        var limit = TimeProvider.System.GetUtcNow().UtcDateTime - Lifetime;
        foreach (var path in Directory.EnumerateFiles(Folder))
            try
            {
                if (File.GetLastWriteTimeUtc(path) < limit)
                    File.Delete(path);
            }
            catch (IOException) { }
    }
}
