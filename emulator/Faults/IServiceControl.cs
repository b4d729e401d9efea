namespace EStreamer.Emulator.Faults;

/// <summary>What a session may do to the whole service when a scripted fault says so.</summary>
public interface IServiceControl
{
    Task DisableServiceAsync();

    Task EnableServiceAsync();

    /// <summary>The next <paramref name="count"/> connections are accepted and dropped at once.</summary>
    void RefuseNextConnections(int count);
}
