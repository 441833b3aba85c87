namespace TrainEval.Web.Modules.Supervision;

public static class SupervisionModule
{
    public static void AddSupervision(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Overview.RegulatorOverview>();
        builder.Services.AddScoped<Anomalies.ActivationAnomalies>();
    }
}
