using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Recognition.Dossiers;

/// <summary>The dossier page's evidence (<c>/ho-so-de-nghi/{Id}</c>): the commune officer of the dossier's commune (and administrators).</summary>
public sealed class EvidenceUploadAttribute : UploadPageAttribute
{
    public override (long Max, string Setting) Limit(UploadGate gate) => (gate.StoredFileBytes, UploadGate.StoredFileSetting);

    public override async Task<string?> RefuseAsync(HttpContext context, AccessPolicy access)
    {
        var id = int.TryParse(Route(context, "Id"), out var n) ? n : 0;
        var commune = await context
            .RequestServices.GetRequiredService<AppDbContext>()
            .Dossiers.AsNoTracking()
            .Where(d => d.Id == id)
            .Select(d => d.CommuneCode)
            .FirstOrDefaultAsync(context.RequestAborted);
        return commune is not null && access.CanEditDossier(commune)
            ? null
            : $"Tài khoản không có quyền thêm minh chứng vào hồ sơ số {id}; tệp không được đọc, chưa có gì được ghi.";
    }
}
