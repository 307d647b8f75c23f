using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Api.Http;
using TimeTracker.Core.Storage;

namespace TimeTracker.Tests.Unit;

/// <summary>How failures the handlers do not catch reach the client.</summary>
public sealed class ErrorBoundaryTests
{
    [Fact]
    public async Task A_write_that_lost_every_optimistic_retry_is_a_503_with_retry_after_in_the_familys_shape()
    {
        var context = new DefaultHttpContext
        {
            Response = { Body = new MemoryStream() },
            RequestServices = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging().BuildServiceProvider(),
        };
        var result = await WebWork.Handle(context.Request, _ => throw new ConcurrencyConflictException());
        await result.ExecuteAsync(context);

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains("\"success\":false", body);
        Assert.Contains("retry shortly", body);
    }
}
