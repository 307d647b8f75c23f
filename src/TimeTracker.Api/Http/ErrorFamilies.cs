using Microsoft.AspNetCore.Http;

namespace TimeTracker.Api.Http;

/// <summary>Which vendor family's envelope and error shape a route answers in, by its route-table tag.</summary>
public static class ErrorFamilies
{
    public static Func<HttpRequest, Func<ApiContext, Task<IResult>>, Task<IResult>> For(string tag) => tag switch
    {
        "Attendance" => ProblemDetailsFamily.Handle,
        "Analytics" => TrackPilots.Handle,
        "Engagement" => RocketChat.Handle,
        _ => WebWork.Handle,
    };
}
