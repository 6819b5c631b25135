using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Recognition.Titles;

/// <summary>The workbook form of the titles page (<c>/danh-hieu/ghi-nhan</c>): a coordination office or an administrator, asked before the file is read.</summary>
public sealed class TitlesUploadAttribute : UploadPageAttribute
{
    public override (long Max, string Setting) Limit(UploadGate gate) => (gate.WorkbookBytes, UploadGate.WorkbookSetting);

    public override Task<string?> RefuseAsync(HttpContext context, AccessPolicy access) =>
        Task.FromResult(
            access.User.IsAdmin || access.User.Is(Roles.Coordinator)
                ? null
                : "Chỉ Văn phòng Điều phối hoặc quản trị nạp được danh hiệu; tệp không được đọc, chưa có gì được ghi."
        );
}
