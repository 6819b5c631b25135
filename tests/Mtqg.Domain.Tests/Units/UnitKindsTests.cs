using System.Runtime.CompilerServices;
using System.Text;
using Mtqg.Domain.Units;

namespace Mtqg.Domain.Tests.Units;

public class UnitKindsTests
{
    /// <summary>Every distinct <c>type_code</c> in data/admin-units/*.csv, so a new kind in the data fails here first.</summary>
    public static TheoryData<string> TypeCodesInData() => new(ReadTypeCodes());

    private static SortedSet<string> ReadTypeCodes()
    {
        var folder = Path.Combine(RepositoryRoot(), "data", "admin-units");
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.csv"))
        {
            using var lines = File.ReadLines(file).GetEnumerator();
            if (!lines.MoveNext())
                continue;
            var column = Array.IndexOf(Fields(lines.Current), "type_code");
            if (column < 0)
                continue;
            while (lines.MoveNext())
                if (lines.Current.Length > 0)
                    codes.Add(Fields(lines.Current)[column]);
        }
        return codes;
    }

    [Fact]
    public void Type_codes_are_read_from_the_data_files_before_and_after_the_reform()
    {
        var codes = ReadTypeCodes();

        Assert.Contains("huyen", codes);
        Assert.Contains("xa", codes);
        Assert.Contains("dac_khu", codes);
    }

    [Theory]
    [MemberData(nameof(TypeCodesInData))]
    public void Every_type_code_in_the_data_maps_to_a_kind_and_back(string typeCode) =>
        Assert.Equal(typeCode, UnitKinds.FromTypeCode(typeCode).Code());

    [Fact]
    public void Every_kind_round_trips_through_its_code() =>
        Assert.All(Enum.GetValues<UnitKind>(), kind => Assert.Equal(kind, UnitKinds.FromTypeCode(kind.Code())));

    [Theory]
    [InlineData("")]
    [InlineData("xã")]
    [InlineData("Xa")]
    [InlineData("quan_huyen")]
    public void An_unknown_type_code_is_refused(string typeCode) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UnitKinds.FromTypeCode(typeCode));

    // DESIGN §2: NTM applies to xã and đặc khu, never to phường or urban kinds.
    [Fact]
    public void Only_xa_and_dac_khu_are_rural()
    {
        var rural = Enum.GetValues<UnitKind>().Where(kind => kind.IsRural());

        Assert.Equal([UnitKind.Xa, UnitKind.DacKhu], rural);
    }

    [Theory]
    [InlineData("01", UnitLevel.Province)]
    [InlineData("001", UnitLevel.District)]
    [InlineData("00004", UnitLevel.Commune)]
    public void The_level_of_a_code_follows_its_length(string code, UnitLevel level) => Assert.Equal(level, UnitKinds.LevelOfCode(code));

    // Built with --artifacts-path the binaries live outside the repository; this source file never does.
    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile)! })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Mtqg.slnx")))
                    return dir.FullName;
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} or {sourceFile} holds Mtqg.slnx.");
    }

    // The admin-unit files quote a field only when it holds a comma.
    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
