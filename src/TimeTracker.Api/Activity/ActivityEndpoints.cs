using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Http;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Time;

namespace TimeTracker.Api.Activity;

/// <summary>Desktop trackers upload active/idle samples in batches (docs/API.md, Activity). Re-sent sample ids are
/// ignored.</summary>
public static class ActivityEndpoints
{
    public const long BodyLimit = 5L << 20;

    public sealed record IngestResponse(int Accepted, int Duplicates);

    public static Task<IResult> Ingest(HttpRequest request, ActivityServices services) => WebWork.Handle(request,
        async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var body = await ctx.BodyAsync(BodyLimit);
        var userId = body.Id("user_id") ?? caller.MemberId;
        var samples = ParseSamples(body);
        if (userId != caller.MemberId)
        {
            var member = await ctx.MemberAsync(caller, userId, "User", "user_id");
            if (!caller.CanTrackFor(member)) throw ApiException.Forbidden("You cannot record activity for this user.");
        }
        // Authentication read the workspace already: its settings decide how the batch is stored.
        var workspace = caller.Workspace ?? await services.Workspaces.GetAsync(caller.WorkspaceId,
            ctx.Aborted) ?? throw ApiException.NotFound("Workspace");
        var result = await services.Activity.AddAsync(workspace, userId, samples, ctx.Aborted);
        return WebWork.Ok(ctx, new IngestResponse(result.Accepted, result.Duplicates),
            "Activity recorded successfully");
    });

    internal static List<ActivitySample> ParseSamples(RequestBody body)
    {
        var items = body.Array("samples") ?? throw ApiException.Required("samples");
        if (items.Count == 0) throw body.Invalid("samples", "must contain at least one sample");
        if (items.Count > ActivitySample.MaxBatch) throw body.Invalid("samples",
            $"must contain at most {ActivitySample.MaxBatch} samples");
        var samples = new List<ActivitySample>(items.Count);
        for (var i = 0; i < items.Count; i++)
            samples.Add(ParseSample(RequestBody.Of(items[i], $"samples[{i}].")));
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
