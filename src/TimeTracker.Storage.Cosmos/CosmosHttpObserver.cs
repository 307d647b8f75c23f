namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// An optional handler that sees every HTTP request the Cosmos client sends (registered in DI by whoever wants to
/// measure them, e.g. the benchmarks' round-trip counter). Production registers none.
/// </summary>
public sealed record CosmosHttpObserver(DelegatingHandler Handler);
