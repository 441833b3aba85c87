namespace TrainEval.Web.Modules.Learning.Records;

public static class RecordsServices
{
    /// <summary>Learning records, annex-2 exports, statistics and the printable record (LRN-06, LRN-07, SUP-03).</summary>
    public static IServiceCollection AddLearningRecords(this IServiceCollection services)
    {
        services.AddOptions<RecordsOptions>().BindConfiguration(RecordsOptions.Section)
            .Validate(o => o.ExportMaxRows > 0 && o.PageSize is > 0 and <= 500, "Modules:Learning:Records: ExportMaxRows > 0 and PageSize 1–500.")
            .ValidateOnStart();
        services.AddScoped<LearnerRecords>();
        services.AddScoped<RecordScopes>();
        services.AddScoped<Export.AnnexExport>();
        services.AddScoped<Statistics.LearningStatistics>();
        services.AddScoped<MyRecords.LearningRecordPrint>();
        return services;
    }
}
