using Mtqg.Domain.Criteria;

namespace Mtqg.Domain.Tests.Criteria;

/// <summary>
/// A small valid set in the DESIGN §6 shape: levels NTM (rank 1) and NTMNC (rank 2), groups G1 and G2,
/// two criteria. Each call builds fresh lists, so a test may change them in place.
/// Tests point at rows by index (criteria[0].indicators[0].thresholds[2] is NTM/G2/2027), so keep the order.
/// </summary>
internal static class SampleCriteriaSet
{
    public static CriteriaSetDocument Build() =>
        new()
        {
            Code = "DEMO-2026",
            Name = "Bộ tiêu chí thử nghiệm",
            LegalBasis = "Quyết định thử nghiệm",
            ValidFrom = 2026,
            ValidTo = 2030,
            Levels = [new("NTM", "Đạt chuẩn nông thôn mới", 1), new("NTMNC", "Đạt chuẩn nông thôn mới nâng cao", 2)],
            Groups = [new("G1", "Nhóm 1"), new("G2", "Nhóm 2")],
            Bands = [new("Đạt chuẩn", 2), new("1 tiêu chí", 1), new("Chưa đạt tiêu chí nào", 0)],
            Criteria =
            [
                new()
                {
                    Number = 1,
                    Code = "TC01",
                    Name = "Quy hoạch",
                    ResponsibleSector = "Sở Xây dựng",
                    Indicators =
                    [
                        new()
                        {
                            Code = "1.1",
                            Name = "Tỷ lệ hộ dùng nước sạch",
                            Type = "percent",
                            Unit = "%",
                            Rule = ">=",
                            Thresholds =
                            [
                                new() { Level = "NTM", Value = ThresholdValue.Of(90m) },
                                new()
                                {
                                    Level = "NTM",
                                    Group = "G1",
                                    Value = ThresholdValue.Of(95m),
                                },
                                new()
                                {
                                    Level = "NTM",
                                    Group = "G2",
                                    Year = 2027,
                                    Value = ThresholdValue.Of(92.5m),
                                },
                                new() { Level = "NTMNC", Value = ThresholdValue.Of(100m) },
                            ],
                        },
                        new()
                        {
                            Code = "1.2",
                            Name = "Có quy hoạch chung được phê duyệt",
                            Type = "boolean",
                            Rule = "achieved",
                            Thresholds =
                            [
                                new() { Level = "NTM", Value = ThresholdValue.Of(true) },
                                new() { Level = "NTMNC", Value = ThresholdValue.Of(true) },
                            ],
                        },
                    ],
                },
                new()
                {
                    Number = 2,
                    Code = "TC02",
                    Name = "Giao thông",
                    ResponsibleSector = "Sở Xây dựng",
                    Indicators =
                    [
                        new()
                        {
                            Code = "2.1",
                            Name = "Tỷ lệ đường xã được cứng hóa",
                            Type = "percent",
                            Unit = "%",
                            Rule = ">=",
                            Thresholds =
                            [
                                new()
                                {
                                    Level = "NTM",
                                    Group = "G1",
                                    Value = ThresholdValue.Of(100m),
                                },
                                new()
                                {
                                    Level = "NTM",
                                    Group = "G2",
                                    Value = ThresholdValue.Of(80m),
                                },
                            ],
                        },
                        new()
                        {
                            Code = "2.2",
                            Name = "Số vụ tai nạn giao thông nghiêm trọng",
                            Type = "number",
                            Unit = "vụ",
                            Rule = "<=",
                            Thresholds = [new() { Level = "NTMNC", Value = ThresholdValue.Of(0m) }],
                        },
                    ],
                },
            ],
        };

    public static IndicatorDocument Indicator(CriteriaSetDocument doc, int criterion, int indicator) =>
        doc.Criteria![criterion].Indicators![indicator];

    public static void ChangeIndicator(
        CriteriaSetDocument doc,
        int criterion,
        int indicator,
        Func<IndicatorDocument, IndicatorDocument> change
    ) => doc.Criteria![criterion].Indicators![indicator] = change(Indicator(doc, criterion, indicator));

    public static void ChangeThreshold(
        CriteriaSetDocument doc,
        int criterion,
        int indicator,
        int row,
        Func<ThresholdDocument, ThresholdDocument> change
    )
    {
        var rows = Indicator(doc, criterion, indicator).Thresholds!;
        rows[row] = change(rows[row]);
    }
}
