using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using TimeTracker.Api;
using TimeTracker.Core.Jobs;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Functions;

/// <summary>
/// The function app as infra/ deploys it: every %Setting% a function binds, and every setting the app needs on Cosmos,
/// is an app setting in the Bicep (the host refuses to index a timer whose schedule does not resolve); no key or
/// connection string is stored there; and <c>dotnet publish</c> yields a deployable folder.
/// </summary>
public sealed partial class FunctionsDeploymentTests
{
    private static readonly string Repository = RepositoryRoot.Path;

    private static readonly string[] RequiredSettings =
    [
        "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "AZURE_CLIENT_ID",
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "Storage__Provider", "Cosmos__Endpoint", "Cosmos__Database", "TimeTracker__AdminKey",
    ];

    [GeneratedRegex(@"""%(?<setting>[A-Za-z0-9_:]+)%""")]
    private static partial Regex BoundSetting();

    [GeneratedRegex(@"resource settings 'config' = \{.*?properties: \{(?<body>.*?)\n    \}", RegexOptions.Singleline)]
    private static partial Regex SettingsBlock();

    [GeneratedRegex(@"^\s+(?<name>[A-Za-z0-9_]+):\s*(?<value>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Setting();

    /// <summary>The app settings infra/app/functions.bicep gives the function app, name → Bicep expression.</summary>
    internal static Dictionary<string, string> AppSettings(string bicep)
    {
        var block = SettingsBlock().Match(bicep);
        Assert.True(block.Success, "no appsettings block in functions.bicep");
        return Setting().Matches(block.Groups["body"].Value).Where(m => !m.Value.TrimStart().StartsWith("//"))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
    }

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([Repository, .. path]));

    [Fact]
    public void Every_bound_setting_and_every_required_setting_is_an_app_setting()
    {
        var settings = AppSettings(Read("infra", "app", "functions.bicep"));
        var bound = Directory.GetFiles(Path.Combine(Repository, "functions"), "*.cs")
            .SelectMany(f => BoundSetting().Matches(File.ReadAllText(f)).Select(m => m.Groups["setting"].Value.Replace(":", "__")))
            .Distinct().ToList();
        Assert.Equal(3, bound.Count);
        Assert.All(bound.Concat(RequiredSettings), name => Assert.True(settings.ContainsKey(name), $"{name} is not set in functions.bicep"));
        Assert.Equal("'Cosmos'", settings["Storage__Provider"]);
    }

    [Fact]
    public void Schedule_settings_default_to_the_jobs_own_schedules()
    {
        var bicep = Read("infra", "app", "functions.bicep");
        var settings = AppSettings(bicep);
        foreach (var job in new ServerJobs().All)
        {
            var parameter = settings[JobSchedules.SettingKey(job).Replace(":", "__")];
            var declaration = Regex.Match(bicep, $@"param {Regex.Escape(parameter)} string = '(?<default>[^']+)'");
            Assert.True(declaration.Success, $"{parameter} has no default");
            Assert.Equal(job.DefaultSchedule, declaration.Groups["default"].Value);
        }
    }

    [Fact]
    public void No_key_or_connection_string_is_stored_in_app_settings_and_the_admin_key_comes_from_key_vault()
    {
        var settings = AppSettings(Read("infra", "app", "functions.bicep"));
        string[] secretMarkers = ["listKeys(", "AccountKey", "primaryMasterKey", "SharedAccessKey", "Password", "secret"];
        foreach (var (name, value) in settings.Where(s => !s.Value.StartsWith("'@Microsoft.KeyVault(SecretUri=")))
        {
            Assert.DoesNotContain(secretMarkers, marker => value.Contains(marker, StringComparison.OrdinalIgnoreCase));
            // App Insights ingests with the identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING); its connection string is an address.
            if (name != "APPLICATIONINSIGHTS_CONNECTION_STRING") Assert.DoesNotContain("ConnectionString", name, StringComparison.OrdinalIgnoreCase);
        }
        Assert.False(settings.ContainsKey("Cosmos__Key"));
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"));
        Assert.Equal("'@Microsoft.KeyVault(SecretUri=${adminKeySecretUri})'", settings["TimeTracker__AdminKey"]);
        Assert.Equal("'ClientId=${identityClientId};Authorization=AAD'", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);

        var main = Read("infra", "main.bicep");
        Assert.Matches(@"@secure\(\)\s*\n@description\([^\n]*\)\s*\nparam adminKey string\n", main);
        var parameters = JsonDocument.Parse(Read("infra", "main.parameters.json")).RootElement.GetProperty("parameters");
        Assert.Equal("${TIMETRACKER_ADMIN_KEY}", parameters.GetProperty("adminKey").GetProperty("value").GetString());
        var vault = Read("infra", "app", "keyvault.bicep");
        Assert.Contains("enableRbacAuthorization: true", vault);
        Assert.Contains("'4633458b-17de-408a-b874-0445c86b69e6'", vault); // Key Vault Secrets User
        Assert.Contains("keyVaultReferenceIdentity: identityId", Read("infra", "app", "functions.bicep"));
    }

    [Fact]
    public async Task Publish_yields_a_deployable_folder()
    {
        var output = Path.Combine(Path.GetTempPath(), "timetracker-tests", $"publish-{Guid.NewGuid():N}");
        try
        {
            var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(Repository, "functions"), "-c", "Release", "-o", output, "-v", "q", "-nologo"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository,
            };
            using var process = Process.Start(start)!;
            var log = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, log);

            foreach (var file in new[] { "functions.metadata", "worker.config.json", "host.json", "extensions.json", "TimeTracker.Functions.dll",
                         Path.Combine(".azurefunctions", "function.deps.json"), Path.Combine(".azurefunctions", "Microsoft.Azure.Functions.Worker.Extensions.dll") })
                Assert.True(File.Exists(Path.Combine(output, file)), $"{file} is missing from the published folder");
            Assert.False(File.Exists(Path.Combine(output, "local.settings.json")), "local settings must not be published");
            var worker = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "worker.config.json"))).RootElement.GetProperty("description");
            Assert.Equal("TimeTracker.Functions.dll", worker.GetProperty("defaultWorkerPath").GetString());
            var functions = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "functions.metadata"))).RootElement.GetArrayLength();
            Assert.Equal(RouteTable.Endpoints.Count + 3, functions);
        }
        finally
        {
            try { Directory.Delete(output, recursive: true); } catch (DirectoryNotFoundException) { }
        }
    }

    /// <summary>The jobs, as both hosts register them.</summary>
    private sealed class ServerJobs
    {
        public IReadOnlyList<IJob> All { get; }

        public ServerJobs()
        {
            using var server = new ServerFactory();
            All = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<IJob>(server.Services).ToList();
        }
    }
}
