using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Mtqg.Domain.Common;

namespace Mtqg.Web.Api;

/// <summary>
/// The text, year and date rules (<see cref="InputText"/>, <see cref="InputRange"/>) applied to every JSON body the API reads,
/// while it is read: a string with a NUL, a control or a bidirectional character, a year outside 2000–2100 (a property
/// named <c>year</c>), a date outside 01/01/2000–31/12/2100, or a property sent twice, stops the reading with a
/// <see cref="InputRefusedException"/>; the error handler answers 400 naming the field (its JSON path).
/// </summary>
public static class InputJson
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.AllowDuplicateProperties = false; // "last one wins" would keep a value the sender may not have meant
        options.Converters.Add(new TextConverter());
        options.Converters.Add(new DateConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(CheckYears);
    }

    /// <summary>
    /// The checking converters above hide their types from the OpenAPI schema generator (a custom converter could write
    /// anything, so it describes them as <c>{}</c>, and an array of them without <c>items</c>): their JSON types are said here
    /// again — text, a date (yyyy-MM-dd), a year (integer), only where the type was lost — so the document stays typed for integrators and linters.
    /// </summary>
    public static Task DescribeCheckedTypes(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        var nullable = Nullable.GetUnderlyingType(type) is not null || (context.JsonPropertyInfo?.IsSetNullable ?? false);
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (schema.Type is null && Described(plain) is { } described)
        {
            schema.Type = nullable ? described.Type | JsonSchemaType.Null : described.Type;
            schema.Format ??= described.Format;
        }
        else if (
            schema.Items is null
            && schema.Type is { } kind
            && kind.HasFlag(JsonSchemaType.Array)
            && context.JsonTypeInfo.ElementType is { } element
            && Described(Nullable.GetUnderlyingType(element) ?? element) is { } item
        )
            schema.Items = new OpenApiSchema { Type = item.Type, Format = item.Format };
        return Task.CompletedTask;
    }

    private static (JsonSchemaType Type, string? Format)? Described(Type type) =>
        type == typeof(string) ? (JsonSchemaType.String, null)
        : type == typeof(DateOnly) ? (JsonSchemaType.String, "date")
        : type == typeof(int) ? (JsonSchemaType.Integer, "int32")
        : null;

    /// <summary>The field a JSON path names, as problems name fields: <c>$.recommendations[0].text</c> → <c>recommendations[0].text</c>.</summary>
    public static string Field(string? path) =>
        path is null or "$" ? "body"
        : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : path.TrimStart('$');

    private static void CheckYears(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
            return;
        foreach (var property in type.Properties)
            if (property.Name.Equals("year", StringComparison.OrdinalIgnoreCase) && property.PropertyType == typeof(int?))
                property.CustomConverter = new YearConverter();
            else if (property.Name.Equals("year", StringComparison.OrdinalIgnoreCase) && property.PropertyType == typeof(int))
                property.CustomConverter = new YearConverter().Plain;
    }

    private sealed class TextConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException());

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(reader.GetString())!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value);

        private static string? Checked(string? text) =>
            InputText.Refusal(text) is { } refusal ? throw new InputRefusedException(InputText.Message("Giá trị", refusal)) : text;
    }

    private sealed class DateConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (
                reader.TokenType != JsonTokenType.String
                || !DateOnly.TryParseExact(
                    reader.GetString(),
                    "yyyy-MM-dd",
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out var date
                )
            )
                throw new InputRefusedException("Ngày phải có dạng yyyy-MM-dd (ví dụ 2026-03-31).");
            return InputRange.IsDate(date) ? date : throw new InputRefusedException(InputRange.DateMessage("Ngày", date));
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private sealed class YearConverter : JsonConverter<int?>
    {
        public JsonConverter<int> Plain { get; } = new PlainYear();

        public override bool HandleNull => false;

        public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Year(ref reader);

        public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
        {
            if (value is { } year)
                writer.WriteNumberValue(year);
            else
                writer.WriteNullValue();
        }

        private static int Year(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var year))
                throw new InputRefusedException($"Năm phải là số nguyên từ {InputRange.FirstYear} đến {InputRange.LastYear}.");
            return year is >= InputRange.FirstYear and <= InputRange.LastYear
                ? (int)year
                : throw new InputRefusedException(InputRange.YearMessage("Năm", year));
        }

        private sealed class PlainYear : JsonConverter<int>
        {
            public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Year(ref reader);

            public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
        }
    }
}

/// <summary>A JSON value refused by a rule of input (its Vietnamese message); System.Text.Json adds the path of the field.</summary>
public sealed class InputRefusedException(string message) : JsonException(message);
