namespace TrainEval.Web.Modules.Retention;

/// <summary>Bound from "Modules:Retention". Periods are in days, keyed by record type (see IRetentionTarget.RecordType).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Modules:Retention";

    /// <summary>Overrides of the targets' default periods, e.g. <c>Modules__Retention__Periods__idv.frames.learning=365</c>.</summary>
    public Dictionary<string, int> Periods { get; set; } = new();

    /// <summary>Most records one disposal proposal names.</summary>
    public int MaxBatch { get; set; } = 500;
}
