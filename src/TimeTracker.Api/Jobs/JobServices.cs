using TimeTracker.Api.Auth;
using TimeTracker.Core.Jobs;

namespace TimeTracker.Api.Jobs;

/// <summary>
/// What the run-job endpoint needs. Both hosts resolve it from their container (minimal APIs bind it as a service,
/// Functions adapters receive it in their constructor), so a handler's signature shows its dependencies.
/// </summary>
public sealed record JobServices(IEnumerable<IJob> Jobs, AdminKey AdminKey);
