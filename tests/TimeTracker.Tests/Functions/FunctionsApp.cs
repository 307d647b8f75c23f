using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TimeTracker.Functions;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Functions;

/// <summary>
/// The Functions app's own service container, built as functions/ builds it (<see cref="FunctionsSetup"/>), on the same
/// temporary SQLite file and clock as a real Server, so one request can be put to both hosts. Functions are invoked
/// the way the worker does: the class activated from the container, the method called with the request and route values.
/// </summary>
public sealed class FunctionsApp : IDisposable
{
    public ServerFactory Server { get; } = new();
    public IHost Host { get; }
    public CapturedLogs Logs { get; } = new();

    public FunctionsApp()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:Sqlite:Path"] = Server.DatabasePath,
            ["TimeTracker:AdminKey"] = ServerFactory.AdminKey,
        });
        builder.AddTimeTrackerFunctions();
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(Server.Clock);
        builder.Logging.AddProvider(Logs);
        Host = builder.Build();
        _ = Server.Services; // starts the Server (and its migrations) before either host serves a request
    }

    /// <summary>Every method marked [Function] in functions/, by function name.</summary>
    public static IReadOnlyDictionary<string, MethodInfo> Functions { get; } = typeof(FunctionsSetup).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods())
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name);

    public object Activate(Type functionClass) => ActivatorUtilities.CreateInstance(Host.Services, functionClass);

    public sealed record Answer(int Status, string Body, string? ContentType);

    /// <summary>Invokes the HTTP function with a request built like the worker's ASP.NET Core integration builds it.</summary>
    public async Task<Answer> InvokeAsync(string function, HttpRequestMessage message, IReadOnlyDictionary<string, string>? routeValues = null)
    {
        var method = Functions[function];
        await using var scope = Host.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var request = context.Request;
        request.Method = message.Method.Method;
        request.Scheme = "http";
        request.Host = new HostString("localhost");
        request.Path = message.RequestUri!.OriginalString.Split('?')[0];
        request.QueryString = new QueryString(message.RequestUri.OriginalString.Contains('?') ? "?" + message.RequestUri.OriginalString.Split('?', 2)[1] : "");
        foreach (var header in message.Headers) request.Headers[header.Key] = header.Value.ToArray();
        if (message.Content is not null)
        {
            var bytes = await message.Content.ReadAsByteArrayAsync();
            request.Body = new MemoryStream(bytes);
            request.ContentLength = bytes.Length;
            request.ContentType = message.Content.Headers.ContentType?.ToString();
        }
        var body = new MemoryStream();
        context.Response.Body = body;

        var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(HttpRequest) ? request : (object)routeValues![p.Name!]).ToArray();
        var result = await (Task<IActionResult>)method.Invoke(Activate(method.DeclaringType!), arguments)!;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return new Answer(context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), context.Response.ContentType);
    }

    public void Dispose()
    {
        Host.Dispose();
        Server.Dispose();
    }

    /// <summary>Log messages written through the Functions app's logging, for the timer tests.</summary>
    public sealed class CapturedLogs : ILoggerProvider
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages { get { lock (_messages) return [.. _messages]; } }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(CapturedLogs logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (logs._messages) logs._messages.Add(formatter(state, exception));
            }
        }
    }
}
