using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Mtqg.Web.Tests.Map;

/// <summary>Small GeoJSON files written by hand for the commune boundaries tests (squares in WGS 84 longitude/latitude).</summary>
internal static class BoundaryFiles
{
    // Real units of Lào Cai (15) today: two communes and a ward (not evaluated); a commune of Hà Nội (01); a commune of Lào Cai
    // dissolved by the 2025 reform.
    public const string BaoHa = "02989",
        HopThanh = "02680",
        LaoCai = "02647",
        SocSon = "00376",
        Dissolved = "04249";

    public static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A closed square ring with its south-west corner at (lon, lat).</summary>
    public static string Ring(double lon, double lat, double size = 0.05) =>
        $"[[{N(lon)},{N(lat)}],[{N(lon + size)},{N(lat)}],[{N(lon + size)},{N(lat + size)}],[{N(lon)},{N(lat + size)}],[{N(lon)},{N(lat)}]]";

    public static string Feature(string? code, string geometry, string property = "ma_xa") =>
        $$"""{"type":"Feature","properties":{{(code is null ? "{\"ten\":\"Xã không mã\"}" : $"{{\"{property}\":\"{code}\"}}")}},"geometry":{{geometry}}}""";

    public static string Square(string code, double lon, double lat, string property = "ma_xa") =>
        Feature(code, $$"""{"type":"Polygon","coordinates":[{{Ring(lon, lat)}}]}""", property);

    public static string Collection(params string[] features) =>
        $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""";

    /// <summary>Two communes and a ward of Lào Cai, each named by another of the accepted properties; Phường Lào Cai in two parts, one with a hole.</summary>
    public static string ThreeCommunes() =>
        Collection(
            Square(BaoHa, 104.40, 22.15),
            Feature(
                LaoCai,
                $$"""{"coordinates":[[{{Ring(103.95, 22.40, 0.1)}},{{Ring(103.98, 22.43, 0.02)}}],[{{Ring(104.10, 22.40)}}]],"type":"MultiPolygon"}""",
                "code"
            ),
            Square(HopThanh, 103.98, 22.30, "ma")
        );

    public static MultipartFormDataContent Form(string geoJson, string fileName = "ranh-gioi-xa.geojson") =>
        Form(Encoding.UTF8.GetBytes(geoJson), fileName);

    public static MultipartFormDataContent Form(byte[] bytes, string fileName = "ranh-gioi-xa.geojson")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        return new MultipartFormDataContent { { content, "file", fileName } };
    }
}
