using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Domain.Common;

namespace Mtqg.Web.Data;

/// <summary>
/// Two people correcting the same record (DESIGN §8, decision 0016): the row's <c>UpdatedAt</c>, a concurrency token, is its
/// version. Readers get it as <c>version</c> (and the API's ETag, <see cref="Api.IfMatch"/>); a form sends it back in a hidden
/// field, an API client in If-Match. A save made from an older version is refused naming who saved in between and when — never
/// a silent overwrite; two saves racing from the same version are told apart by the database (the token), and the second gets
/// the same refusal. No version sent: the save goes ahead (API clients that do not read first).
/// </summary>
public static class EditVersion
{
    public static string Of(DateTime updatedAt) => updatedAt.Ticks.ToString(CultureInfo.InvariantCulture);

    public static bool IsStale(string? sent, DateTime current) => sent is { Length: > 0 } && sent != Of(current);

    /// <summary>The refusal: <paramref name="what"/> ("Phân công Sở Tài chính") was saved by someone else since it was read.</summary>
    public static Outcome Changed(string what, DateTime updatedAt, string? by) =>
        Outcome.Changed(
            $"{what} vừa được {by ?? "người khác"} lưu lúc {VietnamTime.ToLocal(updatedAt).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture)}; "
                + "thay đổi của bạn chưa được lưu. Xem bản mới dưới đây rồi sửa lại nếu cần."
        );

    /// <summary>
    /// Saves the change to <paramref name="row"/> (which has <c>UpdatedAt</c>, its token, and <c>UpdatedBy</c>); when another
    /// save of it got in between, the refusal names that save, or says the row is gone.
    /// </summary>
    public static async Task<Outcome> SaveAsync(DbContext db, object row, string what, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            var now = await db.Entry(row).GetDatabaseValuesAsync(ct);
            return now is null
                ? Outcome.NotFound($"{what} vừa bị người khác xóa.")
                : Changed(what, now.GetValue<DateTime>("UpdatedAt"), now.GetValue<string?>("UpdatedBy"));
        }
    }
}
