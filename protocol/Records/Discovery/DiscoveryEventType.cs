namespace EStreamer.Protocol.Records.Discovery;

/// <summary>Event type values of the discovery header (reference 9.7).</summary>
public static class DiscoveryEventType
{
    public const uint NewEvent = 1000;
    public const uint ChangeEvent = 1001;
    public const uint UserInput = 1002;
    public const uint Connection = 1003;
    public const uint UserActivity = 1004;
    public const uint IndicatorOfCompromise = 1008;
}
