using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Auth;
using TimeTracker.Api.Http;
using TimeTracker.Core.Jobs;

namespace TimeTracker.Api.Jobs;

/// <summary>Runs a timer job now (operators backfilling, tests), answering with what it did.</summary>
public static class JobEndpoints
{
    public static Task<IResult> Run(HttpRequest request, string name, JobServices services) => WebWork.Handle(request, async ctx =>
    {
        services.AdminKey.Require(request);
        var job = services.Jobs.FirstOrDefault(j => j.Name == name)
            ?? throw new ApiException(StatusCodes.Status404NotFound, $"No job named '{name}'.", "name");
        var report = await job.RunAsync(ctx.Aborted);
        var failures = report.Failures.Select(f => new { workspace_id = f.WorkspaceId, error = f.Error.Message }).ToList();
        return WebWork.Ok(ctx, new { job = report.Job, counts = report.Counts, failures },
            report.Failures.Count == 0 ? "Job completed successfully" : "Job completed; some workspaces failed");
    });
}
