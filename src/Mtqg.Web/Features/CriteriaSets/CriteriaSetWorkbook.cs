namespace Mtqg.Web.Features.CriteriaSets;

/// <summary>
/// A whole criteria set as a workbook (DESIGN §9 "Sets in Excel"), both ways: the set's header fields and recognition rules,
/// its levels, groups, bands, criteria, indicators, and the thresholds table — one row per indicator × level × group × year,
/// a blank value meaning the official threshold is unknown, with a note. Reading gives the interchange document (§6) and
/// every problem by sheet, row and column; the document is then validated like JSON, and each of its problems is located
/// back in the sheet and row it came from.
/// </summary>
public static partial class CriteriaSetWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string SetSheet = "Bộ tiêu chí",
        LevelSheet = "Mức đạt chuẩn",
        GroupSheet = "Nhóm xã",
        BandSheet = "Nhóm báo cáo",
        CriterionSheet = "Tiêu chí",
        IndicatorSheet = "Chỉ tiêu",
        ThresholdSheet = "Ngưỡng",
        ConditionSheet = "Điều kiện của mức";

    // Header fields of the set sheet: key (column "Trường"), label, and the document path its problems are named by.
    private static readonly (string Key, string Label, string Path)[] Fields =
    [
        ("code", "Mã bộ tiêu chí", "code"),
        ("name", "Tên bộ tiêu chí", "name"),
        ("legalBasis", "Căn cứ pháp lý", "legalBasis"),
        ("validFrom", "Từ năm", "validFrom"),
        ("validTo", "Đến năm", "validTo"),
        ("province", "Mã tỉnh (để trống: bộ quốc gia)", "province"),
        ("details", "Chi tiết hóa bộ tiêu chí quốc gia (mã)", "details"),
        ("source", "Nguồn", "source"),
        ("notes", "Ghi chú", "notes"),
        ("requiredSatisfaction", "Công nhận: tỷ lệ người dân hài lòng yêu cầu (%)", "recognition.requiredSatisfaction"),
        ("failingShareFrom", "Thu hồi: tỷ lệ tiêu chí không đạt từ (0–1)", "recognition.revocation.failingShareFrom"),
        ("failingShareTo", "Thu hồi: tỷ lệ tiêu chí không đạt đến (0–1)", "recognition.revocation.failingShareTo"),
        ("protectedCriteria", "Thu hồi: tiêu chí bắt buộc (số, cách nhau dấu phẩy)", "recognition.revocation.protectedCriteria"),
    ];

    private static readonly string[] LevelColumns = ["Mã mức", "Tên mức", "Thứ bậc", "Thí điểm", "Dùng ngưỡng của mức"];
    private static readonly string[] GroupColumns = ["Mã nhóm", "Tên nhóm", "Mô tả"];
    private static readonly string[] BandColumns = ["Tên nhóm báo cáo", "Số tiêu chí đạt tối thiểu"];
    private static readonly string[] CriterionColumns =
    [
        "Số tiêu chí",
        "Mã tiêu chí",
        "Tên tiêu chí",
        "Nhóm tiêu chí",
        "Sở phụ trách",
        "Tên đã đối chiếu văn bản",
    ];
    private static readonly string[] IndicatorColumns =
    [
        "Số tiêu chí",
        "Mã chỉ tiêu",
        "Tên chỉ tiêu",
        "Kiểu giá trị",
        "Đơn vị",
        "Quy tắc",
        "Tên đã đối chiếu văn bản",
        "Ghi chú",
        SourceColumn,
    ];

    // The indicator's source of value ("poverty.rate", "poverty.nearRate"; empty = typed by the commune): optional, later than the first workbooks.
    private const string SourceColumn = "Nguồn giá trị";
    private static readonly string[] ThresholdColumns = ["Mã chỉ tiêu", "Mức", "Nhóm", "Năm", "Giá trị ngưỡng", "Ghi chú"];
    private static readonly string[] ConditionColumns = ["Mã mức", "Mã điều kiện", "Nội dung điều kiện", "Cách xét", "Mức phải giữ"];

    // Which column a document field's last part is written in, per sheet (to locate the validator's problems).
    private static readonly Dictionary<string, Dictionary<string, string>> FieldColumns = new()
    {
        [LevelSheet] = new()
        {
            ["code"] = "Mã mức",
            ["name"] = "Tên mức",
            ["rank"] = "Thứ bậc",
            ["pilot"] = "Thí điểm",
            ["thresholdsOf"] = "Dùng ngưỡng của mức",
        },
        [ConditionSheet] = new()
        {
            ["code"] = "Mã điều kiện",
            ["text"] = "Nội dung điều kiện",
            ["judged"] = "Cách xét",
            ["level"] = "Mức phải giữ",
        },
        [GroupSheet] = new()
        {
            ["code"] = "Mã nhóm",
            ["name"] = "Tên nhóm",
            ["description"] = "Mô tả",
        },
        [BandSheet] = new() { ["name"] = "Tên nhóm báo cáo", ["minCriteriaMet"] = "Số tiêu chí đạt tối thiểu" },
        [CriterionSheet] = new()
        {
            ["number"] = "Số tiêu chí",
            ["code"] = "Mã tiêu chí",
            ["name"] = "Tên tiêu chí",
            ["heading"] = "Nhóm tiêu chí",
            ["responsibleSector"] = "Sở phụ trách",
        },
        [IndicatorSheet] = new()
        {
            ["code"] = "Mã chỉ tiêu",
            ["name"] = "Tên chỉ tiêu",
            ["type"] = "Kiểu giá trị",
            ["unit"] = "Đơn vị",
            ["rule"] = "Quy tắc",
            ["source"] = SourceColumn,
            ["thresholds"] = "Mã chỉ tiêu",
        },
        [ThresholdSheet] = new()
        {
            ["level"] = "Mức",
            ["group"] = "Nhóm",
            ["year"] = "Năm",
            ["value"] = "Giá trị ngưỡng",
            ["note"] = "Ghi chú",
        },
    };

    private static readonly Dictionary<string, string[]> Headers = new()
    {
        [LevelSheet] = LevelColumns,
        [GroupSheet] = GroupColumns,
        [BandSheet] = BandColumns,
        [CriterionSheet] = CriterionColumns,
        [IndicatorSheet] = IndicatorColumns,
        [ThresholdSheet] = ThresholdColumns,
        [ConditionSheet] = ConditionColumns,
        [SetSheet] = ["Trường", "Mô tả", "Giá trị"],
    };
}
