using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Mtqg.Web.Api;

/// <summary>
/// The JSON of an answer that is served many times as the very same object (a cached summary): written
/// once and kept with the object, so it lives exactly as long as the object is the answer. A changed
/// answer is a new object, with JSON of its own.
/// </summary>
public static class CachedJson
{
    private static readonly ConditionalWeakTable<object, byte[]> Written = new();

    public static IResult Ok<T>(T value, HttpContext http)
        where T : class
    {
        var bytes = Written.GetValue(value, v =>
            JsonSerializer.SerializeToUtf8Bytes(
                v,
                typeof(T),
                http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions
            )
        );
        return TypedResults.Bytes(bytes, "application/json; charset=utf-8");
    }
}
