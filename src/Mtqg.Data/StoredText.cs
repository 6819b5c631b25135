using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Mtqg.Domain.Common;

namespace Mtqg.Data;

/// <summary>
/// How much text each column holds, read from the EF model (<c>HasMaxLength</c> in the configurations), never copied
/// (decision 0013). PostgreSQL refuses a longer text and SQLite keeps it, so the same rule must refuse it first on both:
/// services check their fields with <see cref="TooLong{TEntity}"/> (naming the field the user typed), and
/// <see cref="Refusals"/> is the last line, run on every SaveChanges. A property's Vietnamese name is its
/// <c>[Display(Name = …)]</c>.
/// </summary>
public static class StoredText
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The most characters the column of <paramref name="property"/> holds; null when it is not limited.</summary>
    public static int? MaxLength<TEntity>(this IModel model, Expression<Func<TEntity, string?>> property) =>
        Property(model, property).GetMaxLength();

    /// <summary>The most characters the column holds, for a page's <c>maxlength</c>; null when it is not limited.</summary>
    public static int? MaxLength<TEntity>(this DbContext db, Expression<Func<TEntity, string?>> property) => MaxLength(db.Model, property);

    /// <summary>
    /// The problem of <paramref name="field"/> when <paramref name="value"/> is longer than the column of
    /// <paramref name="property"/> holds ("Tên mục tiêu dài quá 500 ký tự."); null when it fits. The label is the
    /// property's Vietnamese name unless given (a row: "Kiến nghị dòng 2: nội dung").
    /// </summary>
    public static Problem? TooLong<TEntity>(
        this DbContext db,
        Expression<Func<TEntity, string?>> property,
        string? value,
        string field,
        string? label = null
    )
    {
        var column = Property(db.Model, property);
        return column.GetMaxLength() is { } max && value?.Length > max ? new Problem(field, Message(label ?? Label(column), max)) : null;
    }

    /// <summary>Text written by the system (a timeline line quoting the user) cut to what its column holds, ending with "…".</summary>
    public static string? Clip<TEntity>(this DbContext db, Expression<Func<TEntity, string?>> property, string? value) =>
        MaxLength(db.Model, property) is { } max && value?.Length > max ? value[..(max - 1)] + "…" : value;

    public static string Message(string label, int max) => $"{label} dài quá {max.ToString("N0", Vietnamese)} ký tự.";

    /// <summary>The Vietnamese name of a stored property (its <c>[Display(Name)]</c>), else "Entity.Property".</summary>
    public static string Label(IReadOnlyProperty property) =>
        property.PropertyInfo?.GetCustomAttribute<DisplayAttribute>()?.Name ?? $"{property.DeclaringType.ClrType.Name}.{property.Name}";

    /// <summary>Every string property of the model whose column is limited, with its limit.</summary>
    public static IEnumerable<(IProperty Property, int MaxLength)> Limited(this IModel model) =>
        from entity in model.GetEntityTypes()
        from property in entity.GetProperties()
        where property.ClrType == typeof(string) && property.GetMaxLength() is not null
        select (property, property.GetMaxLength()!.Value);

    /// <summary>
    /// The texts about to be written (added rows, changed properties of modified rows) that their column cannot hold, that
    /// hold a character never accepted (<see cref="InputText"/>: NUL, control, bidirectional override), or that are required
    /// and hold nothing visible — each as a problem named by the property (camelCase, as the API spells fields) with its
    /// Vietnamese message.
    /// </summary>
    public static IReadOnlyList<Problem> Refusals(ChangeTracker tracker)
    {
        var problems = new List<Problem>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
                continue;
            foreach (var value in entry.Properties)
            {
                if (value.Metadata.ClrType != typeof(string) || value.CurrentValue is not string text)
                    continue;
                if (entry.State == EntityState.Modified && !value.IsModified)
                    continue;
                if (value.Metadata.GetMaxLength() is { } max && text.Length > max)
                    problems.Add(new Problem(JsonName(value.Metadata.Name), Message(Label(value.Metadata), max)));
                else if (InputText.Check(JsonName(value.Metadata.Name), Label(value.Metadata), text) is { } refused)
                    problems.Add(refused);
                else if (!value.Metadata.IsNullable && text.Length > 0 && InputText.IsBlank(text))
                    problems.Add(new Problem(JsonName(value.Metadata.Name), $"{Label(value.Metadata)} không có ký tự nhìn thấy được."));
            }
        }
        return problems;
    }

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static IProperty Property<TEntity>(IModel model, Expression<Func<TEntity, string?>> property)
    {
        var name = property.Body is MemberExpression member
            ? member.Member.Name
            : throw new ArgumentException($"Expected a property of {typeof(TEntity).Name}, got {property}.", nameof(property));
        return model.FindEntityType(typeof(TEntity))?.FindProperty(name)
            ?? throw new ArgumentException($"{typeof(TEntity).Name}.{name} is not a stored property of the model.", nameof(property));
    }
}

/// <summary>A save refused because some text is longer than its column holds (decision 0013) or holds a refused character; nothing was written.</summary>
public sealed class StoredTextRefusedException(IReadOnlyList<Problem> problems)
    : Exception(string.Join(" ", problems.Select(p => p.Message)))
{
    public IReadOnlyList<Problem> Problems { get; } = problems;
}
