namespace EStreamer.Emulator.Conformance;

/// <summary>How the start time of a session compares with what the same peer was sent before.</summary>
public enum StartTimeVerdict
{
    /// <summary>No Event Stream Request, or a host-only one: nothing streamed.</summary>
    NoStream,

    /// <summary>No earlier session of this peer delivered events: any start is fine.</summary>
    FirstSession,

    /// <summary>Started at the last archive timestamp it was sent (its bookmark): the expected reconnect.</summary>
    ResumedAtBookmark,

    /// <summary>Started one second after the bookmark: fine unless that second gained events after the disconnect.</summary>
    ResumedAfterBookmark,

    /// <summary>Started before its bookmark: everything in between is sent again.</summary>
    Rewound,

    /// <summary>Started from 0 (the oldest) again: everything held is sent again.</summary>
    FromOldest,

    /// <summary>Started from now (0xFFFFFFFF): events archived while it was away are never sent.</summary>
    FromNow,

    /// <summary>Started after its bookmark: events archived in between are never sent.</summary>
    SkippedAhead,
}
