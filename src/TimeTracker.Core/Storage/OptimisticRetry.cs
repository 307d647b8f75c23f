namespace TimeTracker.Core.Storage;

/// <summary>Re-runs a read-modify-write when another writer got there first.</summary>
public static class OptimisticRetry
{
    public const int Attempts = 5;

    public static async Task<T> RunAsync<T>(Func<Task<T>> readModifyWrite)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await readModifyWrite();
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                await Task.Delay(Random.Shared.Next(1, 10 * attempt));
            }
        }
    }
}
