using Microsoft.AspNetCore.Http;

namespace TimeTracker.Api.Http;

/// <summary>
/// A known route called with a verb it does not serve: 405 with an <c>Allow</c> header, in the route's family's error
/// shape (a client copying TimeTrack's doc literally sends POST to a read: it learns the verb instead of a bare 404).
/// </summary>
public static class MethodNotAllowed
{
    private static readonly string[] Verbs = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Each route of the table, the verbs it serves and refuses, and its endpoint family (the tag).</summary>
    public static IEnumerable<(string Route, string[] Allowed, string[] Refused, string Tag)> Routes =>
        RouteTable.Endpoints.GroupBy(e => e.Route).Select(g =>
        {
            var allowed = g.Select(e => e.Verb).Distinct().ToArray();
            return (g.Key, allowed, Verbs.Except(allowed).ToArray(), g.First().Tag);
        });

    public static async Task<IResult> Handle(HttpRequest request, string[] allowed, string tag)
    {
        var error = new ApiException(StatusCodes.Status405MethodNotAllowed,
            $"The {request.Method} method is not allowed on this route; it accepts {string.Join(", ", allowed)}.");
        var result = await ErrorFamilies.For(tag)(request, _ => throw error);
        return ErrorBoundary.WithHeader(result, "Allow", string.Join(", ", allowed));
    }
}
