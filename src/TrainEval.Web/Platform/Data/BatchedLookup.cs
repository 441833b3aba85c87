namespace TrainEval.Web.Platform.Data;

/// <summary>
/// Answers concurrent lookups by key with one load per round: keys asked for while a load runs wait for the next one,
/// which takes them all (the group-commit idea applied to reads). A burst of requests for thousands of keys costs a
/// few queries, not one scope and query each. The load returns the values it found; a key it does not return gets
/// <c>default</c>. A failed load fails the lookups of its round only.
/// </summary>
public sealed class BatchedLookup<TKey, TValue>(Func<IReadOnlyList<TKey>, Task<IReadOnlyDictionary<TKey, TValue>>> load)
    where TKey : notnull
{
    private readonly Lock gate = new();
    private Dictionary<TKey, TaskCompletionSource<TValue?>> pending = [];
    private bool loading;

    public Task<TValue?> GetAsync(TKey key, CancellationToken ct = default)
    {
        TaskCompletionSource<TValue?>? waiter;
        lock (gate)
        {
            if (!pending.TryGetValue(key, out waiter))
                pending[key] = waiter = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!loading)
            {
                loading = true;
                _ = Task.Run(LoadPendingAsync, CancellationToken.None);
            }
        }
        return waiter.Task.WaitAsync(ct);
    }

    private async Task LoadPendingAsync()
    {
        while (true)
        {
            Dictionary<TKey, TaskCompletionSource<TValue?>> round;
            lock (gate)
            {
                if (pending.Count == 0)
                {
                    loading = false;
                    return;
                }
                round = pending;
                pending = [];
            }
            try
            {
                var found = await load([.. round.Keys]);
                foreach (var (key, waiter) in round) waiter.TrySetResult(found.TryGetValue(key, out var v) ? v : default);
            }
            catch (Exception e)
            {
                foreach (var waiter in round.Values) waiter.TrySetException(e);
            }
        }
    }
}
