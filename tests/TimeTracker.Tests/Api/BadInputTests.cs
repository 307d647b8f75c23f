using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Azure.Cosmos;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Storage.Cosmos;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

/// <summary>
/// Every request of <see cref="BadInputCorpus"/> gets the 4xx it should, naming the field in its family's error shape,
/// and writes nothing (the whole store is fingerprinted before and after). Then random JSON bodies at every write
/// endpoint: none may produce a 5xx.
/// </summary>
public abstract class BadInputTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFactory
{
    private readonly ApiClient _api = server.Api();

    private sealed record World(string Workspace, string Member, string Team, string Invite, string OwnerToken);

    private static readonly ConcurrentDictionary<ServerFactory, Lazy<Task<World>>> Worlds = new();

    private Task<World> WorldAsync() => Worlds.GetOrAdd(server, _ => new Lazy<Task<World>>(CreateWorldAsync)).Value;

    private async Task<World> CreateWorldAsync()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (member, _) = await _api.CreateMemberAsync(ws);
        var team = await _api.PostAsync("/api/v2/teams", new { name = "Blue" }, ws.OwnerToken);
        var invite = await _api.PostAsync("/api/v2/members", new { email = "invitee@example.com", firstname = "I", lastname = "N", role = "Regular User" }, ws.OwnerToken);
        var link = invite.Data.GetProperty("invitation_link").GetString()!;
        var token = link.Split("/invitations/")[1].Split('/')[0];
        return new World(ws.Id, member, team.Data.GetProperty("id").GetString()!, token, ws.OwnerToken);
    }

    [Fact]
    public void The_corpus_covers_every_endpoint_with_well_over_150_cases()
    {
        Assert.True(BadInputCorpus.All.Count >= 150, $"{BadInputCorpus.All.Count} cases");
        var covered = BadInputCorpus.All.Values.Select(c => (c.Method, Template(c.Path))).ToHashSet();
        var missing = TimeTracker.Api.RouteTable.Endpoints
            .Where(e => e.Name is not ("GetCurrentWorkspace" or "ListApiKeys" or "RestoreMember" or "DeleteMember" or "DeleteUser" or "DeleteTeam" or "ListTeams" or "RunJob" or "GetOpenApiDocument"))
            .Where(e => !covered.Contains((e.Verb, e.Route)))
            .Select(e => e.Name).ToList();
        Assert.Empty(missing);
    }

    /// <summary>"/api/v2/members/{member}?x=1" → "v2/members/{memberId}", to match a case to its route.</summary>
    private static string Template(string path)
    {
        var route = path.Split('?')[0]["/api/".Length..];
        return TimeTracker.Api.RouteTable.Endpoints.Select(e => e.Route).FirstOrDefault(r => Matches(r, route)) ?? route;
    }

    private static bool Matches(string template, string path)
    {
        var t = template.Split('/');
        var p = path.Split('/');
        return t.Length == p.Length && t.Zip(p).All(x => x.First.StartsWith('{') || x.First == x.Second);
    }

    [Theory]
    [MemberData(nameof(BadInputCorpus.Names), MemberType = typeof(BadInputCorpus))]
    public async Task Bad_input_is_a_4xx_naming_the_field_and_writes_nothing(string name)
    {
        var world = await WorldAsync();
        var input = BadInputCorpus.All[name];
        var before = await FingerprintAsync();

        var (status, json) = await SendAsync(world, input.Method, Fill(input.Path, world), input.Body is null ? null : Fill(input.Body, world), input.Sender);

        Assert.True(status == input.Status, $"{name}: expected {input.Status}, got {status} {json}");
        if (input.Field.Length > 0) Assert.True(NamedField(json) == input.Field, $"{name}: expected field {input.Field}, got {json}");
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Random_json_bodies_never_produce_a_server_error()
    {
        // A world of its own: random bodies may be valid ones, and they must not change what the corpus cases rely on.
        var world = await CreateWorldAsync();
        var targets = BadInputCorpus.All.Values.Where(c => c.Body is not null).Select(c => (c.Method, c.Path, c.Sender)).Distinct().ToArray();
        var failures = new ConcurrentBag<string>();
        var property = Prop.ForAll(RandomJson.Arbitrary(), Gen.Elements(targets).ToArbitrary(), (body, target) =>
        {
            var (status, json) = SendAsync(world, target.Method, Fill(target.Path, world), Encoding.UTF8.GetBytes(body), target.Sender).GetAwaiter().GetResult();
            if (status >= 500) failures.Add($"{target.Method} {target.Path} {body} → {status} {json}");
            return status < 500;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
        Assert.Empty(failures);
    }

    private async Task<(int Status, string Json)> SendAsync(World world, string method, string path, byte[]? body, string sender)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        if (sender == "owner") request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.OwnerToken);
        if (sender == "admin") request.Headers.Add("X-Admin-Key", ServerFactory.AdminKey);
        using var response = await _api.Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Fill(string text, World w) =>
        text.Replace("{ws}", w.Workspace).Replace("{member}", w.Member).Replace("{team}", w.Team).Replace("{invite}", w.Invite);

    private static byte[] Fill(byte[] body, World w)
    {
        // Placeholders are ASCII; replacing them bytewise keeps any invalid UTF-8 in the body intact.
        var text = Encoding.Latin1.GetString(body);
        return Encoding.Latin1.GetBytes(Fill(text, w));
    }

    /// <summary>The field a response names, in any family's error shape.</summary>
    private static string? NamedField(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            return errors.EnumerateObject().Select(p => p.Name).FirstOrDefault();
        if (root.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("field", out var field)) return field.GetString();
            const string matchError = "Match error: Failed Match.Where validation in field ";
            if (error.ValueKind == JsonValueKind.String && error.GetString()!.StartsWith(matchError)) return error.GetString()![matchError.Length..];
        }
        return null;
    }

    /// <summary>A hash of everything the store holds.</summary>
    private async Task<string> FingerprintAsync()
    {
        if (server is CosmosServerFactory)
        {
            var db = server.Services.GetRequiredService<CosmosDatabase>();
            var rows = new List<string>();
            foreach (var container in new[] { db.Workspaces, db.ApiKeys, db.Invitations, db.Attendance, db.Activity, db.Rollups, db.Idempotency })
            {
                using var iterator = container.GetItemQueryIterator<JsonElement>("SELECT c.id, c._etag FROM c");
                while (iterator.HasMoreResults)
                    rows.AddRange((await iterator.ReadNextAsync()).Select(e => $"{container.Id}|{e}"));
            }
            return Hash(rows.Order(StringComparer.Ordinal));
        }
        await using var connection = new SqliteConnection($"Data Source={server.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var values = new List<string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                values.Add(table + "|" + string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i)))));
        }
        return Hash(values.Order(StringComparer.Ordinal));
    }

    private static string Hash(IEnumerable<string> rows) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows))));
}

/// <summary>Random JSON text: objects, arrays, odd numbers, unicode, lone surrogate escapes, and plausible field names.</summary>
internal static class RandomJson
{
    private static readonly string[] Keys =
    [
        "name", "timezone", "owner", "email", "firstname", "lastname", "role", "userId", "user_id", "samples", "id", "start", "end", "state",
        "date", "clockInTimestampUtc", "clockOutTimestampUtc", "startDate", "endDate", "timeZone", "teamId", "password", "login",
        "workspace_id", "member_id", "expires_in_days", "comment", "username", "admin", "is_blocked", "team_id", "birth_date",
    ];

    private static readonly string[] Scalars =
    [
        "null", "true", "false", "0", "-1", "1e309", "-1e309", "1.5", "99999999999999999999999", "\"\"", "\"x\"", "\"\\udc00\"", "\"\\ud800x\"",
        "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"2026-02-08T04:00:00Z\"", "\"2026-02-08 00:00:00\"", "\"Asia/Kolkata\"",
        "\"0b6f3a9e-0d7c-4c55-9a55-5d0f0a3c7e11\"", "\"idle\"", "\"Owner\"", "\"' OR 1=1 --\"", "\"\\u0000\"", "\"😀\"",
    ];

    public static Arbitrary<string> Arbitrary() => Value(3).ToArbitrary();

    private static Gen<string> Value(int depth) => depth == 0
        ? Gen.Elements(Scalars)
        : Gen.OneOf(
            Gen.Elements(Scalars),
            Gen.ListOf(Value(depth - 1)).Select(items => "[" + string.Join(",", items.Take(4)) + "]"),
            Gen.ListOf(Gen.Elements(Keys).Zip(Value(depth - 1))).Select(fields =>
                "{" + string.Join(",", fields.Take(6).Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}"));
}

public sealed class BadInputTestsOnSqlite(ServerFactory server) : BadInputTests<ServerFactory>(server);

public sealed class BadInputTestsOnCosmos(CosmosServerFactory server) : BadInputTests<CosmosServerFactory>(server);
