using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Money;
using Mtqg.Domain.Common;
using Mtqg.Web.Features.Access;

namespace Mtqg.Web.Features.Money;

/// <summary>A component as the API gives it: name null while not checked against the text (partial: what was read of it).</summary>
public sealed record ComponentView(string Code, string? Name, string? Partial, string? Document)
{
    public const string Unchecked = "chưa đối chiếu văn bản";

    /// <summary>The name, or that it is not checked yet (with what was read of it).</summary>
    public string Shown => Name ?? (Partial is null ? $"({Unchecked})" : $"{Partial} ({Unchecked})");
}

public sealed record ProgrammeView(
    string Code,
    string Name,
    string? Document,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    IReadOnlyList<ComponentView> Components
);

/// <summary>PUT …/components/{component}: the name as read in <c>document</c>, the text it was checked against.</summary>
public sealed record ComponentInput(string? Name, string? Document);

/// <summary>The programme catalogue (DESIGN §11): read by anyone, completed by administrators.</summary>
public sealed class ProgrammeService(AppDbContext db, AccessPolicy access)
{
    /// <summary>The programmes in force in <paramref name="year"/> (all when null), by start and code.</summary>
    public async Task<List<ProgrammeView>> ListAsync(int? year, CancellationToken ct)
    {
        var query = db.Programmes.AsNoTracking();
        if (year is { } y)
        {
            var (first, last) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            query = query.Where(p => p.ValidFrom <= last && p.ValidTo >= first);
        }
        var programmes = await query.Include(p => p.Components).ToListAsync(ct);
        return programmes
            .OrderBy(p => p.ValidFrom)
            .ThenBy(p => p.Code.StartsWith("chuyen-de-", StringComparison.Ordinal))
            .ThenBy(p => p.Id)
            .Select(p => new ProgrammeView(
                p.Code,
                p.Name,
                p.Document,
                p.ValidFrom,
                p.ValidTo,
                p.Components.OrderBy(c => c.Code.Length)
                    .ThenBy(c => c.Code, StringComparer.Ordinal)
                    .Select(c => new ComponentView(c.Code, c.Name, c.Partial, c.Document))
                    .ToList()
            ))
            .ToList();
    }

    public bool MayComplete => access.User.IsAdmin;

    /// <summary>
    /// Names a component (or adds one the catalogue lacks) as read in <see cref="ComponentInput.Document"/>:
    /// administrators only; the audit trail records the change.
    /// </summary>
    public async Task<Outcome> CompleteAsync(string code, string component, ComponentInput input, CancellationToken ct)
    {
        if (!MayComplete)
            return Outcome.Forbidden("Chỉ quản trị hệ thống hoàn thiện danh mục chương trình.");
        var programme = await db.Programmes.Include(p => p.Components).FirstOrDefaultAsync(p => p.Code == code, ct);
        if (programme is null)
            return Outcome.NotFound($"Không có chương trình mã \"{code}\".");
        var problems = new List<Problem>();
        var key = component.Trim();
        if (key.Length == 0 || key.Length > 20 || key.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '.' && c != '-'))
            problems.Add(
                new(
                    "component",
                    $"Mã nội dung thành phần \"{component}\" chỉ gồm chữ, số, dấu chấm, dấu gạch, tối đa 20 ký tự (ví dụ 3 hoặc 1.2)."
                )
            );
        var name = InputText.IsBlank(input.Name) ? null : input.Name.Trim();
        if (name is null)
            problems.Add(new("name", "Thiếu tên nội dung thành phần (như trong văn bản phê duyệt)."));
        else if (InputText.Check("name", "Tên", name, multiLine: false) is { } badName)
            problems.Add(badName);
        else if (db.TooLong((ProgrammeComponent c) => c.Name, name, "name") is { } tooLong)
            problems.Add(tooLong);
        var document = InputText.IsBlank(input.Document) ? null : input.Document.Trim();
        if (document is not null && InputText.Check("document", "Văn bản", document, multiLine: false) is { } badDocument)
            problems.Add(badDocument);
        else if (document is not null && db.TooLong((ProgrammeComponent c) => c.Document, document, "document") is { } tooLongDoc)
            problems.Add(tooLongDoc);
        if (problems.Count > 0)
            return Outcome.Invalid("Nội dung thành phần chưa hợp lệ; chưa có gì được ghi.", problems);
        var existing = programme.Components.FirstOrDefault(c => c.Code == key);
        if (existing is null)
            programme.Components.Add(
                new ProgrammeComponent
                {
                    Code = key,
                    Name = name,
                    Document = document,
                }
            );
        else
        {
            existing.Name = name;
            existing.Document = document;
            existing.Partial = null;
        }
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>The catalogue as the capital plan checks it: programme code → (valid years, component codes).</summary>
    public async Task<Dictionary<string, (Programme Programme, HashSet<string> Components)>> CatalogueAsync(CancellationToken ct) =>
        (await db.Programmes.AsNoTracking().Include(p => p.Components).ToListAsync(ct)).ToDictionary(
            p => p.Code,
            p => (p, p.Components.Select(c => c.Code).ToHashSet(StringComparer.Ordinal)),
            StringComparer.Ordinal
        );
}
