namespace EventPlanner.Web.Data;

/// <summary>
/// The queues a write passes in this process before it takes a database connection (issue 19). On PostgreSQL a
/// writer that waits for an event's advisory lock holds a pooled connection the whole time: 200 writers of one event
/// (a ticket rush, the CfP's last minute) would take the whole pool, and the last ones, and every reader, would time
/// out waiting for a connection. So a writer first waits here, in memory, where waiting costs nothing:
/// <list type="bullet">
/// <item>per event: one writer at a time per process for the writes that lock an event, so a process holds at most
/// one connection per event queued on the advisory lock (which still orders the writers of different processes);</item>
/// <item>in all: at most <see cref="Slots"/> write transactions at once, below the pool size, so readers and the job
/// server always find a connection.</item>
/// </list>
/// Both are re-entrant along one async flow: a write started inside another write (same event or not) passes
/// straight through, so nesting can never wait for a place its own caller holds.
/// </summary>
public sealed class WriteGates(int slots)
{
    private readonly SemaphoreSlim _slots = new(slots, slots);
    private readonly Dictionary<long, EventGate> _events = new();
    private static readonly AsyncLocal<Held?> Current = new();

    /// <summary>How many write transactions this process runs at once.</summary>
    public int Slots { get; } = slots;

    /// <summary>How many events have writers queued or running right now (entries go when their last writer leaves).</summary>
    public int EventsInUse
    {
        get { lock (_events) return _events.Count; }
    }

    /// <summary>
    /// Waits for the event's gate (when <paramref name="eventId"/> is given) and then a write slot. Dispose the pass to
    /// leave. The caller must run its transaction inside <see cref="Pass.Enter"/> so writes nested in it pass through.
    /// </summary>
    public async Task<Pass> WaitAsync(long? eventId, CancellationToken ct)
    {
        var held = Current.Value;
        EventGate? gate = null;
        if (eventId is { } id && held?.Holds(id) != true)
        {
            gate = Acquire(id);
            try
            {
                await gate.Semaphore.WaitAsync(ct);
            }
            catch
            {
                Release(id, gate, entered: false);
                throw;
            }
        }
        var slot = false;
        if (held is null)
        {
            try
            {
                await _slots.WaitAsync(ct);
                slot = true;
            }
            catch
            {
                if (gate is not null) Release(eventId!.Value, gate, entered: true);
                throw;
            }
        }
        return new Pass(this, held, gate is null ? null : eventId, gate, slot);
    }

    private EventGate Acquire(long eventId)
    {
        lock (_events)
        {
            if (!_events.TryGetValue(eventId, out var gate)) _events[eventId] = gate = new EventGate();
            gate.Users++;
            return gate;
        }
    }

    private void Release(long eventId, EventGate gate, bool entered)
    {
        if (entered) gate.Semaphore.Release();
        lock (_events)
        {
            // Ref-counted: the dictionary only ever holds events with a writer waiting or running, so it stays small.
            if (--gate.Users == 0) _events.Remove(eventId);
        }
    }

    internal sealed class EventGate
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users;
    }

    /// <summary>What the current async flow holds: a write slot, and the events whose gates it passed.</summary>
    internal sealed record Held(long? EventId, Held? Outer)
    {
        public bool Holds(long id) => EventId == id || Outer?.Holds(id) == true;
    }

    public sealed class Pass : IDisposable
    {
        private readonly WriteGates gates;
        private readonly Held? outer;
        private readonly long? eventId;
        private readonly EventGate? gate;
        private readonly bool slot;

        internal Pass(WriteGates gates, Held? outer, long? eventId, EventGate? gate, bool slot) =>
            (this.gates, this.outer, this.eventId, this.gate, this.slot) = (gates, outer, eventId, gate, slot);

        /// <summary>
        /// Marks the current async flow as inside this write; call it in the method that then runs the work (an
        /// AsyncLocal set in a callee does not flow back to its caller).
        /// </summary>
        public void Enter() => Current.Value = new Held(eventId, outer);

        public void Dispose()
        {
            Current.Value = outer;
            if (slot) gates._slots.Release();
            if (gate is not null) gates.Release(eventId!.Value, gate, entered: true);
        }
    }
}
