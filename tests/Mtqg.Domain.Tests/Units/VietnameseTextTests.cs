using System.Text;
using Mtqg.Domain.Units;

namespace Mtqg.Domain.Tests.Units;

public class VietnameseTextTests
{
    [Theory]
    [InlineData("Tân Thượng", "tan thuong")]
    [InlineData("  TÂN   thượng ", "tan thuong")]
    [InlineData("Đồng Nai", "dong nai")]
    [InlineData("đặc khu Phú Quốc", "dac khu phu quoc")]
    [InlineData("Ơ\tƯ\u00A0Ă", "o u a")]
    public void A_name_folds_to_lower_case_without_marks_and_with_single_spaces(string name, string folded) =>
        Assert.Equal(folded, VietnameseText.Fold(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    public void Nothing_folds_to_the_empty_string(string? blank) => Assert.Equal("", VietnameseText.Fold(blank));

    // "Hòa" (old style, mark on o) and "Hoà" (new style, mark on a), each precomposed (NFC) or not (NFD).
    [Theory]
    [InlineData("H\u00F2a", "Ho\u00E0", "hoa")]
    [InlineData("Ho\u0300a", "Hoa\u0300", "hoa")]
    [InlineData("H\u00F2a", "Hoa\u0300", "hoa")]
    [InlineData("Thanh H\u00F3a", "Thanh Ho\u00E1", "thanh hoa")]
    public void Tone_mark_placement_and_normalisation_form_do_not_change_the_fold(string one, string other, string folded)
    {
        Assert.Equal(folded, VietnameseText.Fold(one));
        Assert.Equal(folded, VietnameseText.Fold(other));
        Assert.Equal(folded, VietnameseText.Fold(one.Normalize(NormalizationForm.FormD)));
        Assert.Equal(folded, VietnameseText.Fold(other.Normalize(NormalizationForm.FormC)));
    }
}
