using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Http;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Idempotency;

namespace TimeTracker.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> handling: a retry with the same key and body within 24 h gets the original response
/// and writes nothing; the same key with a different body (or endpoint) is 422.
/// </summary>
public sealed class IdempotentRequest
{
    public const string Header = "Idempotency-Key";

    private readonly ApiContext _ctx;
    private readonly IIdempotencyStore _store;
    private readonly Caller _caller;
    private readonly string? _key;
    private readonly string _hash;

    private IdempotentRequest(ApiContext ctx, IIdempotencyStore store, Caller caller, string? key, string hash)
    {
        _ctx = ctx;
        _store = store;
        _caller = caller;
        _key = key;
        _hash = hash;
    }

    /// <summary>The stored response to replay, when this request is a retry.</summary>
    public IResult? Replay { get; private init; }

    public static async Task<IdempotentRequest> BeginAsync(ApiContext ctx, IIdempotencyStore store, Caller caller, RequestBody body)
    {
        var key = ctx.Request.Headers[Header].ToString().Trim();
        if (key.Length == 0) return new IdempotentRequest(ctx, store, caller, null, "");
        if (key.Length > 255) throw ApiException.BadRequest(Header, $"The {Header} header must be at most 255 characters.");
        var hash = Fingerprint(ctx.Request, body);
        var request = new IdempotentRequest(ctx, store, caller, key, hash);
        var existing = await request.ExistingAsync();
        return existing is null ? request : new IdempotentRequest(ctx, store, caller, key, hash) { Replay = request.Check(existing) };
    }

    /// <summary>The record to store with the write, or null when the request carried no key.</summary>
    public IdempotencyRecord? Record(int status, string responseJson) =>
        _key is null ? null : new IdempotencyRecord(_caller.WorkspaceId, _caller.MemberId, _key, _hash, status, responseJson, _ctx.Now);

    /// <summary>A concurrent request with the same key committed first: answer as it did.</summary>
    public async Task<IResult> ReplayWinnerAsync() =>
        Check(await ExistingAsync() ?? throw new InvalidOperationException("Idempotency record vanished after a key conflict."));

    private async Task<IdempotencyRecord?> ExistingAsync()
    {
        var record = await _store.GetAsync(_caller.WorkspaceId, _caller.MemberId, _key!, _ctx.Aborted);
        return record is null || record.IsExpired(_ctx.Now) ? null : record;
    }

    private IResult Check(IdempotencyRecord record) =>
        record.RequestHash == _hash
            ? Results.Content(record.ResponseBody, "application/json", Encoding.UTF8, record.StatusCode)
            : throw new ApiException(StatusCodes.Status422UnprocessableEntity,
                "This Idempotency-Key was already used with a different request.", Header);

    private static string Fingerprint(HttpRequest request, RequestBody body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        sha.AppendData(body.Raw.Span);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
