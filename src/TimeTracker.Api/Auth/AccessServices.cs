using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;

namespace TimeTracker.Api.Auth;

/// <summary>
/// What the API-key and sign-in endpoints need. Both hosts resolve it from their container (minimal APIs bind it as a
/// service, Functions adapters receive it in their constructor), so a handler's signature shows its dependencies.
/// </summary>
public sealed record AccessServices(IApiKeyStore Keys, IMemberStore Members, ILoginThrottleStore Throttle);
