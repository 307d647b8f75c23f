namespace TimeTracker.Api;

/// <summary>The <c>TimeTracker:*</c> settings, the same keys in both hosts.</summary>
public sealed class TimeTrackerOptions
{
    public const string Section = "TimeTracker";

    public string? AdminKey { get; set; }

    /// <summary>Base of invitation links; defaults to the request's origin.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Take the client IP from the first <c>X-Forwarded-For</c> hop (only behind a proxy you control).</summary>
    public bool TrustForwardedFor { get; set; }
}
