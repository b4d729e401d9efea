using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace EStreamer.Emulator.Cli.Bench;

/// <summary>
/// How the running build was compiled, printed with the bench's figures: start-up times differ by build (the image
/// is a self-contained composite ReadyToRun publish, `dotnet build` output compiles as it runs), and the bench's
/// `serve` child is always the same build as the bench.
/// </summary>
internal static class BuildKind
{
    public static string Describe()
    {
        var program = typeof(BuildKind).Assembly.Location;
        if (!IsReadyToRun(program))
        {
            return "compiled as it runs (not ReadyToRun)";
        }

        var composite = File.Exists(Path.ChangeExtension(program, ".r2r.dll"));
        var selfContained = Path.GetFullPath(RuntimeEnvironment.GetRuntimeDirectory()).TrimEnd('/') == Path.GetFullPath(AppContext.BaseDirectory).TrimEnd('/');
        return "ReadyToRun" + (composite ? ", composite" : string.Empty) + (selfContained ? ", self-contained" : string.Empty);
    }

    /// <summary>True when the assembly carries code compiled ahead (a ReadyToRun header), in its own file or in a composite image.</summary>
    public static bool IsReadyToRun(string assemblyPath)
    {
        using var file = File.OpenRead(assemblyPath);
        using var pe = new PEReader(file);
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
