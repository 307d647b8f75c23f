using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using TimeTracker.Hosting;

// The same services as the Server; only the default store differs (Cosmos in Azure).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddTimeTracker(builder.Configuration, builder.Environment.ContentRootPath, defaultProvider: "Cosmos");
builder.Build().Run();
