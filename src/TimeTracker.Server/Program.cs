using TimeTracker.Server;

var command = CommandLine.Command(args);
var builder = ServerSetup.CreateServerBuilder(args);
builder.AddTimeTrackerServer(runScheduler: command is null);
var app = builder.Build();
if (command is not null) return await command(app, args);

app.MapTimeTracker();
await app.SeedDemoWorkspaceAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
