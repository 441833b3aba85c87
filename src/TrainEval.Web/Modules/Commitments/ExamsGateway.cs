using TrainEval.Web.Modules.Exams.Public;

namespace TrainEval.Web.Modules.Commitments;

/// <summary>
/// The exams module's public APIs, resolved when asked: the commitments module is usable (learning commitments, staff
/// pages) on a build where the exams module has not registered them yet; exam-commitment pages then say so.
/// </summary>
public sealed class ExamsGateway(IServiceProvider services)
{
    public IExamsApi? Exams => services.GetService<IExamsApi>();
    public IExamEntryApi? Entry => services.GetService<IExamEntryApi>();
}
