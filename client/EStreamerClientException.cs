using EStreamer.Protocol.Messages;

namespace EStreamer.Client;

/// <summary>
/// The one exception the client library throws for anything that goes wrong on the way to a server and
/// back. <see cref="Failure"/> says which step failed; the message is one line a user can act on
/// ("connection refused by 10.0.0.5:8302").
/// </summary>
public sealed class EStreamerClientException : Exception
{
    public EStreamerClientException(EStreamerClientFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public EStreamerClientFailure Failure { get; }

    /// <summary>The server's Error message when <see cref="Failure"/> is <see cref="EStreamerClientFailure.ServerError"/>.</summary>
    public ErrorMessage? ServerError { get; init; }

    /// <summary>The message type that arrived when <see cref="Failure"/> is <see cref="EStreamerClientFailure.UnexpectedMessage"/>.</summary>
    public MessageType? UnexpectedType { get; init; }

    /// <summary>An exception and its causes on one line ("Authentication failed: ...: broken pipe").</summary>
    internal static string Describe(Exception failure)
    {
        var parts = new List<string>();
        for (var current = failure; current is not null; current = current.InnerException)
        {
            var text = current.Message.ReplaceLineEndings(" ").Trim();
            if (text.Length > 0 && !parts.Contains(text))
            {
                parts.Add(text);
            }
        }

        return string.Join(": ", parts);
    }

    /// <summary>The exception for an Error message from the server; NULs some servers pad with are dropped.</summary>
    public static EStreamerClientException FromServerError(ErrorMessage error) =>
        new(EStreamerClientFailure.ServerError, $"server answered with Error {error.Code}: {error.Text.Replace("\0", string.Empty, StringComparison.Ordinal).ReplaceLineEndings(" ")}")
        {
            ServerError = error,
        };
}
