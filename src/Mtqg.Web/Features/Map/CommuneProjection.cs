using System.Text;

namespace Mtqg.Web.Features.Map;

/// <summary>
/// A province's communes drawn the way <see cref="ProvinceShapes"/> draws the country — equirectangular, longitude scaled by
/// cos of the middle latitude, Douglas–Peucker in SVG units — but fitted to the extent of the uploaded communes, so the
/// province fills the 600-unit-wide drawing. Holes stay holes (the page fills with the even-odd rule).
/// </summary>
public static class CommuneProjection
{
    public static (Dictionary<string, string> Paths, double Height) Draw(IReadOnlyList<BoundaryFeature> features)
    {
        var (west, south, east, north) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
        foreach (var feature in features)
        foreach (var polygon in feature.Polygons)
        foreach (var ring in polygon)
        foreach (var (lon, lat) in ring)
            (west, south, east, north) = (Math.Min(west, lon), Math.Min(south, lat), Math.Max(east, lon), Math.Max(north, lat));
        var cos = Math.Cos((south + north) / 2 * Math.PI / 180);
        // A degenerate extent (every point on one line) still gets a scale: it draws as a line, not a division by zero.
        var scale = ProvinceShapes.Width / Math.Max((east - west) * cos, 1e-6);
        var height = Math.Max(1, Math.Ceiling((north - south) * scale));
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            var svg = new StringBuilder();
            foreach (var polygon in feature.Polygons)
            foreach (var ring in polygon)
                ProvinceShapes.Append(
                    svg,
                    ProvinceShapes.Simplify([.. ring.Select(p => ((p.Lon - west) * cos * scale, (north - p.Lat) * scale))])
                );
            paths[feature.Code] = svg.ToString();
        }
        return (paths, height);
    }
}
