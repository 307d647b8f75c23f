using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TimeTracker.Api;
using TimeTracker.Core.Jobs;

namespace TimeTracker.Tests.Contract;

/// <summary>
/// Reads functions/**/*.cs with Roslyn and compares its adapters with the route table and the jobs: every endpoint and
/// job has exactly one adapter with the same name, verb, route, route parameters and handler; no adapter points
/// anywhere else; adapters are one expression, no logic. What the host indexes is checked on the generated
/// functions.metadata (Functions/FunctionsMetadataTests); this fast check adds the handler each adapter calls.
/// </summary>
public static partial class FunctionsContract
{
    private sealed record HttpAdapter(string Name, string Verb, string Route, string Handler, IReadOnlyList<string> Parameters);
    private sealed record TimerAdapter(string Name, string Schedule, string Job);

    public static IReadOnlyList<string> Check(IEnumerable<(string Path, string Source)> files, IReadOnlyList<ApiEndpoint> endpoints, IReadOnlyList<IJob> jobs)
    {
        var problems = new List<string>();
        var http = new List<HttpAdapter>();
        var timers = new List<TimerAdapter>();
        foreach (var (path, source) in files)
        {
            var root = CSharpSyntaxTree.ParseText(source, path: path).GetCompilationUnitRoot();
            foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var function = Attribute(method.AttributeLists, "Function");
                if (function is null) continue;
                var name = Literal(function.ArgumentList?.Arguments.FirstOrDefault()?.Expression) ?? "?";
                if (method.ExpressionBody is null) problems.Add($"{path}: function {name} has a block body; adapters must be one expression");
                var invoked = method.ExpressionBody?.Expression.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
                    .Select(i => i.Expression).OfType<MemberAccessExpressionSyntax>()
                    .Select(m => m.ToString()).LastOrDefault() ?? "?";
                var httpParameter = method.ParameterList.Parameters.FirstOrDefault(p => Attribute(p.AttributeLists, "HttpTrigger") is not null);
                var timerParameter = method.ParameterList.Parameters.FirstOrDefault(p => Attribute(p.AttributeLists, "TimerTrigger") is not null);
                if (httpParameter is not null)
                {
                    var trigger = Attribute(httpParameter.AttributeLists, "HttpTrigger")!;
                    var arguments = trigger.ArgumentList!.Arguments;
                    var verbs = arguments.Where(a => a.NameEquals is null).Select(a => Literal(a.Expression)).OfType<string>().ToList();
                    var route = arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == "Route")?.Expression;
                    var extra = method.ParameterList.Parameters.Where(p => p != httpParameter).Select(p => p.Identifier.Text).ToList();
                    http.Add(new HttpAdapter(name, string.Join(",", verbs).ToUpperInvariant(), ResolveRoute(route), invoked, extra));
                }
                else if (timerParameter is not null)
                {
                    var trigger = Attribute(timerParameter.AttributeLists, "TimerTrigger")!;
                    var schedule = Literal(trigger.ArgumentList?.Arguments.FirstOrDefault()?.Expression) ?? "?";
                    var job = method.ExpressionBody?.Expression.DescendantNodes().OfType<LiteralExpressionSyntax>()
                        .Select(l => l.Token.ValueText).FirstOrDefault(v => jobs.Any(j => j.Name == v)) ?? "?";
                    timers.Add(new TimerAdapter(name, schedule, job));
                }
                else problems.Add($"{path}: function {name} has neither an HttpTrigger nor a TimerTrigger");
            }
        }

        foreach (var endpoint in endpoints)
        {
            var adapters = http.Where(a => a.Name == endpoint.Name).ToList();
            if (adapters.Count != 1)
            {
                problems.Add($"endpoint {endpoint.Name} ({endpoint.Verb} {endpoint.Route}) has {adapters.Count} adapters, expected 1");
                continue;
            }
            var adapter = adapters[0];
            var handler = $"{endpoint.Handler.Method.DeclaringType!.Name}.{endpoint.Handler.Method.Name}";
            if (adapter.Verb != endpoint.Verb) problems.Add($"{endpoint.Name}: adapter verb {adapter.Verb}, route table {endpoint.Verb}");
            if (adapter.Route != endpoint.Route) problems.Add($"{endpoint.Name}: adapter route '{adapter.Route}', route table '{endpoint.Route}'");
            if (adapter.Handler != handler) problems.Add($"{endpoint.Name}: adapter calls {adapter.Handler}, route table handler is {handler}");
            var templateParameters = RouteParameter().Matches(endpoint.Route).Select(m => m.Groups[1].Value).ToList();
            if (!adapter.Parameters.SequenceEqual(templateParameters))
                problems.Add($"{endpoint.Name}: adapter parameters ({string.Join(", ", adapter.Parameters)}) do not match the route's ({string.Join(", ", templateParameters)})");
        }
        foreach (var extra in http.Where(a => endpoints.All(e => e.Name != a.Name)))
            problems.Add($"adapter {extra.Name} ({extra.Verb} {extra.Route}) has no endpoint in the route table");

        foreach (var job in jobs)
        {
            var adapters = timers.Where(t => t.Job == job.Name).ToList();
            var expected = $"%{JobSchedules.SettingKey(job)}%";
            if (adapters.Count != 1) problems.Add($"job {job.Name} has {adapters.Count} timer adapters, expected 1");
            else if (adapters[0].Schedule != expected) problems.Add($"job {job.Name}: timer schedule '{adapters[0].Schedule}', expected '{expected}'");
        }
        foreach (var orphan in timers.Where(t => t.Job == "?")) problems.Add($"timer {orphan.Name} runs no known job");
        return problems;
    }

    private static AttributeSyntax? Attribute(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(l => l.Attributes).FirstOrDefault(a => a.Name.ToString() is var n && (n == name || n == name + "Attribute"));

    private static string? Literal(ExpressionSyntax? expression) =>
        expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;

    /// <summary><c>Routes.X</c> resolves to the constant's value; a literal stays as written.</summary>
    private static string ResolveRoute(ExpressionSyntax? route) => route switch
    {
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Routes" } } member =>
            typeof(Routes).GetField(member.Name.Identifier.Text, BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string ?? $"<unknown Routes.{member.Name}>",
        LiteralExpressionSyntax literal => literal.Token.ValueText,
        null => "<none>",
        _ => route.ToString(),
    };

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
