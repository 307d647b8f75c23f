using TimeTracker.Core.Analytics;
using TimeTracker.Core.Members;

namespace TimeTracker.Api.Engagement;

/// <summary>
/// What Rocket.Chat's engagement endpoints need. Both hosts resolve it from their container (minimal APIs bind it as a
/// service, Functions adapters receive it in their constructor), so a handler's signature shows its dependencies.
/// </summary>
public sealed record EngagementServices(ActiveUsers ActiveUsers, IMemberStore Members);
