using System.Globalization;
using System.Text.Json;
using Mtqg.Domain.Common;

namespace Mtqg.Web.Features.Map;

/// <summary>A commune's boundary as read from the file: the feature's index (from 0), the code, its polygons as rings of lon/lat.</summary>
public sealed record BoundaryFeature(int Index, string Code, IReadOnlyList<IReadOnlyList<(double Lon, double Lat)[]>> Polygons);

/// <summary>What a boundaries file came to: its features, or every problem found (nothing is written then).</summary>
public sealed record BoundaryRead(IReadOnlyList<BoundaryFeature> Features, IReadOnlyList<Problem> Problems);

/// <summary>
/// Reads a province's commune boundaries, a GeoJSON FeatureCollection of Polygon and MultiPolygon features in WGS 84
/// longitude/latitude (RFC 7946), in one forward pass of <see cref="Utf8JsonReader"/> over the bytes the upload gate bounded:
/// no document tree, only the positions kept. Each feature names its commune in the property <c>ma_xa</c>, <c>code</c> or
/// <c>ma</c> (the first present). A structural fault (not JSON, not a FeatureCollection, a bound passed) stops the read; a
/// feature's fault is named with its index and code and the read goes on, so one answer lists them all (up to
/// <see cref="MaxProblems"/>).
/// </summary>
public static class CommuneBoundaryFile
{
    public static readonly IReadOnlyList<string> CodeProperties = ["ma_xa", "code", "ma"];

    /// <summary>Vietnam with Hoàng Sa and Trường Sa (the 34 provinces' file spans 102.1–117.8° E, 7.2–23.4° N) and a margin.</summary>
    public const double West = 100,
        East = 120,
        South = 5,
        North = 25;

    public const int MaxProblems = 50;

    /// <summary>Nesting a GeoJSON of polygons needs: collection, features, feature, geometry, coordinates of a MultiPolygon (4).</summary>
    private const int MaxDepth = 16;

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static BoundaryRead Read(byte[] bytes, int maxFeatures, int maxPositions, CancellationToken ct)
    {
        var json = bytes.AsSpan();
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            json = json[3..]; // the UTF-8 byte order mark some Windows tools write
        var state = new State(maxPositions, ct);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return Fatal("Tệp không phải một đối tượng GeoJSON: cần {\"type\": \"FeatureCollection\", \"features\": [...]}.");
            string? type = null;
            var sawFeatures = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "type")
                    type = reader.TokenType == JsonTokenType.String ? reader.GetString() : "";
                else if (name == "features" && reader.TokenType == JsonTokenType.StartArray)
                {
                    sawFeatures = true;
                    var index = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (++state.Features > maxFeatures)
                            return Fatal(
                                $"Tệp có hơn {maxFeatures.ToString("N0", Vi)} đối tượng (feature); tối đa cho phép là {maxFeatures.ToString("N0", Vi)} (Mtqg:Uploads:MaxBoundaryFeatures)."
                            );
                        ct.ThrowIfCancellationRequested();
                        Feature(ref reader, json, index++, state);
                        if (state.Stop is { } stop)
                            return Fatal(stop);
                        if (state.Problems.Count >= MaxProblems)
                            return Finish(state); // the rest of the file is not read
                    }
                }
                else
                    reader.Skip();
            }
            while (reader.Read()) { } // anything after the object is refused by the reader itself
            if (type != "FeatureCollection")
                return Fatal(
                    $"Tệp GeoJSON phải là một FeatureCollection (\"type\": \"FeatureCollection\"); tệp này có \"type\": \"{type ?? "(không có)"}\"."
                );
            if (!sawFeatures)
                return Fatal("FeatureCollection không có mảng \"features\".");
        }
        catch (InvalidOperationException)
        {
            // A string that is not UTF-8 (GetString cannot transcode it): the reader only checks the structure.
            return Fatal("Tệp có ký tự không phải UTF-8. Hãy xuất lại tệp dạng GeoJSON, mã hóa UTF-8.");
        }
        catch (JsonException e)
        {
            return Fatal(
                reader.CurrentDepth >= MaxDepth - 1
                    ? $"Tệp JSON lồng quá {MaxDepth} tầng (dòng {e.LineNumber + 1}); GeoJSON của đa giác chỉ cần 6 tầng."
                    : $"Tệp không phải JSON hợp lệ (lỗi ở dòng {e.LineNumber + 1}, ký tự {e.BytePositionInLine + 1}). Hãy xuất lại tệp dạng GeoJSON (UTF-8)."
            );
        }
        return Finish(state);
    }

    private static BoundaryRead Finish(State state)
    {
        if (state.Problems.Count >= MaxProblems)
            state.Problems.Add(new("features", $"Dừng kiểm tra sau {MaxProblems} lỗi; hãy sửa các lỗi trên rồi tải lên lại."));
        return new(state.Problems.Count > 0 ? [] : state.Read, state.Problems);
    }

    private static BoundaryRead Fatal(string message) => new([], [new Problem("file", message)]);

    private sealed class State(int maxPositions, CancellationToken ct)
    {
        public int Features;
        public long Positions;
        public readonly int MaxPositions = maxPositions;
        public readonly CancellationToken Token = ct;
        public readonly List<Problem> Problems = [];
        public readonly List<BoundaryFeature> Read = [];
        public readonly Dictionary<string, int> FirstIndex = new(StringComparer.Ordinal);

        /// <summary>Set when the read must stop (a bound passed, too many problems): the message.</summary>
        public string? Stop;

        public void Problem(int index, string? code, string message) =>
            Problems.Add(new($"features[{index}]", $"{Name(index, code)}: {message}"));
    }

    /// <summary>A code as a message quotes it: never more than a few characters of whatever the file held.</summary>
    private static string Clip(string code) =>
        new string([.. code.Take(12).Select(c => char.IsControl(c) ? '?' : c)]) + (code.Length > 12 ? "…" : "");

    public static string Name(int index, string? code) =>
        code is null ? $"Đối tượng thứ {index + 1}" : $"Đối tượng thứ {index + 1} (mã {Clip(code)})";

    private static void Feature(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int index, State state)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            state.Problem(index, null, "không phải một đối tượng Feature.");
            return;
        }
        string? type = null,
            code = null,
            geometryType = null;
        var geometry = false;
        (int Start, int Length)? coordinates = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "type":
                    type = reader.TokenType == JsonTokenType.String ? reader.GetString() : "";
                    break;
                case "properties" when reader.TokenType == JsonTokenType.StartObject:
                    code = Code(ref reader);
                    break;
                case "geometry" when reader.TokenType == JsonTokenType.StartObject:
                    geometry = true;
                    (geometryType, coordinates) = Geometry(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (type != "Feature")
            state.Problem(index, code, $"\"type\" phải là \"Feature\" (đang là \"{type ?? "(không có)"}\").");
        else if (code is null)
            state.Problem(
                index,
                null,
                $"không có mã xã: ghi mã xã (5 chữ số, như 02989) trong thuộc tính {string.Join(", ", CodeProperties.Select(p => $"\"{p}\""))} của properties."
            );
        else if (code.Length != 5 || !code.All(char.IsAsciiDigit))
            state.Problem(index, code, "mã xã phải là 5 chữ số (như 02989).");
        else if (!geometry)
            state.Problem(index, code, "không có geometry.");
        else if (geometryType is not ("Polygon" or "MultiPolygon"))
            state.Problem(
                index,
                code,
                $"hình học \"{geometryType ?? "(không có)"}\" không được nhận; ranh giới xã phải là Polygon hoặc MultiPolygon."
            );
        else if (coordinates is not { } slice)
            state.Problem(index, code, "geometry không có mảng \"coordinates\".");
        else if (state.FirstIndex.TryGetValue(code, out var first))
            state.Problem(
                index,
                code,
                $"mã {code} đã có ở đối tượng thứ {first + 1}; mỗi xã một đối tượng (gộp các phần thành MultiPolygon)."
            );
        else
        {
            var inner = new Utf8JsonReader(json.Slice(slice.Start, slice.Length), new JsonReaderOptions { MaxDepth = MaxDepth });
            inner.Read();
            var polygons = new List<IReadOnlyList<(double, double)[]>>();
            var problem =
                geometryType == "Polygon" ? Polygon(ref inner, 0, polygons, state, false) : MultiPolygon(ref inner, polygons, state);
            if (problem is not null)
            {
                if (state.Stop is null)
                    state.Problem(index, code, problem);
                return;
            }
            state.FirstIndex[code] = index;
            state.Read.Add(new BoundaryFeature(index, code, polygons));
        }
    }

    /// <summary>The commune's code from the feature's properties: the first of <see cref="CodeProperties"/> present, a string or a whole number (written with its leading zeros).</summary>
    private static string? Code(ref Utf8JsonReader reader)
    {
        var found = new Dictionary<string, string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!CodeProperties.Contains(name))
                reader.Skip();
            else if (reader.TokenType == JsonTokenType.String && reader.GetString()!.Trim() is { Length: > 0 } text)
                found[name] = text;
            else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number) && number >= 0)
                found[name] = number.ToString("D5", CultureInfo.InvariantCulture);
            else
                reader.Skip();
        }
        foreach (var name in CodeProperties)
            if (found.TryGetValue(name, out var code))
                return code;
        return null;
    }

    /// <summary>The geometry's type and where its "coordinates" array lies in the bytes (read once the type is known, whatever the order of the two).</summary>
    private static (string? Type, (int, int)? Coordinates) Geometry(ref Utf8JsonReader reader)
    {
        string? type = null;
        (int, int)? coordinates = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "type")
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : "";
            else if (name == "coordinates" && reader.TokenType == JsonTokenType.StartArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                coordinates = (start, (int)reader.BytesConsumed - start);
            }
            else
                reader.Skip();
        }
        return (type, coordinates);
    }

    private static string? MultiPolygon(ref Utf8JsonReader reader, List<IReadOnlyList<(double, double)[]>> polygons, State state)
    {
        var number = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
                return $"đa giác thứ {number + 1} của MultiPolygon không phải một mảng các vòng.";
            if (Polygon(ref reader, number++, polygons, state, true) is { } problem)
                return problem;
        }
        return number == 0 ? "MultiPolygon không có đa giác nào." : null;
    }

    /// <summary>One polygon: its rings (the first is the outline, the others holes), each of at least 4 positions, closed.</summary>
    private static string? Polygon(
        ref Utf8JsonReader reader,
        int number,
        List<IReadOnlyList<(double, double)[]>> polygons,
        State state,
        bool multi
    )
    {
        var rings = new List<(double, double)[]>();
        var where = multi ? $" của đa giác thứ {number + 1}" : "";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var ringNumber = rings.Count + 1;
            if (reader.TokenType != JsonTokenType.StartArray)
                return $"vòng thứ {ringNumber}{where} không phải một mảng tọa độ.";
            var ring = new List<(double, double)>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (++state.Positions > state.MaxPositions)
                {
                    state.Stop =
                        $"Tệp có hơn {state.MaxPositions.ToString("N0", Vi)} điểm tọa độ; tối đa cho phép là {state.MaxPositions.ToString("N0", Vi)} (Mtqg:Uploads:MaxBoundaryPositions). Hãy giản lược ranh giới (ví dụ Simplify trong QGIS, dung sai 10 m) rồi tải lên lại.";
                    return state.Stop;
                }
                if (state.Positions % 65_536 == 0)
                    state.Token.ThrowIfCancellationRequested();
                if (Position(ref reader) is not { } position)
                    return $"vòng thứ {ringNumber}{where}, điểm thứ {ring.Count + 1}: tọa độ phải là [kinh độ, vĩ độ] bằng số.";
                var (lon, lat) = position;
                if (!double.IsFinite(lon) || !double.IsFinite(lat))
                    return $"vòng thứ {ringNumber}{where}, điểm thứ {ring.Count + 1}: tọa độ không phải số hữu hạn.";
                if (lon is < West or > East || lat is < South or > North)
                    return $"vòng thứ {ringNumber}{where}, điểm thứ {ring.Count + 1} [{Number(lon)}, {Number(lat)}] nằm ngoài Việt Nam (kinh độ {West:0}–{East:0}, vĩ độ {South:0}–{North:0}): tọa độ phải là kinh độ, vĩ độ WGS 84 (EPSG:4326), không phải VN-2000 hay mét.";
                ring.Add(position);
            }
            if (ring.Count < 4)
                return $"vòng thứ {ringNumber}{where} có {ring.Count} điểm; một vòng cần ít nhất 4 điểm, điểm cuối trùng điểm đầu.";
            if (ring[0] != ring[^1])
                return $"vòng thứ {ringNumber}{where} chưa khép kín: điểm cuối phải trùng điểm đầu.";
            rings.Add([.. ring]);
        }
        if (rings.Count == 0)
            return $"đa giác{(multi ? $" thứ {number + 1}" : "")} không có vòng nào.";
        polygons.Add(rings);
        return null;
    }

    /// <summary>[lon, lat] or [lon, lat, altitude]: null when a member is not a number or fewer than two are given.</summary>
    private static (double, double)? Position(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }
        double lon = 0,
            lat = 0;
        var count = 0;
        var numbers = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value))
            {
                numbers = false;
                reader.Skip();
                continue;
            }
            if (count == 0)
                lon = value;
            else if (count == 1)
                lat = value;
            count++;
        }
        return numbers && count >= 2 ? (lon, lat) : null;
    }

    private static string Number(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
