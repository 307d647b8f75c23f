using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TimeTracker.Core.Members;
using TimeTracker.Core.Storage;

namespace TimeTracker.Api.Http;

/// <summary>
/// Runs a handler and turns every failure into the endpoint family's error shape: <see cref="ApiException"/>
/// as its status, a malformed request the host rejected as 400/413, a write that lost every optimistic retry as 503
/// with <c>Retry-After</c>, anything else as a logged 500.
/// </summary>
public static class ErrorBoundary
{
    public static async Task<IResult> RunAsync(HttpRequest request, Func<ApiContext, Task<IResult>> handler, Func<ApiContext, ApiException, IResult> render)
    {
        var context = new ApiContext(request);
        try
        {
            return await handler(context);
        }
        catch (ApiException e)
        {
            return render(context, e);
        }
        catch (DuplicateValueException e)
        {
            // Every store reports uniqueness the same way, so every endpoint answers it the same way.
            return render(context, ApiException.Conflict($"This {e.Field} is already taken in the workspace.", e.Field));
        }
        catch (LastOwnerException e)
        {
            return render(context, ApiException.Conflict(e.Message, "role"));
        }
        catch (ConcurrencyConflictException)
        {
            // Writers of one record kept racing past every retry: busy, not broken, and nothing was acknowledged.
            return render(context, new ApiException(StatusCodes.Status503ServiceUnavailable,
                "The record is busy with other writes; retry shortly.") { RetryAfter = TimeSpan.FromSeconds(1) });
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits (body size, malformed framing) surface here when the body is read.
            var error = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ApiException.TooLarge(RequestBody.DefaultLimit)
                : ApiException.BadRequest("body", "The request body could not be read.");
            return render(context, error);
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Results.StatusCode(499);
        }
        catch (Exception e)
        {
            request.HttpContext.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("TimeTracker.Api")
                .LogError(e, "Unhandled error in {Method} {Path}", request.Method, request.Path);
            return render(context, new ApiException(500, "An unexpected error occurred."));
        }
    }

    public static IResult WithRetryAfter(IResult result, ApiException error) =>
        error.RetryAfter is { } wait ? WithHeader(result, "Retry-After", Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)) : result;

    public static IResult WithHeader(IResult result, string name, string value) => new HeaderResult(result, name, value);

    private sealed class HeaderResult(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
