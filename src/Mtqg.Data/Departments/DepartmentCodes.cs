namespace Mtqg.Data.Departments;

/// <summary>
/// The department codes, uniform across provinces (decision 0020): the 12 departments of Decree 45/2025/NĐ-CP (Điều 8),
/// the departments it abolished from 1/3/2025, and the special departments of Điều 9 that a province's coordination
/// office adds where it has them. Keyed by the name as data/reference/departments.json writes it.
/// </summary>
public static class DepartmentCodes
{
    public static readonly IReadOnlyDictionary<string, string> ByName = new Dictionary<string, string>
    {
        ["Sở Nội vụ"] = "SNV",
        ["Sở Tư pháp"] = "STP",
        ["Sở Tài chính"] = "STC",
        ["Sở Công Thương"] = "SCT",
        ["Sở Nông nghiệp và Môi trường"] = "SNNMT",
        ["Sở Xây dựng"] = "SXD",
        ["Sở Khoa học và Công nghệ"] = "SKHCN",
        ["Sở Văn hóa, Thể thao và Du lịch"] = "SVHTTDL",
        ["Sở Giáo dục và Đào tạo"] = "SGDDT",
        ["Sở Y tế"] = "SYT",
        ["Thanh tra tỉnh"] = "TTRA",
        ["Văn phòng Ủy ban nhân dân"] = "VPUBND",
        // Abolished on 1/3/2025 (merged).
        ["Sở Kế hoạch và Đầu tư"] = "SKHDT",
        ["Sở Nông nghiệp và Phát triển nông thôn"] = "SNNPTNT",
        ["Sở Tài nguyên và Môi trường"] = "STNMT",
        ["Sở Giao thông vận tải"] = "SGTVT",
        ["Sở Thông tin và Truyền thông"] = "STTTT",
        ["Sở Lao động - Thương binh và Xã hội"] = "SLDTBXH",
        // Special departments (Điều 9): not seeded, the coordination office adds them where the province has them.
        ["Sở Ngoại vụ"] = "SNGV",
        ["Sở Dân tộc và Tôn giáo"] = "SDTTG",
        ["Sở Du lịch"] = "SDL",
        ["Sở Quy hoạch - Kiến trúc"] = "SQHKT",
    };

    /// <summary>The first day of the departments of Decree 45/2025 (the merged departments operated from 1/3/2025).</summary>
    public static readonly DateOnly Reorganised = new(2025, 3, 1);
}
