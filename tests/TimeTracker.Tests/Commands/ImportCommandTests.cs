using System.Net.Http.Headers;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Commands;

/// <summary>
/// <c>import-attendance</c>: a timesheet exported as CSV goes back in through the import port, unchanged; a file with
/// a bad row imports nothing and names the row.
/// </summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TemporarySqliteFile _database = new("import");
    private readonly string _csv = Path.Combine(Path.GetTempPath(), "timetracker-tests", $"timesheet-{Guid.NewGuid():N}.csv");

    [Fact]
    public async Task An_exported_timesheet_imports_back_unchanged_and_a_bad_file_imports_nothing()
    {
        using var server = await ServerProcess.StartAsync(_database.Path, ServerFactory.AdminKey);
        var api = new ApiClient(server.CreateClient());
        var ws = await api.CreateWorkspaceAsync();
        var (member, token) = await api.CreateMemberAsync(ws);
        await api.AddPairAsync(member, token, "2026-01-05T08:00:00", "2026-01-05T12:30:00");
        await api.AddPairAsync(member, token, "2026-01-06T09:00:00", "2026-01-06T17:00:00");
        var url = $"/api/attendance-events?startDate=2026-01-01&endDate=2026-01-31&userId={member}";
        var before = (await api.GetAsync(url, token)).Json.ToString();
        await File.WriteAllTextAsync(_csv, await ExportAsync(api, url, ws.OwnerToken));
        foreach (var e in (await api.GetAsync(url, token)).Json.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "CLOCK-IN"))
            Assert.Equal(200, (await api.DeleteAsync($"/api/attendance-events/{e.GetProperty("id").GetString()}", token)).Code);
        Assert.Equal(0, (await api.GetAsync(url, token)).Json.GetArrayLength());

        var (exit, output, errors) = await RunAsync("import-attendance", "--workspace", ws.Id, "--file", _csv);

        Assert.True(exit == 0, errors);
        Assert.Contains("Imported 2 sessions", output);
        var after = (await api.GetAsync(url, token)).Json;
        Assert.Equal(4, after.GetArrayLength());
        // Same events, ids and times; only who recorded them and when differ.
        string Stable(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"(createByUserId|momentCreated|ipAddress)\":(\"[^\"]*\"|null)", "");
        Assert.Equal(Stable(before), Stable(after.ToString()));

        await File.AppendAllTextAsync(_csv, $"{Guid.NewGuid()},2026-01-07,2026-01-07T08:00:00Z,2026-01-07T09:00:00Z,3600,,,,,,false\n");
        var (failed, _, why) = await RunAsync("import-attendance", "--workspace", ws.Id, "--file", _csv);
        Assert.Equal(1, failed);
        Assert.Contains("line 4: UserId", why);
        Assert.Equal(4, (await api.GetAsync(url, token)).Json.GetArrayLength());
    }

    private static async Task<string> ExportAsync(ApiClient api, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await api.Http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args) =>
        ServerCommand.RunAsync(_database.Path, ServerFactory.AdminKey, args);

    public void Dispose()
    {
        _database.Dispose();
        File.Delete(_csv);
    }
}
