using TimeTracker.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddTimeTrackerServer();
var app = builder.Build();
app.MapTimeTracker();
await app.SeedDemoWorkspaceAsync();
await app.RunAsync();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
