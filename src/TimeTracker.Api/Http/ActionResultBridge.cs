using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace TimeTracker.Api.Http;

/// <summary>
/// The Functions ASP.NET Core integration executes <see cref="IActionResult"/> return values (its proxying middleware
/// does not run minimal-API <see cref="IResult"/>s), so Functions adapters wrap the handlers' results with this.
/// </summary>
public static class ActionResultBridge
{
    public static async Task<IActionResult> AsActionResult(this Task<IResult> result) => new Executing(await result);

    private sealed class Executing(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
