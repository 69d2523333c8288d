using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Bench.Generator;

/// <summary>
/// One part of the generated event, written through the app's own stores. A feature that adds
/// tables adds its step in its own file and one line to <see cref="DataGenerator.Steps"/>.
/// </summary>
public interface IGeneratorStep
{
    /// <summary>Also seeds the step's own random stream, so adding a step leaves the others' data unchanged.</summary>
    string Name { get; }

    /// <summary>Registers the stores the step writes through, beyond Db and the clock.</summary>
    void AddServices(IServiceCollection services) { }

    Task RunAsync(GeneratorContext context, CancellationToken ct);
}
