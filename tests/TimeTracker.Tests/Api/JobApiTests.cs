using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

/// <summary>Running a timer job over HTTP: the operator's admin key, a known job, and what the run reports.</summary>
public abstract class JobApiTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFactory
{
    private readonly ApiClient _api = server.Api();

    [Fact]
    public async Task Jobs_need_the_admin_key_and_a_known_name_and_report_what_they_did()
    {
        var ws = await _api.CreateWorkspaceAsync();
        Assert.Equal(401, (await _api.PostAsync("/api/v1/jobs/rollup/run", null, ws.OwnerToken)).Code);
        var unknown = await _api.RunJobAsync("nope");
        Assert.Equal(404, unknown.Code);
        Assert.Equal("name", unknown.ErrorField);
        var run = await _api.RunJobAsync("rollup");
        Assert.Equal(200, run.Code);
        Assert.Equal(0, run.Data.GetProperty("counts").GetProperty("workspaces_failed").GetInt64());
        Assert.Empty(run.Data.GetProperty("failures").EnumerateArray());
    }
}

public sealed class JobApiTestsOnSqlite(ServerFactory server) : JobApiTests<ServerFactory>(server);

public sealed class JobApiTestsOnCosmos(CosmosServerFactory server) : JobApiTests<CosmosServerFactory>(server);
