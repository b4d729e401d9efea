namespace EStreamer.Scenarios.Loading;

/// <summary>
/// One problem found in a scenario file. Line and column are 1-based; <see cref="ToString"/> gives the
/// FILE:LINE:COL: message form that editors and `scenario validate` print.
/// </summary>
public sealed record ScenarioError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
