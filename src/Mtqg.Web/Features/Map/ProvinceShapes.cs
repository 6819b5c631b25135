using System.Globalization;
using System.Text;
using System.Text.Json;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.Map;

/// <summary>
/// A province as drawn: its code and name from the boundary file, its SVG path (already projected and simplified) and its
/// extent in WGS 84 degrees (west, south, east, north), what a commune of it must lie within.
/// </summary>
public sealed record ProvinceShape(string Code, string Name, string Path, (double West, double South, double East, double North) Extent);

/// <summary>
/// The 34 provinces' boundaries (data/admin-units/provinces-2025.geojson, WGS 84), read once per app and drawn as SVG paths:
/// projected equirectangularly with the longitude scaled by cos of the middle latitude (Vietnam spans 7–23°N, so the
/// distortion stays small), then simplified by Douglas–Peucker in screen units so the page stays light. Every ring of the
/// file is kept — the islands, Hoàng Sa and Trường Sa included: a ring smaller than the tolerance keeps a triangle of its points.
/// </summary>
public sealed class ProvinceShapes
{
    /// <summary>Width of the drawing in SVG units; the height follows from the projection.</summary>
    public const double Width = 600;

    /// <summary>Douglas–Peucker tolerance in SVG units (the drawing is about 600 × 640).</summary>
    public const double Tolerance = 0.45;

    private readonly Lazy<(IReadOnlyList<ProvinceShape> Shapes, double Height)> drawn;

    public ProvinceShapes(SeedFiles files) => drawn = new(() => Draw(files.PathOf("admin-units", "provinces-2025.geojson")));

    public IReadOnlyList<ProvinceShape> Shapes => drawn.Value.Shapes;

    public double Height => drawn.Value.Height;

    private static (IReadOnlyList<ProvinceShape>, double) Draw(string path)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        var bbox = doc.RootElement.GetProperty("bbox");
        var (west, south, east, north) = (bbox[0].GetDouble(), bbox[1].GetDouble(), bbox[2].GetDouble(), bbox[3].GetDouble());
        var cos = Math.Cos((south + north) / 2 * Math.PI / 180);
        var scale = Width / ((east - west) * cos);
        (double X, double Y) Project(JsonElement p) => ((p[0].GetDouble() - west) * cos * scale, (north - p[1].GetDouble()) * scale);

        var shapes = new List<ProvinceShape>();
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var props = feature.GetProperty("properties");
            var svg = new StringBuilder();
            var (w, s, e, n) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
            foreach (var polygon in feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray())
            foreach (var ring in polygon.EnumerateArray())
            {
                foreach (var p in ring.EnumerateArray())
                    (w, s, e, n) = (
                        Math.Min(w, p[0].GetDouble()),
                        Math.Min(s, p[1].GetDouble()),
                        Math.Max(e, p[0].GetDouble()),
                        Math.Max(n, p[1].GetDouble())
                    );
                var points = ring.EnumerateArray().Select(Project).ToList();
                Append(svg, Simplify(points));
            }
            shapes.Add(
                new ProvinceShape(
                    props.GetProperty("code").GetString()!,
                    props.GetProperty("fullName").GetString()!,
                    svg.ToString(),
                    (w, s, e, n)
                )
            );
        }
        return (shapes, Math.Ceiling((north - south) * scale));
    }

    /// <summary>Douglas–Peucker on a closed ring (split at the point farthest from the first); a ring that would vanish keeps three points.</summary>
    internal static List<(double X, double Y)> Simplify(IReadOnlyList<(double X, double Y)> ring)
    {
        if (ring.Count < 4)
            return [.. ring];
        var far = 0;
        var farDistance = -1.0;
        for (var i = 1; i < ring.Count; i++)
        {
            var d = Math.Pow(ring[i].X - ring[0].X, 2) + Math.Pow(ring[i].Y - ring[0].Y, 2);
            if (d > farDistance)
                (far, farDistance) = (i, d);
        }
        var keep = new bool[ring.Count];
        keep[0] = keep[far] = keep[^1] = true;
        Mark(ring, 0, far, keep);
        Mark(ring, far, ring.Count - 1, keep);
        var kept = ring.Where((_, i) => keep[i]).ToList();
        if (kept.Count >= 4)
            return kept;
        // Smaller than the tolerance (a small island): three points spread along it, so it still shows.
        return [ring[0], ring[ring.Count / 3], ring[2 * ring.Count / 3], ring[0]];
    }

    private static void Mark(IReadOnlyList<(double X, double Y)> ring, int first, int last, bool[] keep)
    {
        var stack = new Stack<(int, int)>();
        stack.Push((first, last));
        while (stack.Count > 0)
        {
            var (a, b) = stack.Pop();
            var (index, distance) = (-1, Tolerance);
            for (var i = a + 1; i < b; i++)
            {
                var d = Distance(ring[i], ring[a], ring[b]);
                if (d > distance)
                    (index, distance) = (i, d);
            }
            if (index < 0)
                continue;
            keep[index] = true;
            stack.Push((a, index));
            stack.Push((index, b));
        }
    }

    private static double Distance((double X, double Y) p, (double X, double Y) a, (double X, double Y) b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        return length == 0
            ? Math.Sqrt(Math.Pow(p.X - a.X, 2) + Math.Pow(p.Y - a.Y, 2))
            : Math.Abs(dy * p.X - dx * p.Y + b.X * a.Y - b.Y * a.X) / length;
    }

    /// <summary>One closed subpath: absolute first point, then relative moves with one decimal (shorter than absolute ones).</summary>
    internal static void Append(StringBuilder svg, IReadOnlyList<(double X, double Y)> ring)
    {
        var (x, y) = (Math.Round(ring[0].X, 1), Math.Round(ring[0].Y, 1));
        var start = svg.Length;
        svg.Append('M').Append(Number(x)).Append(',').Append(Number(y)).Append('l');
        var first = true;
        for (var i = 1; i < ring.Count - 1; i++)
        {
            var (nx, ny) = (Math.Round(ring[i].X, 1), Math.Round(ring[i].Y, 1));
            var (dx, dy) = (Math.Round(nx - x, 1), Math.Round(ny - y, 1));
            if (dx == 0 && dy == 0)
                continue;
            if (!first && dx >= 0)
                svg.Append(' ');
            svg.Append(Number(dx));
            if (dy >= 0)
                svg.Append(' ');
            svg.Append(Number(dy));
            (x, y, first) = (nx, ny, false);
        }
        if (first)
            svg.Length = start; // every point rounded onto the first: nothing to draw at this scale
        else
            svg.Append('z');
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
