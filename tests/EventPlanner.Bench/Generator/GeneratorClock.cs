namespace EventPlanner.Bench.Generator;

/// <summary>The stores' clock during generation: it moves only when a step moves it.</summary>
public sealed class GeneratorClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Set(DateTimeOffset at) => Now = at.ToUniversalTime();

    public void Advance(TimeSpan by) => Now += by;
}
