using TrainEval.Web.Modules;
using TrainEval.Web.Platform;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.AddModules();

var app = builder.Build();
if (Cli.IsCommand(args)) return await Cli.RunAsync(app, args);

app.UsePlatform();
app.MapModules();
await app.RunAsync();
return 0;

public partial class Program;
