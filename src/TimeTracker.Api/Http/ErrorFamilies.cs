using Microsoft.AspNetCore.Http;

namespace TimeTracker.Api.Http;

/// <summary>Which vendor family's envelope and error shape a route answers in, by its route-table tag.</summary>
public static class ErrorFamilies
{
    /// <summary>Whether the tag's routes answer in WebWork's envelope (all but three other vendors and Docs).</summary>
    public static bool IsWebWork(string tag) => tag is not ("Attendance" or "Analytics" or "Engagement" or "Docs");

    public static Func<HttpRequest, Func<ApiContext, Task<IResult>>, Task<IResult>> For(string tag) => tag switch
    {
        "Attendance" => ProblemDetailsFamily.Handle,
        "Analytics" => TrackPilots.Handle,
        "Engagement" => RocketChat.Handle,
        _ => WebWork.Handle,
    };
}
