using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("EventPlanner.Tests.Infrastructure.LongestFirstOrderer", "EventPlanner.Tests")]

namespace EventPlanner.Tests.Infrastructure;

/// <summary>
/// Marks a test class (or a collection definition) that takes far longer than most, with about how many seconds it
/// took on a quiet two-core machine. <see cref="LongestFirstOrderer"/> starts these first.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RunsLongAttribute(int seconds) : Attribute
{
    public int Seconds { get; } = seconds;
}

/// <summary>
/// xunit runs two test collections at a time here (as many as cores). In its default order a one-minute class could
/// start last and run alone while the other slot had nothing left: the run's end waited for it. Longest first, the
/// long ones overlap the many short ones and the two slots end together. Collections without a mark keep the order
/// xunit's own orderer gives them (LINQ's ordering is stable).
/// </summary>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    private readonly DefaultTestCollectionOrderer _xunits = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        _xunits.OrderTestCollections(testCollections).OrderByDescending(Seconds).ToList();

    private static int Seconds(ITestCollection collection)
    {
        // A named collection carries the mark on its definition; a class's own collection on the class.
        var type = collection.CollectionDefinition?.ToRuntimeType() ?? ClassOf(collection);
        return type?.GetCustomAttributes(typeof(RunsLongAttribute), false).Cast<RunsLongAttribute>().FirstOrDefault()?.Seconds ?? 0;
    }

    private static Type? ClassOf(ITestCollection collection)
    {
        // xunit names a class's own collection "Test collection for <full class name>".
        const string Prefix = "Test collection for ";
        return collection.DisplayName.StartsWith(Prefix, StringComparison.Ordinal)
            ? typeof(LongestFirstOrderer).Assembly.GetType(collection.DisplayName[Prefix.Length..])
            : null;
    }
}
