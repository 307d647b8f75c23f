using TimeTracker.Core.Analytics;
using TimeTracker.Core.Members;

namespace TimeTracker.Api.Analytics;

/// <summary>
/// What the work-time analysis endpoint needs. Both hosts resolve it from their container (minimal APIs bind it as a
/// service, Functions adapters receive it in their constructor), so a handler's signature shows its dependencies.
/// </summary>
public sealed record AnalyticsServices(WorkTimeAnalysis Analysis, IMemberStore Members);
