using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

public sealed class ClientAddressTests
{
    private static readonly Dictionary<string, string> Forwarded = new() { ["X-Forwarded-For"] = "203.0.113.7, 10.0.0.1" };

    [Fact]
    public async Task Behind_a_trusted_proxy_the_first_forwarded_hop_is_the_ip_address()
    {
        using var server = new ServerBehindProxyFactory();
        var api = server.Api();
        var ws = await api.CreateWorkspaceAsync();
        var response = await api.PostAsync("/api/attendance-events/clock-in", new { userId = ws.OwnerId }, ws.OwnerToken, Forwarded);
        Assert.Equal("203.0.113.7", response.Json.GetProperty("ipAddress").GetString());
    }

    [Fact]
    public async Task Without_a_trusted_proxy_a_forwarded_header_is_ignored()
    {
        using var server = new ServerFactory();
        var api = server.Api();
        var ws = await api.CreateWorkspaceAsync();
        var response = await api.PostAsync("/api/attendance-events/clock-in", new { userId = ws.OwnerId }, ws.OwnerToken, Forwarded);
        Assert.Equal(201, response.Code);
        Assert.NotEqual("203.0.113.7", response.Json.GetProperty("ipAddress").GetString());
    }
}
