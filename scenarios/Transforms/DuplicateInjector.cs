using EStreamer.Scenarios.Generators;

namespace EStreamer.Scenarios.Transforms;

/// <summary>
/// The duplicate rate of a traffic block: with the given probability a slot repeats one of the block's recent
/// events (same record instances, so same bytes) instead of a new one, as a server that lost track of what a
/// client already has would.
/// </summary>
internal sealed class DuplicateInjector
{
    /// <summary>How far back a duplicate may reach; a real resend repeats recent history, not all of it.</summary>
    public const int Window = 256;

    private readonly double _rate;
    private readonly Draws _random;
    private readonly List<IReadOnlyList<GeneratedRecord>> _recent = [];
    private int _next;

    public DuplicateInjector(double rate, int seed)
    {
        _rate = rate;
        _random = new Draws(seed);
    }

    public bool TryPick(out IReadOnlyList<GeneratedRecord> earlier)
    {
        earlier = [];
        if (_rate <= 0 || _recent.Count == 0 || !_random.Bool(_rate))
        {
            return false;
        }

        earlier = _recent[_random.Int(0, _recent.Count - 1)];
        return true;
    }

    public void Remember(IReadOnlyList<GeneratedRecord> group)
    {
        if (_rate <= 0)
        {
            return;
        }

        if (_recent.Count < Window)
        {
            _recent.Add(group);
        }
        else
        {
            _recent[_next] = group;
            _next = (_next + 1) % Window;
        }
    }
}
