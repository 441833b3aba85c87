using System.Security.Cryptography;

namespace TrainEval.Web.Modules.Learning.Practice;

/// <summary>Round sizes, self-test defaults and the random draw (see README.md in this folder).</summary>
public static class PracticeRules
{
    /// <summary>专项练习: up to this many random questions of one knowledge point.</summary>
    public const int SpecialCount = 10;
    /// <summary>阶段测验: up to this many random questions of one section.</summary>
    public const int StageCount = 20;
    /// <summary>错题练习: up to this many random questions from the wrong-answer book.</summary>
    public const int WrongBookCount = 10;
    /// <summary>A self-test unit without a question count draws this many.</summary>
    public const int DefaultSelfTestCount = 10;
    /// <summary>A self-test unit without a pass mark passes at this percentage.</summary>
    public const int DefaultPassPercent = 60;
    /// <summary><see cref="Content.UnitCompletion.How"/> of a passed self-test; the evidence is the round id.</summary>
    public const string PassedHow = "passed";

    /// <summary>Up to <paramref name="count"/> distinct items in random order (Fisher–Yates with the cryptographic RNG).</summary>
    public static IReadOnlyList<T> Draw<T>(IReadOnlyList<T> pool, int count)
    {
        var items = pool.ToArray();
        var n = Math.Min(Math.Max(0, count), items.Length);
        for (var i = 0; i < n; i++)
        {
            var j = RandomNumberGenerator.GetInt32(i, items.Length);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items[..n];
    }
}
