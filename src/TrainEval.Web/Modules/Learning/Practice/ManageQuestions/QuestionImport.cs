using System.Data;
using System.Globalization;
using System.IO.Compression;
using MiniExcelLibs;

namespace TrainEval.Web.Modules.Learning.Practice.ManageQuestions;

/// <summary>A validated question of an import file with its spreadsheet row number (the header is row 1).</summary>
public sealed record ImportedQuestion(int Row, ValidQuestion Question);

/// <summary>Every row read and checked; <see cref="Errors"/> empty means every row is valid.</summary>
public sealed record ImportReading(IReadOnlyList<ImportedQuestion> Questions, IReadOnlyList<string> Errors);

/// <summary>
/// Bulk import of practice questions from an .xlsx file (PRC-01) with the columns 知识点, 题型 (单选/多选/判断), 题干,
/// 选项A…选项F, 答案, 解析. The file is checked by content (ZIP signature, an Excel workbook inside, bounded size when
/// unpacked) before MiniExcel reads the first sheet. Every row is validated with <see cref="QuestionRules"/>; errors
/// name the spreadsheet row. The caller imports nothing unless every row is valid.
/// </summary>
public static class QuestionImport
{
    public const int MaxFileKb = 2048;
    public const int MaxRows = 1000;
    private const long MaxUnpackedBytes = 40L * 1024 * 1024;
    private const int MaxErrors = 100;

    public static readonly IReadOnlyList<string> OptionColumns = ["选项A", "选项B", "选项C", "选项D", "选项E", "选项F"];
    public static readonly IReadOnlyList<string> Columns = ["知识点", "题型", "题干", .. OptionColumns, "答案", "解析"];
    private static readonly string[] Required = ["知识点", "题型", "题干", "选项A", "选项B", "答案", "解析"];

    /// <summary>Null when the bytes look like an .xlsx workbook of acceptable size; otherwise the reason in Chinese.</summary>
    public static string? CheckFile(byte[] data)
    {
        if (data.Length == 0) return "文件为空。";
        if (data.Length > MaxFileKb * 1024L) return $"文件过大：不能超过 {MaxFileKb / 1024} MB。";
        if (data.Length < 4 || data[0] != 0x50 || data[1] != 0x4B || data[2] != 0x03 || data[3] != 0x04)
            return "只接受 Excel 工作簿（.xlsx）：请使用下载的模板填写后上传。";
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data), ZipArchiveMode.Read);
            if (zip.Entries.Count > 200 || zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes) return "文件内容过大，请拆分后分批导入。";
            if (zip.GetEntry("xl/workbook.xml") is null) return "不是有效的 Excel 工作簿（.xlsx）。";
        }
        catch (InvalidDataException)
        {
            return "文件已损坏，无法读取。";
        }
        return null;
    }

    /// <summary>Reads and validates the first sheet. Call <see cref="CheckFile"/> first.</summary>
    public static ImportReading Read(byte[] data)
    {
        List<IDictionary<string, object?>> rows;
        try
        {
            using var stream = new MemoryStream(data);
            rows = stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Take(MaxRows + 2)
                .Select(r => (IDictionary<string, object?>)r).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ImportReading([], ["文件无法读取：请确认是用 Excel 或 WPS 保存的 .xlsx 工作簿。"]);
        }
        if (rows.Count == 0) return new ImportReading([], ["文件是空的：第 1 行须为列标题（知识点、题型、题干、选项A…选项F、答案、解析）。"]);

        // Row 1 holds the column titles; map each known title to its column letter.
        var columnOf = new Dictionary<string, string>();
        foreach (var (letter, value) in rows[0])
        {
            var title = Cell(value).Replace(" ", "").Replace("　", "");
            if (Columns.Contains(title) && !columnOf.ContainsKey(title)) columnOf[title] = letter;
        }
        var missing = Required.Where(c => !columnOf.ContainsKey(c)).ToList();
        if (missing.Count > 0) return new ImportReading([], [$"第 1 行缺少列：{string.Join("、", missing)}（请使用下载的模板）。"]);
        if (rows.Count > MaxRows + 1) return new ImportReading([], [$"一次最多导入 {MaxRows} 道题，请拆分后分批导入。"]);

        var questions = new List<ImportedQuestion>();
        var errors = new List<string>();
        var seen = new Dictionary<(string, string), int>();
        for (var i = 1; i < rows.Count; i++)
        {
            var rowNo = i + 1;
            string Get(string column) => columnOf.TryGetValue(column, out var l) && rows[i].TryGetValue(l, out var v) ? Cell(v) : "";
            var all = Columns.Select(Get).ToList();
            if (all.All(string.IsNullOrWhiteSpace)) continue;   // blank rows are skipped
            var kindText = Get("题型");
            var draft = new QuestionDraft(Get("知识点"), QuestionRules.ParseKind(kindText), Get("题干"), OptionColumns.Select(Get).ToList(), Get("答案"), Get("解析"));
            var (valid, fieldErrors) = QuestionRules.Validate(draft);
            if (valid is null)
            {
                foreach (var e in fieldErrors)
                    errors.Add(e.Key == "Kind" && kindText.Length > 0 ? $"第 {rowNo} 行：题型“{kindText}”无效，须为 单选、多选 或 判断。" : $"第 {rowNo} 行：{e.Value}");
                continue;
            }
            if (seen.TryGetValue((valid.KnowledgePoint, valid.Stem), out var first))
            {
                errors.Add($"第 {rowNo} 行：与第 {first} 行是同一知识点下的同一题干（重复）。");
                continue;
            }
            seen[(valid.KnowledgePoint, valid.Stem)] = rowNo;
            questions.Add(new ImportedQuestion(rowNo, valid));
        }
        if (questions.Count == 0 && errors.Count == 0) errors.Add("文件中没有题目：请从第 2 行起每行填写一道题。");
        return new ImportReading(questions, Cap(errors));
    }

    public static IReadOnlyList<string> Cap(List<string> errors)
        => errors.Count <= MaxErrors ? errors : [.. errors.Take(MaxErrors), $"……另有 {errors.Count - MaxErrors} 处错误未列出。"];

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        bool b => b ? "T" : "F",
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };

    /// <summary>The import template: sheet "题目" with the column titles only, sheet "填写说明" with rules and one example per kind.</summary>
    public static byte[] Template()
    {
        var questions = new DataTable("题目");
        foreach (var c in Columns) questions.Columns.Add(c, typeof(string));
        var guide = new DataTable("填写说明");
        foreach (var c in Columns) guide.Columns.Add(c, typeof(string));
        guide.Rows.Add("3.3 心肺复苏", "单选", "成人心肺复苏胸外按压的频率应为每分钟多少次？", "60～80 次", "80～100 次", "100～120 次", "120～140 次", "", "", "C",
            "按现行心肺复苏指南，成人胸外按压频率为每分钟 100～120 次。");
        guide.Rows.Add("3.1 溺水识别", "多选", "下列哪些是溺水者的典型表现？", "头部后仰、口鼻在水面附近起伏", "大声呼救并挥手", "身体直立、双腿几乎不蹬水", "眼神呆滞或闭眼", "", "",
            "ACD", "真正溺水时往往无法呼救和挥手，表现为头后仰、口在水面起伏、身体直立、眼神呆滞，呈“本能溺水反应”。");
        guide.Rows.Add("4.2 开放管理", "判断", "游泳池开放期间，救生员可以暂时离开岗位去接电话。", "", "", "", "", "", "", "错",
            "开放期间救生员须在岗值守、持续观察水面，离岗须由他人接替。");
        guide.Rows.Add("", "", "", "", "", "", "", "", "", "", "");
        guide.Rows.Add("说明", "", "在“题目”工作表中从第 2 行起每行填写一道题；本表仅为示例，不会被导入。", "", "", "", "", "", "", "", "");
        guide.Rows.Add("题型", "", "单选：2～6 个选项，答案为一个字母；多选：2～6 个选项，答案为至少两个字母（如 ACD）；判断：不填选项，答案为“对”或“错”。", "", "", "", "", "", "", "", "");
        guide.Rows.Add("解析", "", "每道题都须填写解析；导入时逐行校验，任何一行有误则整份文件不导入，并列出出错的行号。", "", "", "", "", "", "", "", "");
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["题目"] = questions, ["填写说明"] = guide }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
