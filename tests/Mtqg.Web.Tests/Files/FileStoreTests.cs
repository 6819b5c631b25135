using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Files;

/// <summary>
/// The one file store behind signed plans, progress evidence, dossier evidence and decision PDFs: every accepted type
/// is checked against its content, a refused upload leaves neither a file nor a row, and files and settings of the two
/// older stores keep working.
/// </summary>
public sealed class FileStoreTests
{
    private static readonly byte[] Text = Encoding.UTF8.GetBytes("Đây là một tệp văn bản, không phải PDF.\n");
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% bản ký\n%%EOF\n");

    private static readonly Dictionary<string, byte[]> Heads = new()
    {
        [".pdf"] = Pdf,
        [".jpg"] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46],
        [".jpeg"] = [0xFF, 0xD8, 0xFF, 0xE1, 0, 0x10, 0x45, 0x78],
        [".png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D],
        [".docx"] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0x06, 0],
        [".xlsx"] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0x06, 0],
        [".doc"] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
        [".xls"] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    };

    public static TheoryData<string> Extensions => [.. Heads.Keys];

    [Theory]
    [MemberData(nameof(Extensions))]
    public async Task Every_accepted_type_is_stored_when_its_content_is_of_that_type_and_refused_when_another_file_was_renamed(
        string extension
    )
    {
        using var folder = new TemporaryFolder();
        var store = Store(new() { ["Mtqg:Files:Path"] = folder.Path });

        var (stored, error) = await store.SaveAsync(
            new MemoryStream(Heads[extension]),
            $"tệp{extension.ToUpperInvariant()}",
            pdfOnly: false,
            CancellationToken.None
        );
        Assert.Null(error);
        Assert.Equal(Heads[extension], await File.ReadAllBytesAsync(Path.Combine(folder.Path, stored!.StoredName)));
        Assert.Equal(FileStore.ContentTypeOf(stored.StoredName), stored.ContentType);

        var other = extension is ".pdf" ? Heads[".png"] : Pdf;
        var (refused, message) = await store.SaveAsync(
            new MemoryStream(other),
            $"doi-ten{extension}",
            pdfOnly: false,
            CancellationToken.None
        );
        Assert.Null(refused);
        Assert.Equal(
            $"Tệp «doi-ten{extension}»: nội dung không phải tệp {extension.TrimStart('.')} hợp lệ (có thể là tệp khác bị đổi tên).",
            message
        );
        Assert.Equal([stored.StoredName], Directory.GetFiles(folder.Path).Select(f => Path.GetFileName(f)));
    }

    [Fact]
    public async Task A_type_not_accepted_an_empty_file_a_truncated_head_and_a_file_over_the_limit_are_refused_in_Vietnamese_leaving_nothing()
    {
        using var folder = new TemporaryFolder();
        var store = Store(new() { ["Mtqg:Files:Path"] = folder.Path, ["Mtqg:Files:MaxMegabytes"] = "0.01" }); // 10,485 bytes

        async Task<string> RefusedAsync(byte[] content, string name, bool pdfOnly = false) =>
            (await store.SaveAsync(new MemoryStream(content), name, pdfOnly, CancellationToken.None)).Error!;

        Assert.Equal(
            "Tệp «trang.html»: không đúng loại tệp được nhận; chỉ nhận pdf, jpg, png, docx, xlsx, doc, xls.",
            await RefusedAsync(Text, "trang.html")
        );
        Assert.Equal(
            "Tệp «qd.docx»: không đúng loại tệp được nhận; chỉ nhận pdf.",
            await RefusedAsync(Heads[".docx"], "qd.docx", pdfOnly: true)
        );
        Assert.Equal("Tệp «rong.pdf»: tệp rỗng.", await RefusedAsync([], "rong.pdf"));
        Assert.Contains("nội dung không phải tệp png", await RefusedAsync([0x89, 0x50], "cut.png"));
        Assert.StartsWith("Tệp «lon.pdf»: dung lượng vượt quá giới hạn 0", await RefusedAsync([.. Pdf, .. new byte[20000]], "lon.pdf"));
        Assert.Equal("Chưa chọn tệp.", await RefusedAsync(Pdf, "  "));
        Assert.Empty(Directory.Exists(folder.Path) ? Directory.GetFileSystemEntries(folder.Path) : []);
    }

    [Fact]
    public async Task Files_written_by_either_older_store_stay_readable_and_the_older_settings_are_honoured()
    {
        using var files = new TemporaryFolder();
        using var evidence = new TemporaryFolder();
        Directory.CreateDirectory(files.Path);
        Directory.CreateDirectory(evidence.Path);
        var plan = $"{Guid.NewGuid():N}.docx";
        var dossier = $"{Guid.NewGuid():N}.pdf";
        await File.WriteAllBytesAsync(Path.Combine(files.Path, plan), Heads[".docx"]);
        await File.WriteAllBytesAsync(Path.Combine(evidence.Path, dossier), Pdf);

        // Both older folders configured, the new key not yet: new files go to the evidence folder (shared between web nodes), both stay readable.
        var old = Store(
            new()
            {
                ["Mtqg:Evidence:Path"] = evidence.Path,
                ["Mtqg:Files:Path"] = "",
                ["Mtqg:Files:MaxBytes"] = "3000",
                ["Mtqg:Evidence:MaxMegabytes"] = "0.001",
            }
        );
        Assert.Equal(Path.GetFullPath(evidence.Path), old.Folder);
        Assert.Equal(3000, old.MaxBytes); // the larger of the two older limits
        var moved = Store(
            new()
            {
                ["Mtqg:Files:Path"] = files.Path,
                ["Mtqg:Evidence:Path"] = evidence.Path,
                ["Mtqg:Files:MaxMegabytes"] = "2",
            }
        );
        Assert.Equal(2 * 1024 * 1024, moved.MaxBytes);
        foreach (var store in new[] { old, moved })
        {
            await using var a = store.Open(dossier);
            Assert.NotNull(a);
            Assert.Null(store.Open("../" + dossier));
        }
        await using (var b = moved.Open(plan))
            Assert.NotNull(b);
        Assert.Equal(20 * 1024 * 1024, Store([]).MaxBytes);

        moved.Delete(dossier);
        Assert.False(File.Exists(Path.Combine(evidence.Path, dossier)));
    }

    [Fact]
    public async Task A_text_file_renamed_to_pdf_is_refused_as_a_signed_plan_and_as_progress_evidence_naming_the_file_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var created = await coordinator.PostAsJsonAsync(
            "/api/v1/plans",
            new
            {
                provinceCode = "15",
                number = "77/KH-THU",
                issuer = "Ban Chỉ đạo tỉnh",
                issuedOn = "2026-01-05",
                periodFrom = "2026-01-01",
                periodTo = "2026-12-31",
                title = "Kế hoạch thử",
            }
        );
        var plan = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var put = await coordinator.PutAsync(
            $"/api/v1/plans/{plan}/file",
            new MultipartFormDataContent { { new ByteArrayContent(Text), "file", "ke-hoach-da-ky.pdf" } }
        );
        var problem = await ProblemAssert.IsProblemAsync(put, HttpStatusCode.BadRequest);
        Assert.Equal(
            "Tệp «ke-hoach-da-ky.pdf»: nội dung không phải tệp pdf hợp lệ (có thể là tệp khác bị đổi tên).",
            ProblemAssert.Errors(problem, "file").Single()
        );
        Assert.Equal(
            JsonValueKind.Null,
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{plan}")).GetProperty("file").ValueKind
        );
        await ProblemAssert.IsProblemAsync(await coordinator.GetAsync($"/api/v1/plans/{plan}/file"), HttpStatusCode.NotFound);

        // The same file as the evidence of an activity's progress, posted on the plan page by the responsible agency.
        var agency = await app.ClientAsAsync("demo.giupdo");
        var demo = (await agency.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15"))
            .EnumerateArray()
            .Single(p => p.GetProperty("number").GetString() == "239/KH-BCĐ")
            .GetProperty("id")
            .GetInt32();
        var target = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{demo}"))
            .GetProperty("targets")
            .EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "Tập huấn tổ công nghệ số cộng đồng")
            .GetProperty("id")
            .GetInt32();
        int Updates()
        {
            using var scope = app.Services.CreateScope();
            return app.Db(scope).TargetUpdates.Count(u => u.TargetId == target);
        }
        var before = Updates();

        var refused = await RecordAsync(agency, demo, target, Text, "bien-ban-tap-huan.pdf");
        Assert.Contains("Tệp «bien-ban-tap-huan.pdf»: nội dung không phải tệp pdf hợp lệ", refused);
        Assert.Equal(before, Updates());
        Assert.Empty(Directory.Exists(app.FilesPath) ? Directory.GetFileSystemEntries(app.FilesPath) : []);
        using (var scope = app.Services.CreateScope())
            Assert.Null(await app.Db(scope).Plans.Where(p => p.Id == plan).Select(p => p.FileKey).SingleAsync());

        // A real PDF goes through, and is served as a PDF whatever the browser called it.
        var stored = await RecordAsync(agency, demo, target, Pdf, "bien-ban-that.pdf");
        Assert.Contains("Đã ghi tiến độ của mục tiêu «Tập huấn tổ công nghệ số cộng đồng»", stored); // after the redirect (Post/Redirect/Get)
        Assert.Equal(before + 1, Updates());
        var update = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{demo}"))
            .GetProperty("targets")
            .EnumerateArray()
            .Single(t => t.GetProperty("id").GetInt32() == target)
            .GetProperty("updates")
            .EnumerateArray()
            .Single(u => u.GetProperty("fileName").GetString() == "bien-ban-that.pdf")
            .GetProperty("id")
            .GetInt32();
        var download = await agency.GetAsync($"/api/v1/plans/{demo}/updates/{update}/file");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Single(Directory.GetFiles(app.FilesPath));
    }

    private static async Task<string> RecordAsync(HttpClient client, int plan, int target, byte[] content, string fileName)
    {
        var page = await client.GetStringAsync($"/ke-hoach/{plan}");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]*)\"").Groups[1].Value;
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new("application/pdf");
        var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
            { new StringContent($"progress-{target}"), "_handler" },
            { new StringContent("2026-10-01"), "date" },
            { new StringContent("1"), "amount" },
            { new StringContent("Biên bản lớp tập huấn"), "evidence" },
            { file, "file", fileName },
        };
        var response = await client.PostAsync($"/ke-hoach/{plan}", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static FileStore Store(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton<IWebHostEnvironment>(new Environment())
            .AddFiles()
            .BuildServiceProvider()
            .GetRequiredService<FileStore>();

    private sealed class Environment : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = "";
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "Mtqg.Web.Tests";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public string EnvironmentName { get; set; } = "Testing";
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mtqg-store-{Guid.NewGuid():N}");

        public void Dispose()
        {
            if (Directory.Exists(Path))
                Directory.Delete(Path, recursive: true);
        }
    }
}
