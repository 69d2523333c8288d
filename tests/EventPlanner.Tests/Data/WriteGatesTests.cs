using EventPlanner.Web.Data;

namespace EventPlanner.Tests.Data;

/// <summary>
/// The in-process queues writers pass before they take a connection (issue 19): one writer per event, a bounded
/// number of write transactions, nesting that never waits on itself, and no entry left behind per event.
/// </summary>
[Trait("Engine", "Both")] // no database of its own: the gates are per process on either engine
public sealed class WriteGatesTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task A_second_writer_of_the_same_event_waits_until_the_first_leaves_while_another_event_goes_ahead()
    {
        var gates = new WriteGates(8);
        var first = await gates.WaitAsync(7, CancellationToken.None);
        var second = gates.WaitAsync(7, CancellationToken.None);
        var other = gates.WaitAsync(8, CancellationToken.None);

        Assert.True((await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(5)))) == other, "another event's writer must not wait");
        await Task.Delay(Short);
        Assert.False(second.IsCompleted);

        first.Dispose();
        using (await second.WaitAsync(TimeSpan.FromSeconds(5))) { }
        (await other).Dispose();
        Assert.Equal(0, gates.EventsInUse);
    }

    [Fact]
    public async Task Writes_beyond_the_slots_wait_in_memory_until_a_slot_is_free()
    {
        var gates = new WriteGates(2);
        var a = await gates.WaitAsync(null, CancellationToken.None);
        var b = await gates.WaitAsync(1, CancellationToken.None);
        var c = gates.WaitAsync(2, CancellationToken.None);
        await Task.Delay(Short);
        Assert.False(c.IsCompleted);

        b.Dispose();
        (await c.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        a.Dispose();
        Assert.Equal(0, gates.EventsInUse);
    }

    [Fact]
    public async Task A_write_nested_in_a_write_passes_straight_through_even_with_one_slot_and_the_same_event()
    {
        var gates = new WriteGates(1);
        var nested = await OuterAsync(gates);
        Assert.True(nested);
        // Everything was given back: the next writer of the event and the one slot are free at once.
        var next = gates.WaitAsync(5, CancellationToken.None);
        Assert.True(next.IsCompletedSuccessfully);
        (await next).Dispose();
        Assert.Equal(0, gates.EventsInUse);
    }

    private static async Task<bool> OuterAsync(WriteGates gates)
    {
        using var pass = await gates.WaitAsync(5, CancellationToken.None);
        pass.Enter();
        var inner = gates.WaitAsync(5, CancellationToken.None);
        var done = await Task.WhenAny(inner, Task.Delay(TimeSpan.FromSeconds(5))) == inner;
        if (done) (await inner).Dispose();
        return done;
    }

    [Fact]
    public async Task A_writer_that_gives_up_while_queued_leaves_nothing_behind()
    {
        var gates = new WriteGates(4);
        var first = await gates.WaitAsync(3, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var queued = gates.WaitAsync(3, cancel.Token);
        Assert.Equal(1, gates.EventsInUse);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        first.Dispose();
        Assert.Equal(0, gates.EventsInUse);
        // The gate still works after the cancelled waiter: it did not keep the event's place.
        (await gates.WaitAsync(3, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public void Pool_size_and_connect_timeout_are_defaulted_only_where_the_connection_string_names_none()
    {
        var defaulted = Db.WithPoolDefaults("Host=db;Database=ep;Username=ep");
        Assert.Equal((Db.DefaultMaxPoolSize, Db.DefaultConnectTimeout), (defaulted.MaxPoolSize, defaulted.Timeout));

        var named = Db.WithPoolDefaults("Host=db;Database=ep;Username=ep;maximum pool size=12;Timeout=5");
        Assert.Equal((12, 5), (named.MaxPoolSize, named.Timeout));
        var synonyms = Db.WithPoolDefaults("Host=db;Database=ep;MaxPoolSize=70;TIMEOUT=9");
        Assert.Equal((70, 9), (synonyms.MaxPoolSize, synonyms.Timeout));
    }
}
