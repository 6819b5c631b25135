using Mtqg.Domain.Common;

namespace Mtqg.Domain.Tests.Common;

public class InputTextTests
{
    [Theory]
    [InlineData("Xã Bảo Hà", true, null)]
    [InlineData("dòng 1\r\ndòng 2\tcột", true, null)]
    [InlineData("dòng 1\ndòng 2", false, "ký tự điều khiển U+000A ở vị trí 7")]
    [InlineData("a\0b", true, "ký tự điều khiển U+0000 ở vị trí 2")]
    [InlineData("\u007F", true, "ký tự điều khiển U+007F ở vị trí 1")]
    [InlineData("\u0085", true, "ký tự điều khiển U+0085 ở vị trí 1")]
    [InlineData("hoadon\u202Efdp.exe", true, "ký tự đổi chiều văn bản U+202E ở vị trí 7")]
    [InlineData("\u2066x", true, "ký tự đổi chiều văn bản U+2066 ở vị trí 1")]
    [InlineData("\u200B", true, null)] // invisible, not refused: required text treats it as blank
    public void Refusal_names_the_first_refused_character_and_where_it_is(string text, bool multiLine, string? refusal) =>
        Assert.Equal(refusal, InputText.Refusal(text, multiLine));

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("  \t\n", true)]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF\u00AD", true)]
    [InlineData("\u00A0\u3000\u3164", true)]
    [InlineData("\u200Ba", false)]
    [InlineData(".", false)]
    public void Required_text_is_blank_when_nothing_in_it_can_be_seen(string? text, bool blank) =>
        Assert.Equal(blank, InputText.IsBlank(text));

    [Fact]
    public void A_file_name_is_cleaned_of_control_and_bidirectional_characters() =>
        Assert.Equal("hoadonfdp.exe", InputText.Clean("hoa\0don\u202Efdp.exe\u0007"));

    [Theory]
    [InlineData(1999, false)]
    [InlineData(2000, true)]
    [InlineData(2100, true)]
    [InlineData(2101, false)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(10000, false)]
    public void Years_are_2000_to_2100(int year, bool accepted)
    {
        Assert.Equal(accepted, InputRange.IsYear(year));
        Assert.Equal(accepted, InputRange.CheckYear("year", "Năm", year) is null);
    }

    [Fact]
    public void Dates_are_from_2000_to_2100_and_the_message_says_the_range()
    {
        Assert.True(InputRange.IsDate(new DateOnly(2000, 1, 1)));
        Assert.True(InputRange.IsDate(new DateOnly(2100, 12, 31)));
        Assert.False(InputRange.IsDate(new DateOnly(1999, 12, 31)));
        Assert.Equal(
            "Ngày ký (01/01/0001) phải trong khoảng 01/01/2000–31/12/2100.",
            InputRange.CheckDate("signedOn", "Ngày ký", DateOnly.MinValue)!.Message
        );
    }
}
