using TrainEval.Web.Modules.Exams.Attempts;

namespace TrainEval.Web.Modules.Exams.Content;

/// <summary>
/// Builds a candidate's question layout from a paper (EXM-01): the fixed list or a draw per blueprint line, then the
/// question order and each question's option order shuffled when the paper says so. True/false options are never
/// shuffled (正确 stays first).
/// </summary>
public static class PaperLayout
{
    public sealed record Problem(string Message);

    /// <summary>Checks that the bank can serve the paper; returns what is short (for the paper editor and sitting setup).</summary>
    public static IReadOnlyList<string> Shortfalls(ExamPaper paper, IReadOnlyList<ExamQuestion> bank)
    {
        var live = bank.Where(q => q.ArchivedAtUtc is null).ToList();
        if (paper.Mode == PaperMode.Fixed)
        {
            var ids = live.Select(q => q.Id).ToHashSet();
            var missing = paper.QuestionIds().Count(id => !ids.Contains(id));
            return paper.QuestionIds().Count == 0 ? ["试卷没有题目"] : missing > 0 ? [$"{missing} 道题已停用或不在题库中"] : [];
        }
        var lines = paper.Blueprint();
        if (lines.Count == 0) return ["组卷规则为空"];
        return [.. lines.Select(l => (l, have: live.Count(q => q.Kind == l.Kind && q.KnowledgePoint == l.KnowledgePoint)))
            .Where(x => x.have < x.l.Count)
            .Select(x => $"知识点“{x.l.KnowledgePoint}”的{KindLabel(x.l.Kind)}需 {x.l.Count} 道，题库只有 {x.have} 道")];
    }

    public static IReadOnlyList<LayoutItem> Build(ExamPaper paper, IReadOnlyList<ExamQuestion> bank, Random rng)
    {
        var live = bank.Where(q => q.ArchivedAtUtc is null).ToDictionary(q => q.Id);
        List<ExamQuestion> chosen;
        if (paper.Mode == PaperMode.Fixed)
            chosen = [.. paper.QuestionIds().Select(id => live[id])];
        else
        {
            chosen = [];
            foreach (var line in paper.Blueprint())
            {
                var pool = live.Values.Where(q => q.Kind == line.Kind && q.KnowledgePoint == line.KnowledgePoint).OrderBy(q => q.Id).ToArray();
                rng.Shuffle(pool);
                chosen.AddRange(pool.Take(line.Count));
            }
        }
        if (paper.ShuffleQuestions)
        {
            // Keep the usual exam structure (single, multiple, true/false, practical) and shuffle within each part.
            chosen = [.. chosen.GroupBy(q => q.Kind).OrderBy(g => g.Key).SelectMany(g => { var part = g.ToArray(); rng.Shuffle(part); return part; })];
        }
        return [.. chosen.Select(q =>
        {
            var order = Enumerable.Range(0, q.Options().Count).ToArray();
            if (paper.ShuffleOptions && q.Kind is ExamQuestionKind.Single or ExamQuestionKind.Multiple) rng.Shuffle(order);
            return new LayoutItem(q.Id, order, q.Points);
        })];
    }

    public static string KindLabel(ExamQuestionKind k) => k switch
    {
        ExamQuestionKind.Single => "单选题", ExamQuestionKind.Multiple => "多选题", ExamQuestionKind.TrueFalse => "判断题", ExamQuestionKind.Practical => "实操题", _ => k.ToString(),
    };
}

/// <summary>EXM-05: scores come only from stored answers. Objective items: the exact set of right options scores full points.</summary>
public static class Scoring
{
    /// <summary>Displayed positions chosen by the candidate → canonical indices "0,2" (ascending, distinct); null when invalid.</summary>
    public static string? ToCanonical(LayoutItem item, ExamQuestionKind kind, IReadOnlyList<int> displayed)
    {
        if (kind == ExamQuestionKind.Practical) return null;
        if (displayed.Count == 0) return "";
        if (displayed.Any(d => d < 0 || d >= item.O.Length) || displayed.Distinct().Count() != displayed.Count) return null;
        if (kind != ExamQuestionKind.Multiple && displayed.Count != 1) return null;
        return string.Join(",", displayed.Select(d => item.O[d]).Order());
    }

    /// <summary>Canonical answer → displayed positions (to show the candidate their saved answer).</summary>
    public static IReadOnlyList<int> ToDisplayed(LayoutItem item, string canonical)
    {
        if (string.IsNullOrEmpty(canonical)) return [];
        var set = canonical.Split(',').Select(int.Parse).ToHashSet();
        return [.. Enumerable.Range(0, item.O.Length).Where(d => set.Contains(item.O[d]))];
    }

    public static bool IsCorrect(ExamQuestion q, string? canonical)
        => q.Kind != ExamQuestionKind.Practical && !string.IsNullOrEmpty(canonical) && canonical == q.AnswerKey;

    /// <summary>Objective points of the stored answers.</summary>
    public static decimal Objective(IReadOnlyList<LayoutItem> layout, IReadOnlyDictionary<Guid, ExamQuestion> questions, IReadOnlyDictionary<Guid, string> answers)
        => layout.Where(l => questions.TryGetValue(l.Q, out var q) && IsCorrect(q, answers.GetValueOrDefault(l.Q))).Sum(l => l.P);
}
