using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Http;
using TimeTracker.Core;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Time;

namespace TimeTracker.Api.Activity;

/// <summary>
/// Desktop trackers upload active/idle samples in batches (docs/API.md, Activity); a relay may upload several
/// members' samples in one batch. Re-sent sample ids are ignored.
/// </summary>
public static class ActivityEndpoints
{
    public const long BodyLimit = 5L << 20;

    /// <summary>Bounds the fan-out of one request across members (and its writes on Cosmos DB).</summary>
    public const int MaxMembersPerBatch = 100;

    public sealed record IngestResponse(int Accepted, int Duplicates);

    public static Task<IResult> Ingest(HttpRequest request, ActivityServices services) => WebWork.Handle(request,
        async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var bytes = await RequestBody.ReadBytesAsync(request, BodyLimit);
        // The usual batch is read straight from its bytes; anything else, and every mistake, by the general parser.
        if (!SampleBatchReader.TryRead(bytes, caller.MemberId, out var samples))
        {
            var body = RequestBody.FromBytes(bytes);
            samples = ParseSamples(body, body.Id("user_id") ?? caller.MemberId);
        }
        var batch = samples.GroupBy(s => s.UserId)
            .Select(g => new MemberSamples(g.Key, g.Select(s => s.Sample).ToList())).ToList();
        if (batch.Count > MaxMembersPerBatch) throw ApiException.BadRequest("samples",
            $"The samples field must belong to at most {MaxMembersPerBatch} members.");
        await AuthorizeAsync(ctx, caller, services.Members, samples);
        // Authentication read the workspace already: its settings decide how the batch is stored.
        var workspace = caller.Workspace ?? await services.Workspaces.GetAsync(caller.WorkspaceId,
            ctx.Aborted) ?? throw ApiException.NotFound("Workspace");
        var result = await services.Activity.AddAsync(workspace, batch, ctx.Aborted);
        return WebWork.Ok(ctx, new IngestResponse(result.Accepted, result.Duplicates),
            "Activity recorded successfully");
    });

    /// <summary>
    /// Every member other than the caller must exist in the caller's workspace (404 naming the first field that
    /// names them) and be one the caller may track for (403); all of them are read in one go.
    /// </summary>
    private static async Task AuthorizeAsync(ApiContext ctx, Caller caller, IMemberStore members,
        List<OwnedSample> samples)
    {
        var others = samples.Where(s => s.UserId != caller.MemberId).DistinctBy(s => s.UserId).ToList();
        if (others.Count == 0) return;
        var valid = others.Where(o => Ids.IsValid(o.UserId)).Select(o => o.UserId).ToList();
        // Summaries carry all the rule needs (id and team) without materializing whole members.
        var found = (await members.GetSummariesAsync(caller.WorkspaceId, valid, ctx.Aborted)).ToDictionary(m => m.Id);
        foreach (var other in others)
        {
            if (!found.TryGetValue(other.UserId, out var member))
                throw new ApiException(StatusCodes.Status404NotFound, "User not found.", other.UserField);
            if (!caller.CanTrackFor(member.Id, member.TeamId))
                throw ApiException.Forbidden("You cannot record activity for this user.");
        }
    }

    internal static List<OwnedSample> ParseSamples(RequestBody body, string batchUser)
    {
        var items = body.Array("samples") ?? throw ApiException.Required("samples");
        if (items.Count == 0) throw body.Invalid("samples", "must contain at least one sample");
        if (items.Count > ActivitySample.MaxBatch) throw body.Invalid("samples",
            $"must contain at most {ActivitySample.MaxBatch} samples");
        var samples = new List<OwnedSample>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = RequestBody.Of(items[i], $"samples[{i}].");
            var sample = ParseSample(item);
            samples.Add(item.Id("user_id") is { } own
                ? new OwnedSample(own, $"samples[{i}].user_id", sample)
                : new OwnedSample(batchUser, "user_id", sample));
        }
        return samples;
    }

    private static ActivitySample ParseSample(RequestBody item)
    {
        var idText = item.RequiredString("id", 64);
        if (!Guid.TryParse(idText, out var id)) throw item.Invalid("id", "must be a UUID");
        var start = Instant(item, "start");
        var end = Instant(item, "end");
        if (end <= start) throw item.Invalid("end", "must be after start");
        if (end - start > ActivitySample.MaxLength) throw item.Invalid("end", "must be at most 1 hour after start");
        var state = item.RequiredString("state", 16) switch
        {
            "active" => ActivityState.Active,
            "idle" => ActivityState.Idle,
            _ => throw item.Invalid("state", "must be \"active\" or \"idle\""),
        };
        return new ActivitySample(id, start, end, state);
    }

    private static DateTimeOffset Instant(RequestBody item, string name)
    {
        var text = item.RequiredString(name, 40);
        // Instants need an explicit offset or Z: a tracker's local wall time would be ambiguous.
        if (!IsoInstant.TryParse(text, offsetRequired: true, out var value))
            throw item.Invalid(name,
                $"must be an ISO 8601 instant with an offset, e.g. 2026-02-08T04:00:00Z, {InputBounds.Description}");
        return value;
    }
}
