using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.HardStops;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Tests.MultiNode;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EventPlanner.Tests.Architecture;

/// <summary>The run's collection order: marked classes first, longest first; the names xunit gives collections are the ones the orderer reads.</summary>
[Trait("Engine", "Both")] // no database: runs in both passes
public sealed class LongestFirstOrdererTests
{
    private static readonly TestAssembly Assembly = new(Reflector.Wrap(typeof(LongestFirstOrderer).Assembly));

    // The name xunit gives a class's own collection (CollectionPerClassTestCollectionFactory).
    private static TestCollection For(Type type) => new(Assembly, null, $"Test collection for {type.FullName}");

    [Fact]
    public void Marked_classes_come_first_longest_first_and_the_rest_keep_xunits_order()
    {
        var unmarkedA = For(typeof(TransferTests));
        var unmarkedB = For(typeof(LongestFirstOrdererTests));
        var thirty = For(typeof(TicketConcurrencyTests));
        var forty = For(typeof(TwoNodeRushTests));

        var ordered = new LongestFirstOrderer().OrderTestCollections([unmarkedA, thirty, unmarkedB, forty]).ToList();

        Assert.Equal([forty, thirty], ordered.Take(2));
        Assert.Equal(new DefaultTestCollectionOrderer().OrderTestCollections([unmarkedA, unmarkedB]), ordered.Skip(2));
    }

    [Fact]
    public void A_named_collection_is_read_from_its_definition()
    {
        var hardStops = new TestCollection(Assembly, Reflector.Wrap(typeof(HardStopCollection)), HardStopCollection.Name);

        Assert.Equal(hardStops, new LongestFirstOrderer().OrderTestCollections([For(typeof(TransferTests)), hardStops]).First());
    }
}
