using TimeTracker.Server;

var command = JobCommand.IsRequested(args) || TokenCommand.IsRequested(args) || ImportCommand.IsRequested(args);
var builder = WebApplication.CreateBuilder(args);
builder.AddTimeTrackerServer(runScheduler: !command);
var app = builder.Build();
if (JobCommand.IsRequested(args)) return await JobCommand.RunAsync(app, args);
if (TokenCommand.IsRequested(args)) return await TokenCommand.RunAsync(app, args);
if (ImportCommand.IsRequested(args)) return await ImportCommand.RunAsync(app, args);

app.MapTimeTracker();
await app.SeedDemoWorkspaceAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
