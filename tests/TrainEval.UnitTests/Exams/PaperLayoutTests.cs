using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;

namespace TrainEval.UnitTests.Exams;

public sealed class PaperLayoutTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Bank = Guid.NewGuid(), Project = Guid.NewGuid(), Author = Guid.NewGuid();

    private static List<ExamQuestion> BankOf(int perPointAndKind)
    {
        var list = new List<ExamQuestion>();
        foreach (var kp in new[] { "甲", "乙" })
            for (var i = 0; i < perPointAndKind; i++)
            {
                list.Add(ExamQuestion.Create(Bank, kp, ExamQuestionKind.Single, $"{kp}单{i}", ["A", "B", "C", "D"], "1", "", 2, Author, Now));
                list.Add(ExamQuestion.Create(Bank, kp, ExamQuestionKind.Multiple, $"{kp}多{i}", ["A", "B", "C", "D"], "0,2", "", 4, Author, Now));
                list.Add(ExamQuestion.Create(Bank, kp, ExamQuestionKind.TrueFalse, $"{kp}判{i}", ["正确", "错误"], "0", "", 1, Author, Now));
            }
        return list;
    }

    private static ExamPaper Blueprint(bool shuffle = true) => ExamPaper.Create(Bank, Project, "卷", "理论知识", PaperMode.Blueprint, [],
        [new("甲", ExamQuestionKind.Single, 3), new("乙", ExamQuestionKind.Multiple, 2), new("乙", ExamQuestionKind.TrueFalse, 4)], 6, shuffle, shuffle, Author, Now);

    [Fact]
    public void EXM_01_blueprint_draws_the_counts_per_knowledge_point_and_kind()
    {
        var bank = BankOf(5);
        var byId = bank.ToDictionary(q => q.Id);
        var layout = PaperLayout.Build(Blueprint(), bank, new Random(1));
        Assert.Equal(9, layout.Count);
        Assert.Equal(3, layout.Count(l => byId[l.Q].KnowledgePoint == "甲" && byId[l.Q].Kind == ExamQuestionKind.Single));
        Assert.Equal(2, layout.Count(l => byId[l.Q].KnowledgePoint == "乙" && byId[l.Q].Kind == ExamQuestionKind.Multiple));
        Assert.Equal(4, layout.Count(l => byId[l.Q].KnowledgePoint == "乙" && byId[l.Q].Kind == ExamQuestionKind.TrueFalse));
        Assert.Equal(layout.Count, layout.Select(l => l.Q).Distinct().Count());
        Assert.Equal(3 * 2 + 2 * 4 + 4 * 1, layout.Sum(l => l.P));
        // Parts stay in the usual order: single, multiple, true/false.
        Assert.Equal(layout.Select(l => byId[l.Q].Kind).Order(), layout.Select(l => byId[l.Q].Kind));
        Assert.All(layout.Where(l => byId[l.Q].Kind == ExamQuestionKind.TrueFalse), l => Assert.Equal([0, 1], l.O));   // 正确 stays first
    }

    [Fact]
    public void EXM_01_candidates_get_different_orders_and_a_short_bank_is_reported()
    {
        var bank = BankOf(5);
        var a = PaperLayout.Build(Blueprint(), bank, new Random(1));
        var b = PaperLayout.Build(Blueprint(), bank, new Random(2));
        Assert.NotEqual(a.Select(l => l.Q), b.Select(l => l.Q));
        var unshuffled = PaperLayout.Build(Blueprint(shuffle: false), bank, new Random(3));
        Assert.All(unshuffled, l => Assert.Equal(Enumerable.Range(0, l.O.Length), l.O));
        Assert.Contains(PaperLayout.Shortfalls(Blueprint(), BankOf(2)), s => s.Contains("题库只有 2 道"));
        Assert.Empty(PaperLayout.Shortfalls(Blueprint(), bank));
    }

    [Fact]
    public void EXM_05_answers_are_stored_in_canonical_options_and_scored_as_exact_sets()
    {
        var multiple = ExamQuestion.Create(Bank, "甲", ExamQuestionKind.Multiple, "多", ["A", "B", "C", "D"], "0,2", "", 4, Author, Now);
        var item = new LayoutItem(multiple.Id, [2, 0, 3, 1], 4);              // shown: C A D B
        Assert.Equal("0,2", Scoring.ToCanonical(item, ExamQuestionKind.Multiple, [1, 0]));   // the candidate ticked A and C as shown
        Assert.Equal([0, 1], Scoring.ToDisplayed(item, "0,2"));
        Assert.True(Scoring.IsCorrect(multiple, "0,2"));
        Assert.False(Scoring.IsCorrect(multiple, "0"));                        // a subset scores nothing
        Assert.False(Scoring.IsCorrect(multiple, "0,1,2"));
        Assert.Null(Scoring.ToCanonical(item, ExamQuestionKind.Multiple, [4]));
        Assert.Null(Scoring.ToCanonical(item, ExamQuestionKind.Multiple, [1, 1]));
        Assert.Null(Scoring.ToCanonical(item, ExamQuestionKind.Single, [0, 1]));
        Assert.Equal("", Scoring.ToCanonical(item, ExamQuestionKind.Multiple, []));
        var questions = new Dictionary<Guid, ExamQuestion> { [multiple.Id] = multiple };
        Assert.Equal(4, Scoring.Objective([item], questions, new Dictionary<Guid, string> { [multiple.Id] = "0,2" }));
        Assert.Equal(0, Scoring.Objective([item], questions, new Dictionary<Guid, string>()));
    }

    [Fact]
    public void EXM_01_question_input_rules()
    {
        QuestionInput Q(ExamQuestionKind k, string[] options, int[] correct, string rubric = "") => new(Bank, "甲", k, "题干", options, correct, rubric, 2);
        Assert.Empty(ExamContentAdmin.Validate(Q(ExamQuestionKind.Single, ["A", "B"], [1])));
        Assert.Contains("Correct", ExamContentAdmin.Validate(Q(ExamQuestionKind.Multiple, ["A", "B", "C"], [1])).Keys);
        Assert.Contains("Options", ExamContentAdmin.Validate(Q(ExamQuestionKind.Single, ["A", "A"], [0])).Keys);
        Assert.Contains("Rubric", ExamContentAdmin.Validate(Q(ExamQuestionKind.Practical, [], [])).Keys);
        Assert.Empty(ExamContentAdmin.Validate(Q(ExamQuestionKind.TrueFalse, ["正确", "错误"], [1])));
    }
}
