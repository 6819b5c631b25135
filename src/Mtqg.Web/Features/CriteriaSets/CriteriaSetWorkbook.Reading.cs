using System.Globalization;
using MiniExcelLibs;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Features.CriteriaSets;

/// <summary>Reading a set's workbook: every sheet checked, every problem named by sheet, row and column.</summary>
public static partial class CriteriaSetWorkbook
{
    /// <summary>What a workbook says: the document (null when a sheet could not be read at all), every problem, and where each part came from.</summary>
    public sealed record ReadResult(
        CriteriaSetDocument? Document,
        List<ExcelProblem> Problems,
        Dictionary<string, (string Sheet, int Row)> Origins
    )
    {
        /// <summary>
        /// A validator's problem (its field is a document path) located in the workbook: the sheet and row the path's item
        /// came from and the column of its last field.
        /// </summary>
        public ExcelProblem Locate(Problem problem)
        {
            var path = problem.Field;
            while (true)
            {
                if (Origins.TryGetValue(path, out var origin))
                {
                    var rest = problem.Field[path.Length..].TrimStart('.');
                    var field = rest.Split('.', '[')[0];
                    string? column =
                        origin.Sheet == SetSheet ? "Giá trị"
                        : FieldColumns.TryGetValue(origin.Sheet, out var columns) && columns.TryGetValue(field, out var c) ? c
                        : null;
                    return new ExcelProblem(
                        origin.Sheet,
                        origin.Row,
                        column,
                        column is null ? null : CellOf(origin.Sheet, column, origin.Row),
                        problem.Message
                    );
                }
                var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
                if (cut <= 0)
                    return new ExcelProblem(SheetOf(problem.Field), null, null, null, problem.Message);
                path = path[..cut];
            }
        }

        private static string SheetOf(string field) =>
            field.Split('.', '[')[0] switch
            {
                "levels" => LevelSheet,
                "groups" => GroupSheet,
                "bands" => BandSheet,
                "criteria" => CriterionSheet,
                _ => SetSheet,
            };
    }

    private static string CellOf(string sheet, string column, int row)
    {
        var index = sheet == SetSheet ? 2 : Array.IndexOf(Headers[sheet], column);
        return index < 0 ? $"{row}" : $"{(char)('A' + index)}{row}";
    }

    public static ReadResult Read(Stream stream, CancellationToken ct)
    {
        var problems = new List<ExcelProblem>();
        var origins = new Dictionary<string, (string Sheet, int Row)>();
        List<string> names;
        try
        {
            names = MiniExcel.GetSheetNames(stream);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add(
                new ExcelProblem(
                    SetSheet,
                    null,
                    null,
                    null,
                    "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng. Hãy dùng tệp tải về từ trang bộ tiêu chí."
                )
            );
            return new ReadResult(null, problems, origins);
        }

        List<(int Row, Dictionary<string, object?> Cells)> Sheet(string name)
        {
            var actual = names.FirstOrDefault(n => string.Equals(n.Trim(), name, StringComparison.OrdinalIgnoreCase));
            if (actual is null && OptionalSheets.Contains(name))
                return [];
            if (actual is null)
            {
                problems.Add(new ExcelProblem(name, null, null, null, $"Thiếu trang \"{name}\" (tệp tải về từ hệ thống có đủ các trang)."));
                return [];
            }
            var rows = new List<(int, Dictionary<string, object?>)>();
            string[]? header = null;
            var number = 0;
            foreach (var raw in MiniExcel.Query(stream, useHeaderRow: false, sheetName: actual, excelType: ExcelType.XLSX))
            {
                ct.ThrowIfCancellationRequested();
                number++;
                var cells = ((IDictionary<string, object?>)raw).Values.ToArray();
                if (header is null)
                {
                    header = cells.Select(c => Text(c) ?? "").ToArray();
                    foreach (
                        var expected in Headers[name]
                            .Where(h => !OptionalColumns.Contains(h) && !header.Contains(h, StringComparer.OrdinalIgnoreCase))
                    )
                        problems.Add(new ExcelProblem(name, 1, expected, null, $"Thiếu cột \"{expected}\" ở dòng tiêu đề."));
                    continue;
                }
                if (cells.All(c => Text(c) is null))
                    continue;
                var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < header.Length && i < cells.Length; i++)
                    if (header[i].Length > 0)
                        row[header[i]] = cells[i];
                rows.Add((number, row));
            }
            return rows;
        }

        void Bad(string sheet, int row, string column, string message) =>
            problems.Add(new ExcelProblem(sheet, row, column, CellOf(sheet, column, row), message));

        int? Int(string sheet, int row, Dictionary<string, object?> cells, string column)
        {
            var value = cells.GetValueOrDefault(column);
            if (Text(value) is null)
                return null;
            if (value is double d && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue)
                return (int)d;
            if (int.TryParse(Text(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                return n;
            Bad(sheet, row, column, $"\"{Text(value)}\" phải là một số nguyên.");
            return null;
        }

        decimal? Number(string sheet, int row, object? value, string column)
        {
            if (Text(value) is not { } text)
                return null;
            if (value is double d)
                return (decimal)d;
            if (decimal.TryParse(text.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
                return n;
            Bad(sheet, row, column, $"\"{text}\" phải là một số (dùng dấu chấm hoặc dấu phẩy thập phân).");
            return null;
        }

        // The set sheet: one row per field.
        var fields = new Dictionary<string, (object? Value, int Row)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, cells) in Sheet(SetSheet))
        {
            var key = Text(cells.GetValueOrDefault("Trường"));
            if (key is null)
                continue;
            var field = Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));
            if (field.Key is null)
            {
                Bad(
                    SetSheet,
                    row,
                    "Trường",
                    $"Trường \"{key}\" không có trong mẫu; các trường: {string.Join(", ", Fields.Select(f => f.Key))}."
                );
                continue;
            }
            if (!fields.TryAdd(field.Key, (cells.GetValueOrDefault("Giá trị"), row)))
                Bad(SetSheet, row, "Trường", $"Trường \"{key}\" ghi hai lần.");
            origins[field.Path] = (SetSheet, row);
        }
        string? Field(string key) => fields.TryGetValue(key, out var f) ? Text(f.Value) : null;
        int? FieldInt(string key) =>
            fields.TryGetValue(key, out var f) ? Int(SetSheet, f.Row, new() { ["Giá trị"] = f.Value }, "Giá trị") : null;
        decimal? FieldNumber(string key) => fields.TryGetValue(key, out var f) ? Number(SetSheet, f.Row, f.Value, "Giá trị") : null;

        var levels = new List<LevelDocument>();
        foreach (var (row, cells) in Sheet(LevelSheet))
        {
            origins[$"levels[{levels.Count}]"] = (LevelSheet, row);
            levels.Add(
                new LevelDocument(
                    Text(cells.GetValueOrDefault("Mã mức")),
                    Text(cells.GetValueOrDefault("Tên mức")),
                    Int(LevelSheet, row, cells, "Thứ bậc"),
                    Yes(cells.GetValueOrDefault("Thí điểm")),
                    Text(cells.GetValueOrDefault("Dùng ngưỡng của mức"))
                )
            );
        }
        foreach (var (row, cells) in Sheet(ConditionSheet))
        {
            var code = Text(cells.GetValueOrDefault("Mã mức"));
            var l = levels.FindIndex(x => x.Code is not null && string.Equals(x.Code, code, StringComparison.OrdinalIgnoreCase));
            if (l < 0)
            {
                Bad(
                    ConditionSheet,
                    row,
                    "Mã mức",
                    code is null ? "Thiếu mã mức của điều kiện." : $"Không có mức mã \"{code}\" ở trang \"{LevelSheet}\"."
                );
                continue;
            }
            var conditions = levels[l].Conditions ?? [];
            origins[$"levels[{l}].conditions[{conditions.Count}]"] = (ConditionSheet, row);
            conditions.Add(ConditionOf(cells));
            levels[l] = levels[l] with { Conditions = conditions };
        }
        var groups = new List<GroupDocument>();
        foreach (var (row, cells) in Sheet(GroupSheet))
        {
            origins[$"groups[{groups.Count}]"] = (GroupSheet, row);
            groups.Add(
                new GroupDocument(
                    Text(cells.GetValueOrDefault("Mã nhóm")),
                    Text(cells.GetValueOrDefault("Tên nhóm")),
                    Text(cells.GetValueOrDefault("Mô tả"))
                )
            );
        }
        var bands = new List<BandDocument>();
        foreach (var (row, cells) in Sheet(BandSheet))
        {
            origins[$"bands[{bands.Count}]"] = (BandSheet, row);
            bands.Add(
                new BandDocument(Text(cells.GetValueOrDefault("Tên nhóm báo cáo")), Int(BandSheet, row, cells, "Số tiêu chí đạt tối thiểu"))
            );
        }

        var criteria = new List<(CriterionDocument Doc, List<IndicatorDocument> Indicators)>();
        foreach (var (row, cells) in Sheet(CriterionSheet))
        {
            origins[$"criteria[{criteria.Count}]"] = (CriterionSheet, row);
            var indicators = new List<IndicatorDocument>();
            criteria.Add(
                (
                    new CriterionDocument
                    {
                        Number = Int(CriterionSheet, row, cells, "Số tiêu chí"),
                        Code = Text(cells.GetValueOrDefault("Mã tiêu chí")),
                        Name = Text(cells.GetValueOrDefault("Tên tiêu chí")),
                        Heading = Text(cells.GetValueOrDefault("Nhóm tiêu chí")),
                        ResponsibleSector = Text(cells.GetValueOrDefault("Sở phụ trách")),
                        NameVerified = Flag(cells.GetValueOrDefault("Tên đã đối chiếu văn bản")),
                        Indicators = indicators,
                    },
                    indicators
                )
            );
        }

        var byCode = new Dictionary<string, (List<ThresholdDocument> Rows, string Path)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, cells) in Sheet(IndicatorSheet))
        {
            var number = Int(IndicatorSheet, row, cells, "Số tiêu chí");
            var c = criteria.FindIndex(x => x.Doc.Number == number);
            if (number is not null && c < 0)
            {
                Bad(IndicatorSheet, row, "Số tiêu chí", $"Không có tiêu chí số {number} ở trang \"{CriterionSheet}\".");
                continue;
            }
            if (number is null)
            {
                if (Text(cells.GetValueOrDefault("Số tiêu chí")) is null)
                    Bad(IndicatorSheet, row, "Số tiêu chí", "Thiếu số tiêu chí của chỉ tiêu.");
                continue;
            }
            var thresholds = new List<ThresholdDocument>();
            var path = $"criteria[{c}].indicators[{criteria[c].Indicators.Count}]";
            origins[path] = (IndicatorSheet, row);
            var code = Text(cells.GetValueOrDefault("Mã chỉ tiêu"));
            criteria[c]
                .Indicators.Add(
                    new IndicatorDocument
                    {
                        Code = code,
                        Name = Text(cells.GetValueOrDefault("Tên chỉ tiêu")),
                        Type = Text(cells.GetValueOrDefault("Kiểu giá trị")),
                        Unit = Text(cells.GetValueOrDefault("Đơn vị")),
                        Rule = Text(cells.GetValueOrDefault("Quy tắc")),
                        NameVerified = Flag(cells.GetValueOrDefault("Tên đã đối chiếu văn bản")),
                        Notes = Text(cells.GetValueOrDefault("Ghi chú")),
                        Source = Text(cells.GetValueOrDefault(SourceColumn)),
                        Thresholds = thresholds,
                    }
                );
            if (code is not null)
                byCode.TryAdd(code, (thresholds, path));
        }

        foreach (var (row, cells) in Sheet(ThresholdSheet))
        {
            var code = Text(cells.GetValueOrDefault("Mã chỉ tiêu"));
            if (code is null || !byCode.TryGetValue(code, out var indicator))
            {
                Bad(
                    ThresholdSheet,
                    row,
                    "Mã chỉ tiêu",
                    code is null ? "Thiếu mã chỉ tiêu của dòng ngưỡng." : $"Không có chỉ tiêu mã \"{code}\" ở trang \"{IndicatorSheet}\"."
                );
                continue;
            }
            origins[$"{indicator.Path}.thresholds[{indicator.Rows.Count}]"] = (ThresholdSheet, row);
            var raw = cells.GetValueOrDefault("Giá trị ngưỡng");
            ThresholdValue? value = raw switch
            {
                bool b => b ? ThresholdValue.Of(true) : ThresholdValue.Bad("FALSE"),
                _ when Text(raw) is null => null,
                _ when Text(raw)!.ToLowerInvariant() is "đạt" or "true" or "x" => ThresholdValue.Of(true),
                _ => Number(ThresholdSheet, row, raw, "Giá trị ngưỡng") is { } n ? ThresholdValue.Of(n) : ThresholdValue.Bad(Text(raw)!),
            };
            indicator.Rows.Add(
                new ThresholdDocument
                {
                    Level = Text(cells.GetValueOrDefault("Mức")),
                    Group = Text(cells.GetValueOrDefault("Nhóm")),
                    Year = Int(ThresholdSheet, row, cells, "Năm"),
                    Value = value,
                    Note = Text(cells.GetValueOrDefault("Ghi chú")),
                }
            );
        }

        List<int>? protectedCriteria = null;
        if (Field("protectedCriteria") is { } list)
        {
            protectedCriteria = [];
            foreach (var part in list.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
                if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                    protectedCriteria.Add(n);
                else
                    Bad(SetSheet, fields["protectedCriteria"].Row, "Giá trị", $"\"{part}\" không phải là số tiêu chí.");
        }
        var (from, to) = (FieldNumber("failingShareFrom"), FieldNumber("failingShareTo"));
        var revocation =
            from is null && to is null && protectedCriteria is null ? null : new RevocationDocument(from, to, protectedCriteria);
        var satisfaction = FieldNumber("requiredSatisfaction");
        var doc = new CriteriaSetDocument
        {
            Code = Field("code"),
            Name = Field("name"),
            LegalBasis = Field("legalBasis"),
            ValidFrom = FieldInt("validFrom"),
            ValidTo = FieldInt("validTo"),
            Province = Field("province"),
            Details = Field("details"),
            Source = Field("source"),
            Notes = Field("notes"),
            Levels = levels,
            Groups = groups,
            Bands = bands,
            Criteria = criteria.Select(c => c.Doc).ToList(),
            Recognition = satisfaction is null && revocation is null ? null : new RecognitionDocument(satisfaction, revocation),
        };
        return new ReadResult(doc, problems, origins);
    }

    /// <summary>A cell's text, trimmed, without the apostrophe an export puts before formula-looking text; null when empty.</summary>
    private static string? Text(object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            double d => d.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        text = text?.Trim();
        if (text is { Length: > 1 } && text[0] == '\'' && "=+-@".Contains(text[1]))
            text = text[1..];
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static bool Flag(object? value) =>
        value switch
        {
            bool b => b,
            _ => Text(value)?.ToLowerInvariant() is not ("chưa" or "không" or "false" or "0"),
        };
}
