using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Faults;

/// <summary>What the fault stage needs from the session it disturbs.</summary>
internal interface IFaultTarget
{
    /// <summary>False once the session is closed or closing: faults then do nothing.</summary>
    bool IsOpen { get; }

    /// <summary>The fault ends the session: it sends nothing more of its own.</summary>
    void MarkClosed();

    /// <summary>Closes cleanly: TLS close_notify, then FIN.</summary>
    void Close(string reason);

    /// <summary>A record as the session delivers records: in a bundle after an extended request, else as Event Data.</summary>
    IMessage WrapForClient(IRecord record, uint archiveTimestamp);

    /// <summary>A hold on the session's writes ended: it may stream again.</summary>
    void Resume();
}
