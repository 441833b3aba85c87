using TrainEval.Web.Modules.Learning.Practice;
using TrainEval.Web.Modules.Learning.Practice.ManageQuestions;
using TrainEval.Web.Modules.Learning.Practice.Practise;

// In the module's namespace so LearningModule.AddLearning needs only the one call.
namespace TrainEval.Web.Modules.Learning;

public static class PracticeServices
{
    /// <summary>Practice (PRC-01, PRC-02): the teachers' question bank, learner practice and self-tests, practice figures.</summary>
    public static IServiceCollection AddLearningPractice(this IServiceCollection services)
    {
        services.AddScoped<QuestionBankHandler>();
        services.AddScoped<PracticeHandler>();
        services.AddScoped<PracticeStats>();
        return services;
    }
}
