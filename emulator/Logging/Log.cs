using System.Net;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Logging;

/// <summary>
/// Every log line the server writes, with stable event ids. Failures carry the words "estreamer" and
/// "error", as operators grep the real server's log for those two (design note 9).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "estreamer listening on {Address}:{Port}")]
    public static partial void Listening(ILogger logger, IPAddress address, int port);

    [LoggerMessage(2, LogLevel.Warning, "estreamer error: client {Remote} refused ({Reason}): {Detail}")]
    public static partial void PeerRejected(ILogger logger, EndPoint? remote, string reason, string detail);

    [LoggerMessage(3, LogLevel.Information, "estreamer client {Remote} accepted as peer {Peer} over {Protocol}")]
    public static partial void PeerAccepted(ILogger logger, EndPoint? remote, string peer, string protocol);

    [LoggerMessage(4, LogLevel.Warning, "estreamer error: TLS handshake with {Remote} failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(5, LogLevel.Warning, "estreamer error: TLS handshake with {Remote} timed out after {Timeout}")]
    public static partial void HandshakeTimedOut(ILogger logger, EndPoint? remote, TimeSpan timeout);

    [LoggerMessage(6, LogLevel.Information, "estreamer session {Session} request: start {Start}, flags 0x{Flags:X8} ({FlagNames})")]
    public static partial void RequestReceived(ILogger logger, uint session, uint start, uint flags, string flagNames);

    [LoggerMessage(7, LogLevel.Information, "estreamer session {Session} streaming {Mode}: {Families}; profile {Profile}")]
    public static partial void Negotiated(ILogger logger, uint session, string mode, string families, string profile);

    [LoggerMessage(8, LogLevel.Information, "estreamer session {Session} negotiation: {Note}")]
    public static partial void NegotiationNote(ILogger logger, uint session, string note);

    [LoggerMessage(9, LogLevel.Warning, "estreamer error: session {Session} bad client message: {Reason}; sending Error and closing")]
    public static partial void BadClientMessage(ILogger logger, uint session, string reason);

    [LoggerMessage(37, LogLevel.Error, "estreamer error: session {Session} stopped streaming: {Reason}; sending Error and closing")]
    public static partial void StreamFailed(ILogger logger, uint session, string reason);

    /// <summary>The client's text is escaped: it is the client's to choose and must not forge log lines.</summary>
    public static void ClientError(ILogger logger, uint session, int code, string text) => ClientErrorEscaped(logger, session, code, LogText.Escape(text));

    [LoggerMessage(10, LogLevel.Information, "estreamer session {Session} client sent Error {Code} \"{Text}\": closing")]
    private static partial void ClientErrorEscaped(ILogger logger, uint session, int code, string text);

    [LoggerMessage(11, LogLevel.Warning, "estreamer error: session {Session} send failed: {Reason}; closing")]
    public static partial void SendFailed(ILogger logger, uint session, string reason);

    [LoggerMessage(29, LogLevel.Information, "estreamer session {Session} client closed the connection during a send ({Cause}) with {Queued} bytes unsent")]
    public static partial void ClientHungUpDuringSend(ILogger logger, uint session, string cause, long queued);

    [LoggerMessage(12, LogLevel.Information, "estreamer session {Session} closed ({Reason}): {Events} events, {Bundles} bundles, {Nulls} client nulls")]
    public static partial void SessionClosed(ILogger logger, uint session, string reason, long events, long bundles, long nulls);

    [LoggerMessage(13, LogLevel.Warning, "estreamer error: session {Session} sent no request within {Timeout}: closing")]
    public static partial void RequestTimedOut(ILogger logger, uint session, TimeSpan timeout);

    [LoggerMessage(14, LogLevel.Warning, "estreamer service disabled: closing {Count} sessions and refusing new connections")]
    public static partial void ServiceDisabled(ILogger logger, int count);

    [LoggerMessage(15, LogLevel.Information, "estreamer service enabled on port {Port}")]
    public static partial void ServiceEnabled(ILogger logger, int port);

    [LoggerMessage(16, LogLevel.Debug, "estreamer connection {Remote} error: {Reason}")]
    public static partial void ConnectionError(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(17, LogLevel.Information, "estreamer session {Session} host request: type {DataType}, {First} - {Last}: {Count} hosts")]
    public static partial void HostRequest(ILogger logger, uint session, uint dataType, IPAddress first, IPAddress last, int count);

    [LoggerMessage(18, LogLevel.Information, "estreamer control API listening on http://{Endpoint}{TokenNote}")]
    public static partial void ControlListening(ILogger logger, string endpoint, string tokenNote);

    [LoggerMessage(19, LogLevel.Error, "estreamer error: control API {Method} {Path} failed: {Reason}")]
    public static partial void ControlRequestFailed(ILogger logger, string method, string path, string reason, Exception exception);

    [LoggerMessage(20, LogLevel.Debug, "estreamer control API {Method} {Path} refused: {Reason}")]
    public static partial void ControlRefused(ILogger logger, string method, string path, string reason);

    [LoggerMessage(21, LogLevel.Information, "estreamer reset: closed {Sessions} sessions, cleared the message journal, conformance reports and event journal")]
    public static partial void Reset(ILogger logger, int sessions);

    [LoggerMessage(22, LogLevel.Warning, "estreamer error: conformance report for session {Session} not written to {Path}: {Reason}")]
    public static partial void ReportWriteFailed(ILogger logger, uint session, string path, string reason);

    [LoggerMessage(23, LogLevel.Information, "estreamer session {Session} conformance: {Summary}")]
    public static partial void ConformanceSummary(ILogger logger, uint session, string summary);

    [LoggerMessage(24, LogLevel.Warning, "estreamer fault: session {Session}: {Kind} ({Detail})")]
    public static partial void FaultFired(ILogger logger, uint session, string kind, string detail);

    [LoggerMessage(30, LogLevel.Information, "estreamer faults: session {Session} is streaming session {Number}: {Faults} scripted faults scoped to it")]
    public static partial void StreamingNumber(ILogger logger, uint session, int number, int faults);

    [LoggerMessage(25, LogLevel.Warning, "estreamer fault: connection {Connection} from {Remote} refused by a scripted fault")]
    public static partial void ConnectionRefusedByFault(ILogger logger, EndPoint? remote, uint connection);

    [LoggerMessage(26, LogLevel.Warning, "estreamer fault: service {Action} by a scripted fault")]
    public static partial void ServiceFault(ILogger logger, string action);

    [LoggerMessage(27, LogLevel.Information, "estreamer scenario {Name} (seed {Seed}) playing from {Start:u}")]
    public static partial void ScenarioStarted(ILogger logger, string name, int seed, DateTimeOffset start);

    [LoggerMessage(28, LogLevel.Information, "estreamer connection from {Remote} closed before the TLS handshake")]
    public static partial void ClosedBeforeHandshake(ILogger logger, EndPoint? remote);

    [LoggerMessage(30, LogLevel.Information, "estreamer session {Session} streaming request service length {ServiceLength} matches neither reading of reference 5.4 (payload {Payload} bytes): entries read to (0, 0) or the end")]
    public static partial void UnusualServiceLength(ILogger logger, uint session, uint serviceLength, uint payload);

    [LoggerMessage(31, LogLevel.Warning, "estreamer error: connection limit of {Limit} reached: closing new connections until one ends")]
    public static partial void ConnectionLimitReached(ILogger logger, int limit);

    [LoggerMessage(32, LogLevel.Information, "estreamer connections below the limit of {Limit} again: {Refused} connections were refused meanwhile")]
    public static partial void ConnectionLimitCleared(ILogger logger, int limit, long refused);

    [LoggerMessage(33, LogLevel.Error, "estreamer error: accepting connections failed ({Reason}): pausing accepts, first for {Pause}, longer while it lasts")]
    public static partial void AcceptFailing(ILogger logger, string reason, TimeSpan pause);

    [LoggerMessage(34, LogLevel.Information, "estreamer accepting connections again after {Failures} failed attempts")]
    public static partial void AcceptRecovered(ILogger logger, long failures);

    [LoggerMessage(35, LogLevel.Error, "estreamer error: peer database {Location} unreadable ({Reason}): keeping the {Count} peers last read")]
    public static partial void PeerDatabaseUnreadable(ILogger logger, string location, string reason, int count);

    [LoggerMessage(36, LogLevel.Information, "estreamer connection from {Remote} closed during the TLS handshake")]
    public static partial void ClosedDuringHandshake(ILogger logger, EndPoint? remote);
}
