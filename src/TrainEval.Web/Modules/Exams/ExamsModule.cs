namespace TrainEval.Web.Modules.Exams;

public static class ExamsModule
{
    // The exams issue adds sittings, attempts and their handlers here.
    public static void AddExams(this WebApplicationBuilder builder) { }
}
