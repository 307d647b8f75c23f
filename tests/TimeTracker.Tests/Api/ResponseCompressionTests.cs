using System.IO.Compression;
using System.Net.Http.Headers;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

/// <summary>The Server honours Accept-Encoding for the large JSON answers, and the bytes decode to the same answer.</summary>
public sealed class ResponseCompressionTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Active_users_compress_when_the_client_accepts_it_and_decode_to_the_same_json(string encoding)
    {
        var api = server.Api();
        var ws = await api.CreateWorkspaceAsync();
        var (user, token) = await api.CreateMemberAsync(ws);
        await api.AddPairAsync(user, token, "2026-02-10T09:00:00Z", "2026-02-10T17:00:00Z");
        const string url = "/api/v1/engagement-dashboard/users/active-users?start=2026-02-01T00:00:00.000Z&end=2026-02-28T23:59:59.000Z";

        var plain = await SendAsync(url, ws.OwnerToken, null);
        Assert.Null(plain.Content.Headers.ContentEncoding.FirstOrDefault());
        var compressed = await SendAsync(url, ws.OwnerToken, encoding);
        Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        await using var raw = await compressed.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding == "gzip" ? new GZipStream(raw, CompressionMode.Decompress) : new BrotliStream(raw, CompressionMode.Decompress);
        Assert.Equal(await plain.Content.ReadAsStringAsync(), await new StreamReader(decoded).ReadToEndAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(string url, string token, string? encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (encoding is not null) request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        var response = await server.Api().Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return response;
    }
}
