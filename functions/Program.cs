using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace TimeTracker.Functions;

/// <summary>The worker's entry point (a named class: the tests reference both hosts, and the Server owns <c>Program</c>).</summary>
public static class FunctionsProgram
{
    public static void Main(string[] args) => FunctionsApplication.CreateBuilder(args).AddTimeTrackerFunctions().Build().Run();
}
