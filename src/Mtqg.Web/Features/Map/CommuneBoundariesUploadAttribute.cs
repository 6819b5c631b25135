using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Map;

/// <summary>The commune boundaries form of the province's dashboard (<c>/tinh/{Code}/tong-hop</c>): its coordination office, asked before the file is read.</summary>
public sealed class CommuneBoundariesUploadAttribute : UploadPageAttribute
{
    public override (long Max, string Setting) Limit(UploadGate gate) => (gate.BoundariesBytes, UploadGate.BoundariesSetting);

    public override Task<string?> RefuseAsync(HttpContext context, AccessPolicy access)
    {
        var province = Route(context, "Code");
        return Task.FromResult(
            access.CanManageProvince(province)
                ? null
                : $"{CommuneBoundaryService.ForbiddenMessage(province)} Tệp không được đọc, chưa có gì được ghi."
        );
    }
}
