using TrainEval.Web.Modules.Retention;
using TrainEval.Web.Platform.Retention;

namespace TrainEval.UnitTests.Retention;

public sealed class RetentionPolicyTests
{
    private sealed class Target(string type, int legalMinimum, int defaultDays) : IRetentionTarget
    {
        public string RecordType => type;
        public string Title => "测试记录 " + type;
        public int LegalMinimumDays => legalMinimum;
        public int DefaultDays => defaultDays;
        public Task<IReadOnlyList<RetentionCandidate>> ExpiredAsync(DateTime cutoffUtc, int max, CancellationToken ct) => throw new NotSupportedException();
        public Task<StagedDisposal> DisposeAsync(IReadOnlyCollection<string> ids, DateTime cutoffUtc, CancellationToken ct) => throw new NotSupportedException();
    }

    private static readonly IRetentionTarget[] Targets = [new Target("idv.frames.learning", 180, 365), new Target("idv.frames.exam", 730, 730), new Target("exams.sheets", 0, 30)];

    [Fact]
    public void ARC_02_retention_below_legal_minimum_is_refused()
    {
        var errors = RetentionPolicy.Validate(Targets, new RetentionOptions { Periods = new() { ["idv.frames.learning"] = 90 } });
        var error = Assert.Single(errors);
        Assert.Contains("idv.frames.learning = 90 天", error);
        Assert.Contains("最短保存期 180 天", error);
    }

    [Fact]
    public void ARC_02_exam_affairs_records_keep_at_least_two_years_whatever_the_target_says()
    {
        // The target claims no minimum, but "exams." is exam affairs: 730 days, and its default is raised to it.
        var rules = RetentionPolicy.Rules(Targets, new RetentionOptions());
        Assert.Equal(730, rules.Single(r => r.RecordType == "exams.sheets").Days);
        Assert.Equal(730, rules.Single(r => r.RecordType == "exams.sheets").LegalMinimumDays);

        var errors = RetentionPolicy.Validate(Targets, new RetentionOptions { Periods = new() { ["exams.sheets"] = 729, ["idv.frames.exam"] = 365 } });
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Contains("考务档案至少留存 2 年", e));
    }

    [Fact]
    public void ARC_02_unknown_record_types_and_valid_longer_periods()
    {
        Assert.Empty(RetentionPolicy.Validate(Targets, new RetentionOptions { Periods = new() { ["idv.frames.learning"] = 3650, ["idv.frames.exam"] = 1095 } }));
        var errors = RetentionPolicy.Validate(Targets, new RetentionOptions { Periods = new() { ["idv.frame.learning"] = 400 } });
        Assert.Contains("没有这种记录类型", Assert.Single(errors));
    }

    [Fact]
    public void ARC_02_the_ids_hash_does_not_depend_on_order()
        => Assert.Equal(RetentionPolicy.IdsHash(["b", "a", "c"]), RetentionPolicy.IdsHash(["c", "b", "a"]));
}
