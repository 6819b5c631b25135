using System.Text.Json;
using System.Text.Json.Serialization;
using Mtqg.Domain.Criteria;

namespace Mtqg.Web.Features.CriteriaSets;

/// <summary>Reads a threshold value as a number or a boolean; anything else is kept so that validation can name it.</summary>
public sealed class ThresholdValueJsonConverter : JsonConverter<ThresholdValue>
{
    public override ThresholdValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDecimal(out var number):
                return ThresholdValue.Of(number);
            case JsonTokenType.True:
                return ThresholdValue.Of(true);
            case JsonTokenType.False:
                return ThresholdValue.Of(false);
            case JsonTokenType.String:
                return ThresholdValue.Bad(reader.GetString() ?? "");
            default:
                using (var doc = JsonDocument.ParseValue(ref reader))
                    return ThresholdValue.Bad(doc.RootElement.GetRawText());
        }
    }

    public override void Write(Utf8JsonWriter writer, ThresholdValue value, JsonSerializerOptions options)
    {
        if (value.Number is { } n)
            writer.WriteNumberValue(n);
        else if (value.Flag is { } f)
            writer.WriteBooleanValue(f);
        else
            writer.WriteNullValue();
    }
}
