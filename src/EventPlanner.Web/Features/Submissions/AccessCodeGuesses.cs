using System.Collections.Concurrent;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// Access codes are short (six characters will do) and open a closed call, so guessing them must be slow: each
/// account may try <see cref="Limit"/> unknown codes in <see cref="Window"/>, then every code it types is refused
/// until the oldest miss ages out. In memory, like the sign-in rate limit: the app runs as one process on SQLite.
/// </summary>
public sealed class AccessCodeGuesses(TimeProvider clock)
{
    public const int Limit = 10;
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<long, Queue<DateTimeOffset>> _misses = new();

    public bool IsBlocked(long userId)
    {
        if (!_misses.TryGetValue(userId, out var misses)) return false;
        lock (misses)
        {
            Prune(misses);
            return misses.Count >= Limit;
        }
    }

    public void RecordMiss(long userId)
    {
        var misses = _misses.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (misses)
        {
            Prune(misses);
            misses.Enqueue(clock.GetUtcNow());
        }
    }

    private void Prune(Queue<DateTimeOffset> misses)
    {
        var since = clock.GetUtcNow() - Window;
        while (misses.Count > 0 && misses.Peek() <= since) misses.Dequeue();
    }
}
