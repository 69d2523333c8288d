using System.Net;
using System.Net.Sockets;

namespace EventPlanner.TestSupport;

/// <summary>What the bench and the hard-stop tests need to start the real app as a child process on loopback.</summary>
public static class LocalProcesses
{
    public static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>
    /// The dotnet host to run EventPlanner.Web.dll with. Tests and `dotnet run` run under it (DOTNET_HOST_PATH, or the
    /// process itself); an apphost does not, so fall back to the one beside the runtime we run on
    /// (&lt;dotnet root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/).
    /// </summary>
    public static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        var root = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var beside = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(beside) ? beside : "dotnet";
    }
}
