namespace EventPlanner.Tests.Architecture;

/// <summary>
/// Dependencies between features point one way, foundation up (src/EventPlanner.Web/Features/README.md has the
/// picture). Read from the compiled assembly, method bodies included (see <see cref="FeatureGraph"/>).
/// </summary>
[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public sealed class FeatureDependencyTests
{
    /// <summary>
    /// The declared order: a feature may use those in earlier layers, never a later one or a sibling. Tickets comes
    /// before Reviews because confirming a talk issues its speakers' tickets in the same transaction.
    /// </summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> Layers =
    [
        ["Accounts"],
        ["Events"],
        ["Notifications"],
        ["Submissions"],
        ["Tickets"],
        ["Reviews"],
        ["Schedule"],
        ["Community", "Bofs", "Lightning", "Social", "Materials", "Feedback", "Surveys"],
        ["Dashboard", "Webhooks"],
        ["Privacy"],
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>> Graph =
        new(() => FeatureGraph.Read(typeof(Program).Assembly.Location));

    private static IReadOnlyDictionary<string, IReadOnlyCollection<string>> Uses(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> graph) =>
        graph.ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Value.Keys.ToList());

    [Fact]
    public void Features_use_only_features_below_them_and_form_no_cycle()
    {
        var graph = Graph.Value;

        var problems = FeatureRules.Violations(Layers, Uses(graph));

        // Each problem with the types behind it, so the failure says where to look.
        var explained = problems.Select(p => p + string.Concat(graph.SelectMany(from => from.Value
            .Where(to => p.StartsWith($"{from.Key} uses {to.Key},", StringComparison.Ordinal))
            .Select(to => $" ({string.Join("; ", to.Value.Take(5))})"))));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, explained));
    }

    /// <summary>
    /// The compiled code does not show a use of another feature's <c>const</c> (the value is copied in), so the source
    /// is read too: every <c>using EventPlanner.Web.Features.X</c> (or a name written out in full) under Features/.
    /// </summary>
    [Fact]
    public void The_features_usings_point_the_same_way()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EventPlanner.sln"))) dir = dir.Parent;
        var features = Path.Combine(dir!.FullName, "src", "EventPlanner.Web", "Features");
        var uses = new Dictionary<string, IReadOnlyCollection<string>>();
        foreach (var folder in Directory.GetDirectories(features))
        {
            var from = Path.GetFileName(folder);
            uses[from] = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"\bEventPlanner\.Web\.Features\.(\w+)"))
                .Select(m => m.Groups[1].Value)
                .Where(to => to != from)
                .ToHashSet();
        }

        var problems = FeatureRules.Violations(Layers, uses);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_reader_sees_references_inside_method_bodies_and_every_feature()
    {
        var graph = Graph.Value;

        // Only a method body connects these (the booking calls Schedule's in-transaction writes), and Pages are no feature.
        Assert.Contains("Schedule", graph["Bofs"].Keys);
        Assert.Contains("BofBookings → Schedule.SessionWrites", graph["Bofs"]["Schedule"].Select(e => e[(e.IndexOf('.') + 1)..]));
        Assert.Equal(Layers.SelectMany(l => l).Except(["Accounts"]).Order(), graph.Keys.Order());
    }

    [Fact]
    public void The_rule_fails_on_a_back_reference_a_sibling_and_a_cycle()
    {
        IReadOnlyList<IReadOnlyList<string>> layers = [["Base"], ["Middle"], ["Left", "Right"]];
        var uses = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["Middle"] = ["Base"],
            ["Left"] = ["Middle", "Right", "Left"],
            ["Right"] = ["Left"],
            ["Base"] = ["Middle"],
        };

        var problems = FeatureRules.Violations(layers, uses);

        Assert.Equal(
        [
            "Base uses Middle, which comes after it.",
            "Left uses Right, a sibling (neither may use the other).",
            "Right uses Left, a sibling (neither may use the other).",
            "These features use one another in a cycle: Base, Middle.",
            "These features use one another in a cycle: Left, Right.",
        ], problems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_rule_passes_a_graph_that_points_one_way_and_names_unknown_features()
    {
        IReadOnlyList<IReadOnlyList<string>> layers = [["Base"], ["Middle"], ["Left", "Right"]];

        Assert.Empty(FeatureRules.Violations(layers, new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["Middle"] = ["Base"], ["Left"] = ["Middle", "Base"], ["Right"] = ["Base"],
        }));
        Assert.Equal(["Stray is not in the declared order."],
            FeatureRules.Violations(layers, new Dictionary<string, IReadOnlyCollection<string>> { ["Stray"] = ["Base"] }));
    }
}
