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

    /// <summary>
    /// The successor of each department abolished on 1/3/2025, as departments.json records the mergers; the Sở LĐ-TB&amp;XH,
    /// split five ways, goes to the Sở Nông nghiệp và Môi trường, which took its poverty-reduction work (decision 0020).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> SuccessorOf = new Dictionary<string, string>
    {
        ["SKHDT"] = "STC",
        ["SNNPTNT"] = "SNNMT",
        ["STNMT"] = "SNNMT",
        ["SGTVT"] = "SXD",
        ["STTTT"] = "SKHCN",
        ["SLDTBXH"] = "SNNMT",
    };

    /// <summary>
    /// SQL (the same on SQLite and PostgreSQL) for migration <c>Departments</c>: the department texts stored before the
    /// registry become codes where the trimmed text is exactly a department's name (and the two texts the seed data and the
    /// demo wrote: criterion 17's inferred department, Công an tỉnh). Work still to do — criteria of sets, appraiser
    /// accounts, open recommendations, criteria of dossiers not yet appraised — goes to the department of today; finished
    /// appraisals keep the department that made them. Any other text is left as it was (decision 0020).
    /// </summary>
    public static IEnumerable<string> MigrateStoredTextSql()
    {
        var names = ByName
            .Select(kv => (Text: kv.Key, Code: kv.Value))
            .Append(("Sở Tài nguyên và Môi trường (nay Sở Nông nghiệp và Môi trường) — inferred", "STNMT"))
            .Append(("Công an tỉnh", "CAT"));
        const string appraisers =
            "\"Id\" IN (SELECT ur.\"UserId\" FROM \"AspNetUserRoles\" ur JOIN \"AspNetRoles\" r ON r.\"Id\" = ur.\"RoleId\" WHERE r.\"Name\" = 'appraiser')";
        foreach (var (text, code) in names)
        {
            var now = SuccessorOf.GetValueOrDefault(code, code);
            var literal = "'" + text.Replace("'", "''") + "'";
            yield return $"UPDATE \"Criteria\" SET \"ResponsibleSector\" = '{now}' WHERE TRIM(\"ResponsibleSector\") = {literal};";
            yield return $"UPDATE \"AspNetUsers\" SET \"Sector\" = '{now}' WHERE TRIM(\"Sector\") = {literal} AND {appraisers};";
            yield return $"UPDATE \"Recommendations\" SET \"ResponsibleSector\" = '{now}' WHERE TRIM(\"ResponsibleSector\") = {literal} AND \"Status\" IN ('Open', 'InProgress');";
            yield return $"UPDATE \"Recommendations\" SET \"ResponsibleSector\" = '{code}' WHERE TRIM(\"ResponsibleSector\") = {literal};";
            // States 0, 1, 4: not submitted, waiting for appraisal, sent back (CriterionAppraisalState).
            yield return $"UPDATE \"DossierCriteria\" SET \"ResponsibleSector\" = '{now}' WHERE TRIM(\"ResponsibleSector\") = {literal} AND \"State\" IN (0, 1, 4);";
            yield return $"UPDATE \"DossierCriteria\" SET \"ResponsibleSector\" = '{code}' WHERE TRIM(\"ResponsibleSector\") = {literal};";
            yield return $"UPDATE \"DossierAppraisals\" SET \"Sector\" = '{code}' WHERE TRIM(\"Sector\") = {literal};";
        }
    }
}
