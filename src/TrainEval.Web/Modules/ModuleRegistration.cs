using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Certificates;
using TrainEval.Web.Modules.Archive;
using TrainEval.Web.Modules.Commitments;
using TrainEval.Web.Modules.Complaints;
using TrainEval.Web.Modules.Demo;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Exams;
using TrainEval.Web.Modules.Journey;
using TrainEval.Web.Modules.Learning;
using TrainEval.Web.Modules.Notifications;
using TrainEval.Web.Modules.Payments;
using TrainEval.Web.Modules.Retention;
using TrainEval.Web.Modules.Supervision;
using TrainEval.Web.Modules.Verification;
using TrainEval.Web.Modules.Violations;

namespace TrainEval.Web.Modules;

/// <summary>Modules in the order a learner moves through the platform.</summary>
public static class ModuleRegistration
{
    public static void AddModules(this WebApplicationBuilder builder)
    {
        builder.AddNotifications();
        builder.AddAccounts();
        builder.AddViolations();
        builder.AddEnrollment();
        builder.AddPayments();
        builder.AddVerification();
        builder.AddLearning();
        builder.AddCommitments();
        builder.AddExams();
        builder.AddCertificates();
        builder.AddJourney();
        builder.AddComplaints();
        builder.AddArchive();
        builder.AddSupervision();
        builder.AddRetention();
        builder.AddDemo();
    }

    public static void MapModules(this WebApplication app)
    {
        app.MapEnrollment();
        app.MapPayments();
        app.MapVerification();
        app.MapLearning();
        Learning.Content.ContentServices.MapLearningContent(app);
        app.MapExams();
        app.MapCommitments();
        app.MapJourney();
    }
}
