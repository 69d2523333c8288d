using Google.OrTools.Sat;

namespace EventPlanner.Tests.Scheduling;

/// <summary>OR-Tools ships a native library per platform; this fails first if it does not load here.</summary>
[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public class OrToolsRuntimeTests
{
    [Fact]
    public void Native_cp_sat_runtime_loads_and_solves_a_tiny_model()
    {
        var model = new CpModel();
        var x = model.NewIntVar(0, 10, "x");
        var y = model.NewIntVar(0, 10, "y");
        model.Add(x + y <= 12);
        model.Add(x - y >= 2);
        model.Maximize(x + 2 * y);
        var solver = new CpSolver { StringParameters = "num_workers:1,random_seed:1" };

        var status = solver.Solve(model);

        Assert.Equal(CpSolverStatus.Optimal, status);
        Assert.Equal(7, solver.Value(x));
        Assert.Equal(5, solver.Value(y));
    }
}
