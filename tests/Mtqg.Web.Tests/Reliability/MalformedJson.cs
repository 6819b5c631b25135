using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Mtqg.Web.Tests.Reliability;

/// <summary>
/// A generator of malformed JSON bodies (issue 18, item 9), each made from a valid body: truncated, a value of the wrong
/// type, deep nesting, a huge array, a key sent twice, NUL and control characters (escaped in a string or a key, or as a
/// raw byte), numbers no type holds, invalid UTF-8, or no JSON at all. A node is picked by index (modulo the node count
/// of the body it is applied to), so one generator serves every endpoint.
/// </summary>
public static class MalformedJson
{
    private const string Raw = "§§RAW§§";
    private const string DuplicateName = "§§DUP§§";

    private static readonly JsonSerializerOptions Writing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One or two mutations (the second applied to the text the first made, when that is still JSON).</summary>
    public static Gen<Mutation> Mutations => Gen.Frequency((5, One()), (1, One().Two().Select(p => Then(p.Item1, p.Item2))));

    private static Mutation Then(Mutation first, Mutation second) =>
        new($"{first.Kind} + {second.Kind}", $"{first.What}; {second.What}", b => second.Apply(first.Apply(b)));

    private static Gen<Mutation> One() =>
        Gen.OneOf(Truncated(), WrongType(), DeepNesting(), HugeArray(), DuplicateKey(), ControlCharacter(), RawBytes(), NotTheDocument());

    private static Gen<Mutation> Truncated() =>
        Gen.Choose(0, 99)
            .Select(percent => new Mutation("truncated", $"first {percent}% of the bytes", b => b[..(b.Length * percent / 100)]));

    private static readonly string[] OtherValues =
    [
        "\"chuỗi\"",
        "\"\"",
        "12345",
        "-1",
        "0",
        "true",
        "false",
        "null",
        "[]",
        "{}",
        "[1, \"a\", null]",
        "{\"x\": {\"y\": 1}}",
        "1e400",
        "-1e400",
        "123456789012345678901234567890123",
        "1.00000000000000000000000000000001",
        "-0.0",
        "\"NaN\"",
        "\"-Infinity\"",
        "\"2026-01-15\"",
        "\"99999-01-01\"",
        "\"0001-01-01\"",
        "2147483648",
        "-2147483649",
        "NaN",
        "Infinity",
        "'single'",
        "undefined",
    ];

    private static Gen<Mutation> WrongType() =>
        Gen.Choose(0, 100_000)
            .Zip(Gen.Elements(OtherValues))
            .Select(p => new Mutation("wrong type", $"node #{p.Item1} (mod count) becomes {p.Item2}", b =>
                Replace(b, p.Item1, _ => p.Item2)
            ));

    private static Gen<Mutation> DeepNesting() =>
        Gen.Choose(0, 100_000)
            .Zip(Gen.Elements(65, 200, 1_000, 20_000))
            .Zip(Gen.Elements('[', '{'))
            .Select(p =>
            {
                var ((at, depth), bracket) = p;
                return new Mutation("deep nesting", $"node #{at} (mod count) wrapped in {depth} levels of {bracket}", b =>
                    Replace(b, at, node =>
                        bracket == '['
                            ? new string('[', depth) + Text(node) + new string(']', depth)
                            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + Text(node) + new string('}', depth)
                    )
                );
            });

    private static Gen<Mutation> HugeArray() =>
        Gen.Choose(0, 100_000)
            .Zip(Gen.Elements(1_000, 50_000, 300_000))
            .Zip(Gen.Elements("0", "\"x\"", "{}", "copy"))
            .Select(p =>
            {
                var ((at, count), item) = p;
                return new Mutation("huge array", $"node #{at} (mod count) becomes an array of {count} × {item}", b =>
                    Replace(b, at, node => "[" + string.Join(",", Enumerable.Repeat(item == "copy" ? Text(node) : item, count)) + "]")
                );
            });

    private static Gen<Mutation> DuplicateKey() =>
        Gen.Choose(0, 100_000)
            .Zip(Gen.Elements(true, false))
            .Select(p => new Mutation(
                "duplicate key",
                $"the first key of object #{p.Item1} (mod count) sent twice{(p.Item2 ? " with the same value" : " with null")}",
                b => Edit(b, root =>
                    {
                        var objects = Nodes(root).OfType<JsonObject>().Where(o => o.Count > 0).ToList();
                        if (objects.Count == 0)
                            return Write(root);
                        var target = objects[p.Item1 % objects.Count];
                        var (name, value) = target.First();
                        target[DuplicateName] = Raw;
                        return Write(root)
                            .Replace(
                                $"\"{DuplicateName}\":\"{Raw}\"",
                                $"{JsonSerializer.Serialize(name, Writing)}:{(p.Item2 ? Text(value) : "null")}",
                                StringComparison.Ordinal
                            );
                    })
            ));

    private static readonly string[] Controls =
    [
        "\\u0000",
        "\\u0001",
        "\\u001f",
        "\\u007f",
        "\\u202e",
        "\\u2066",
        "\\u200b\\u200b",
        "\\ud800",
    ];

    /// <summary>A control, bidirectional or invisible character written as a JSON escape into a string value or a key (a key when the body has no string).</summary>
    private static Gen<Mutation> ControlCharacter() =>
        Gen.Choose(0, 100_000)
            .Zip(Gen.Elements(Controls))
            .Zip(Gen.Elements("value", "key", "alone"))
            .Select(p =>
            {
                var ((at, escape), where) = p;
                return new Mutation("control character", $"{escape} in {where} of string #{at} (mod count)", b => Edit(b, root =>
                    {
                        var strings = Nodes(root).OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).ToList();
                        if (where == "key" || strings.Count == 0)
                        {
                            var objects = Nodes(root).OfType<JsonObject>().Where(o => o.Count > 0).ToList();
                            if (objects.Count == 0)
                                return Write(root);
                            var target = objects[at % objects.Count];
                            var (name, value) = target.First();
                            target.Remove(name);
                            target[DuplicateName] = value?.DeepClone();
                            return Write(root).Replace($"\"{DuplicateName}\"", $"\"{Escape(name)}{escape}\"", StringComparison.Ordinal);
                        }
                        var chosen = strings[at % strings.Count];
                        var text = chosen.GetValue<string>();
                        ReplaceNode(chosen, JsonValue.Create(Raw));
                        var replacement =
                            where == "alone" ? escape : Escape(text[..(text.Length / 2)]) + escape + Escape(text[(text.Length / 2)..]);
                        return Write(root).Replace($"\"{Raw}\"", $"\"{replacement}\"", StringComparison.Ordinal);
                    }));
            });

    /// <summary>Bytes JSON does not allow: a raw NUL or control byte, invalid UTF-8, a lone continuation byte; or a BOM in front.</summary>
    private static Gen<Mutation> RawBytes() =>
        Gen.Choose(0, 100_000)
            .Zip(Gen.Elements(new byte[] { 0 }, [1], [0x1B], [0xC3, 0x28], [0x80], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF]))
            .Select(p => new Mutation("raw bytes", $"{Convert.ToHexString(p.Item2)} inserted at byte #{p.Item1} (mod length)", b =>
            {
                var at = b.Length == 0 ? 0 : p.Item1 % (b.Length + 1);
                return [.. b[..at], .. p.Item2, .. b[at..]];
            }));

    private static readonly string[] NotDocuments =
    [
        "",
        " ",
        "null",
        "[]",
        "{}",
        "\"text\"",
        "42",
        "<xml/>",
        "{\"values\": null}",
        "{\"values\": {}}",
        "{\"values\": []}",
        "{\"values\": \"1.2=50\"}",
        "{{}}",
        "{\"a\":1}}",
        "/* comment */ {}",
        "{\"a\":1,}",
    ];

    private static Gen<Mutation> NotTheDocument() =>
        Gen.OneOf(
            Gen.Elements(NotDocuments)
                .Select(text => new Mutation("not the document", $"body '{text}'", _ => Encoding.UTF8.GetBytes(text))),
            Gen.Elements("{}[]\":,0123456789.eE+-truefalsnl \\u".ToCharArray())
                .ArrayOf()
                .Resize(300)
                .Select(chars => new string(chars))
                .Select(text => new Mutation("not the document", $"{text.Length} random JSON-ish characters", _ =>
                    Encoding.UTF8.GetBytes(text)
                ))
        );

    /// <summary>The body with node #<paramref name="at"/> (mod count, in document order) replaced by raw JSON text; a body that is no longer JSON is left as it is.</summary>
    private static byte[] Replace(byte[] body, int at, Func<JsonNode?, string> raw) => Edit(body, root =>
        {
            var nodes = Nodes(root).ToList();
            var chosen = nodes[at % nodes.Count];
            var replacement = raw(chosen);
            if (chosen == root)
                return replacement;
            ReplaceNode(chosen!, JsonValue.Create(Raw));
            return Write(root).Replace($"\"{Raw}\"", replacement, StringComparison.Ordinal);
        });

    private static byte[] Edit(byte[] body, Func<JsonNode, string> edit)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = true });
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return body;
        }
        if (root is null)
            return body;
        try
        {
            return Encoding.UTF8.GetBytes(edit(root));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // What an earlier mutation left (a lone surrogate, a key twice) cannot be edited as a tree: sent as it is.
            return body;
        }
    }

    private static void ReplaceNode(JsonNode node, JsonNode replacement)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o[node.GetPropertyName()] = replacement;
                break;
            case JsonArray a:
                a[node.GetElementIndex()] = replacement;
                break;
        }
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode root)
    {
        yield return root;
        var children = root switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().ToList())
        foreach (var node in Nodes(child))
            yield return node;
    }

    private static string Text(JsonNode? node) => node?.ToJsonString(Writing) ?? "null";

    private static string Write(JsonNode root) => root.ToJsonString(Writing);

    private static string Escape(string text) => JsonSerializer.Serialize(text, Writing)[1..^1];
}
