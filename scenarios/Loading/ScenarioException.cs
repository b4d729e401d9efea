namespace EStreamer.Scenarios.Loading;

/// <summary>
/// A scenario could not be loaded or compiled. <see cref="Errors"/> holds every problem found, in file
/// order, not just the first; the message lists them one per line.
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ScenarioError> Errors { get; }

    private static string Describe(IReadOnlyList<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("a scenario exception needs at least one error", nameof(errors));
        }

        return string.Join(Environment.NewLine, errors);
    }
}
