using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;

namespace Mtqg.Web.Tests.Recognition;

public sealed class EvidenceTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% minh chứng\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, int id, HttpContent file, string name, string query = "") =>
        client.PostAsync($"/api/v1/dossiers/{id}/evidence{query}", new MultipartFormDataContent { { file, "file", name } });

    [Fact]
    public async Task Evidence_is_uploaded_listed_and_downloaded_byte_for_byte_per_indicator()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var xa = await app.ClientAsAsync("demo.xa");
        var id = (await OkAsync(await CreateAsync(xa), HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var created = await OkAsync(
            await UploadAsync(xa, id, new ByteArrayContent(Pdf), "Biên bản thu gom rác.pdf", "?indicator=8.1"),
            HttpStatusCode.Created
        );
        Assert.Equal(
            (8, "8.1", "Biên bản thu gom rác.pdf"),
            (
                created.GetProperty("criterion").GetInt32(),
                created.GetProperty("indicator").GetString(),
                created.GetProperty("fileName").GetString()
            )
        );

        var viewer = await app.ClientAsAsync("demo.xem");
        var list = await OkAsync(await viewer.GetAsync($"/api/v1/dossiers/{id}/evidence"));
        var file = Assert.Single(list.EnumerateArray());
        var download = await viewer.GetAsync($"/api/v1/dossiers/{id}/evidence/{file.GetProperty("id").GetInt32()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        using var scope = app.Services.CreateScope();
        Assert.Contains(await app.Db(scope).AuditEntries.Where(e => e.Entity == "EvidenceFile").ToListAsync(), e =>
            e.NewValue!.Contains("Biên bản thu gom rác.pdf")
        );
    }

    [Fact]
    public async Task A_file_of_a_type_not_allowed_or_whose_content_lies_about_its_type_is_refused_naming_the_file_and_nothing_is_stored()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var xa = await app.ClientAsAsync("demo.xa");
        var id = (await OkAsync(await CreateAsync(xa), HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var exe = await ProblemAssert.IsProblemAsync(
            await UploadAsync(xa, id, new ByteArrayContent([0x4D, 0x5A, 0, 0]), "caidat.exe"),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("«caidat.exe»", ProblemAssert.Errors(exe, "file")[0]);
        Assert.Contains("pdf, jpg, png, docx, xlsx", ProblemAssert.Errors(exe, "file")[0]);
        var fake = await ProblemAssert.IsProblemAsync(
            await UploadAsync(xa, id, new ByteArrayContent(Encoding.UTF8.GetBytes("không phải pdf")), "gia.pdf"),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("«gia.pdf»", ProblemAssert.Errors(fake, "file")[0]);
        var indicator = await ProblemAssert.IsProblemAsync(
            await UploadAsync(xa, id, new ByteArrayContent(Pdf), "a.pdf", "?indicator=99.9"),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ProblemAssert.Errors(indicator, "indicator"));

        await AssertNothingStoredAsync(app);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_while_streaming_and_nothing_is_stored()
    {
        await using var app = new MtqgApp(
            await TestDatabase.CreateAsync(demo: true),
            settings: new Dictionary<string, string> { ["Mtqg:Evidence:MaxMegabytes"] = "1" },
            demo: true
        );
        var xa = await app.ClientAsAsync("demo.xa");
        var id = (await OkAsync(await CreateAsync(xa), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var big = new byte[1024 * 1024 + 10];
        Pdf.CopyTo(big, 0);

        var problem = await ProblemAssert.IsProblemAsync(
            await UploadAsync(xa, id, new ByteArrayContent(big), "ban-do-quy-hoach.pdf"),
            HttpStatusCode.BadRequest
        );
        var message = ProblemAssert.Errors(problem, "file")[0];
        Assert.Contains("«ban-do-quy-hoach.pdf»", message);
        Assert.Contains("1 MB", message);
        await AssertNothingStoredAsync(app);
        await OkAsync(await UploadAsync(xa, id, new ByteArrayContent(big[..(1024 * 1024)]), "vua-du.pdf"), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Evidence_can_no_longer_be_added_once_the_dossier_is_submitted_and_only_by_its_commune()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        var xa = await app.ClientAsAsync("demo.xa");
        var problem = await ProblemAssert.IsProblemAsync(
            await UploadAsync(xa, id, new ByteArrayContent(Pdf), "muon.pdf"),
            HttpStatusCode.Conflict
        );
        Assert.Contains("«Đã nộp, đang thẩm định»", problem.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(
            await UploadAsync(await app.ClientAsAsync("demo.dieuphoi"), id, new ByteArrayContent(Pdf), "x.pdf"),
            HttpStatusCode.Forbidden
        );
        await AssertNothingStoredAsync(app);
    }

    [Fact]
    public async Task Evidence_uploaded_by_mistake_is_deleted_by_the_commune_before_submission_file_and_all_but_not_after()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        await MeetNtmAsync(app);
        var xa = await app.ClientAsAsync("demo.xa");
        var id = await ReadyDraftAsync(app, xa);
        var wrong = (
            await OkAsync(await UploadAsync(xa, id, new ByteArrayContent(Pdf), "nham-tep.pdf", "?criterion=2"), HttpStatusCode.Created)
        )
            .GetProperty("id")
            .GetInt32();
        var kept = (
            await OkAsync(await UploadAsync(xa, id, new ByteArrayContent(Pdf), "bien-ban.pdf", "?criterion=2"), HttpStatusCode.Created)
        )
            .GetProperty("id")
            .GetInt32();
        int StoredFiles() => Directory.GetFiles(app.FilesPath, "*", SearchOption.AllDirectories).Length;
        Assert.Equal(2, StoredFiles());

        await ProblemAssert.IsProblemAsync(
            await (await app.ClientAsAsync("demo.dieuphoi")).DeleteAsync($"/api/v1/dossiers/{id}/evidence/{wrong}"),
            HttpStatusCode.Forbidden
        );
        Assert.Equal(HttpStatusCode.NoContent, (await xa.DeleteAsync($"/api/v1/dossiers/{id}/evidence/{wrong}")).StatusCode);

        var left = Assert.Single((await OkAsync(await xa.GetAsync($"/api/v1/dossiers/{id}/evidence"))).EnumerateArray());
        Assert.Equal(kept, left.GetProperty("id").GetInt32());
        Assert.Equal(1, StoredFiles());
        await ProblemAssert.IsProblemAsync(await xa.GetAsync($"/api/v1/dossiers/{id}/evidence/{wrong}"), HttpStatusCode.NotFound);
        using (var scope = app.Services.CreateScope())
            Assert.Contains(await app.Db(scope).AuditEntries.Where(e => e.Entity == "EvidenceFile").ToListAsync(), e =>
                e.Action == Mtqg.Data.Audit.AuditEntry.Delete && e.OldValue!.Contains("nham-tep.pdf")
            );

        await OkAsync(await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null));
        var problem = await ProblemAssert.IsProblemAsync(
            await xa.DeleteAsync($"/api/v1/dossiers/{id}/evidence/{kept}"),
            HttpStatusCode.Conflict
        );
        Assert.Contains("«bien-ban.pdf»", problem.GetProperty("detail").GetString());
        Assert.Equal(1, StoredFiles());
    }

    [Fact]
    public async Task The_signed_pdf_of_a_decision_is_attached_by_the_coordination_office_and_read_by_anyone_and_nothing_else_is_accepted()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        int id;
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var decision = new global::Mtqg.Data.Recognition.DecisionRecord
            {
                ProvinceCode = "15",
                Kind = global::Mtqg.Data.Recognition.DecisionKind.Recognition,
                Number = "12/QĐ-UBND",
                Date = new DateOnly(2026, 12, 1),
                Signer = "Chủ tịch",
                LevelCode = "NTM",
                Year = 2026,
                RecordedByName = "test",
                RecordedAt = DateTime.UtcNow,
            };
            db.Add(decision);
            await db.SaveChangesAsync();
            id = decision.Id;
        }
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        Task<HttpResponseMessage> PutAsync(HttpClient client, byte[] content, string name) =>
            client.PutAsync(
                $"/api/v1/decisions/{id}/pdf",
                new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } }
            );

        var word = await ProblemAssert.IsProblemAsync(
            await PutAsync(coordinator, [0x50, 0x4B, 0x03, 0x04], "quyet-dinh.docx"),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("«quyet-dinh.docx»", ProblemAssert.Errors(word, "file")[0]);
        await ProblemAssert.IsProblemAsync(await PutAsync(await app.ClientAsAsync("demo.xa"), Pdf, "qd.pdf"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await app.CreateClient().GetAsync($"/api/v1/decisions/{id}/pdf"), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(coordinator, Pdf, "12-QD-UBND.pdf")).StatusCode);
        var download = await app.CreateClient().GetAsync($"/api/v1/decisions/{id}/pdf");
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("12-QD-UBND.pdf", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    private static async Task AssertNothingStoredAsync(MtqgApp app)
    {
        using var scope = app.Services.CreateScope();
        Assert.Equal(0, await app.Db(scope).EvidenceFiles.CountAsync());
        Assert.Empty(Directory.Exists(app.EvidencePath) ? Directory.GetFiles(app.EvidencePath) : []);
    }
}
