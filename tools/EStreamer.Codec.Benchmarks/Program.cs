using BenchmarkDotNet.Running;

namespace EStreamer.Codec.Benchmarks;

/// <summary>Runs the encoder benchmarks; BenchmarkDotNet's own arguments pass through (for example --job short).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
