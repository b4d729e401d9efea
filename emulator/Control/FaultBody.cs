using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EStreamer.Emulator.Faults;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Control;

/// <summary>
/// The JSON body of POST /faults: a scenario fault's keys (kebab-case, docs/scenarios.md) plus "session".
/// Read straight into a <see cref="Fault"/>; with no trigger the fault fires now. Anything wrong throws a
/// <see cref="FaultBodyException"/> naming the key.
/// </summary>
internal static partial class FaultBody
{
    private static readonly Dictionary<string, FaultKind> Kinds = new(StringComparer.Ordinal)
    {
        ["graceful-disconnect"] = FaultKind.GracefulDisconnect,
        ["tcp-reset"] = FaultKind.TcpReset,
        ["stall"] = FaultKind.Stall,
        ["keepalive-gap"] = FaultKind.KeepaliveGap,
        ["error-message"] = FaultKind.ErrorMessage,
        ["wrong-header-version"] = FaultKind.WrongHeaderVersion,
        ["unknown-record-type"] = FaultKind.UnknownRecordType,
        ["truncated-message"] = FaultKind.TruncatedMessage,
        ["slow-drip"] = FaultKind.SlowDrip,
        ["refuse-connections"] = FaultKind.RefuseConnections,
        ["disable-service"] = FaultKind.DisableService,
    };

    private static readonly string[] TriggerKeys = ["session", "kind", "at", "after-messages", "connection"];

    /// <summary>The parameters each kind takes, and which of them it cannot do without (as the scenario loader).</summary>
    private static readonly Dictionary<FaultKind, (string[] Allowed, string[] Required)> Parameters = new()
    {
        [FaultKind.GracefulDisconnect] = ([], []),
        [FaultKind.TcpReset] = ([], []),
        [FaultKind.Stall] = (["duration"], ["duration"]),
        [FaultKind.KeepaliveGap] = (["duration"], ["duration"]),
        [FaultKind.ErrorMessage] = (["code", "text"], ["code"]),
        [FaultKind.WrongHeaderVersion] = ([], []),
        [FaultKind.UnknownRecordType] = (["record-type"], []),
        [FaultKind.TruncatedMessage] = ([], []),
        [FaultKind.SlowDrip] = (["bytes-per-second", "duration"], ["bytes-per-second"]),
        [FaultKind.RefuseConnections] = (["count"], ["count"]),
        [FaultKind.DisableService] = (["duration"], []),
    };

    public static (uint? Session, Fault Fault) Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException bad)
        {
            throw new FaultBodyException(null, $"the body is not JSON: {bad.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FaultBodyException(null, "the body must be a JSON object such as {\"session\": 1, \"kind\": \"stall\", \"duration\": \"5s\"}");
            }

            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                values[property.Name] = property.Value;
            }

            if (!values.TryGetValue("kind", out var kindValue))
            {
                throw new FaultBodyException("kind", $"a fault needs \"kind\": one of {string.Join(", ", Kinds.Keys)}");
            }

            var kindName = kindValue.ValueKind == JsonValueKind.String ? kindValue.GetString()! : kindValue.GetRawText();
            if (!Kinds.TryGetValue(kindName, out var kind))
            {
                throw new FaultBodyException("kind", $"unknown fault kind '{kindName}'; known: {string.Join(", ", Kinds.Keys)}");
            }

            var (allowed, required) = Parameters[kind];
            foreach (var key in values.Keys.Where(k => !TriggerKeys.Contains(k) && !allowed.Contains(k)))
            {
                var takes = allowed.Length == 0 ? "takes no parameters" : $"takes {string.Join(", ", allowed.Select(a => $"'{a}'"))}";
                throw new FaultBodyException(key, $"'{key}' does not apply to a {kindName} fault, which {takes}");
            }

            if (required.FirstOrDefault(k => !values.ContainsKey(k)) is { } missing)
            {
                throw new FaultBodyException(missing, $"a {kindName} fault needs '{missing}'");
            }

            if (values.ContainsKey("at") && values.ContainsKey("after-messages"))
            {
                throw new FaultBodyException("after-messages", "a fault fires 'at' a time or 'after-messages', not both");
            }

            var fault = new Fault
            {
                Kind = kind,
                At = Get(values, "at", e => Duration(e, "at", allowZero: true)),
                AfterMessages = Get(values, "after-messages", e => (int?)Integer(e, "after-messages", 0, int.MaxValue)),
                Connection = Get(values, "connection", e => (int?)Integer(e, "connection", 1, int.MaxValue)),
                Duration = Get(values, "duration", e => Duration(e, "duration", allowZero: false)),
                Code = Get(values, "code", e => (int?)Integer(e, "code", int.MinValue, int.MaxValue)),
                Text = Get(values, "text", e => e.ValueKind == JsonValueKind.String ? e.GetString() : throw new FaultBodyException("text", "'text' must be a string"))
                    ?? (kind == FaultKind.ErrorMessage ? string.Empty : null),
                BytesPerSecond = Get(values, "bytes-per-second", e => (int?)Integer(e, "bytes-per-second", 1, int.MaxValue)),
                Count = Get(values, "count", e => (int?)Integer(e, "count", 1, int.MaxValue)),
                RecordType = Get(values, "record-type", UnknownRecordType) ?? (kind == FaultKind.UnknownRecordType ? Fault.DefaultUnknownRecordType : null),
            };

            // No trigger: the fault fires now, which is what the API is for.
            if (fault.At is null && fault.AfterMessages is null)
            {
                fault = fault with { At = TimeSpan.Zero };
            }

            var session = Get(values, "session", e => (uint?)Integer(e, "session", 0, uint.MaxValue));
            return (session, fault);
        }
    }

    private static T? Get<T>(Dictionary<string, JsonElement> values, string key, Func<JsonElement, T?> read) =>
        values.TryGetValue(key, out var value) ? read(value) : default;

    private static long Integer(JsonElement value, string key, long min, long max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < min || number > max)
        {
            throw new FaultBodyException(key, $"'{key}' must be a whole number from {min} to {max}, got {value.GetRawText()}");
        }

        return number;
    }

    private static uint? UnknownRecordType(JsonElement value)
    {
        var type = (uint)Integer(value, "record-type", 0, uint.MaxValue);
        if (RecordCatalog.IsKnown((RecordType)type) || Enum.IsDefined((RecordType)type))
        {
            throw new FaultBodyException("record-type", $"record type {type} is one the protocol defines; an unknown-record-type fault needs one it does not, such as {Fault.DefaultUnknownRecordType}");
        }

        return type;
    }

    /// <summary>A number of seconds, or text such as "90s", "1m30s", "250ms".</summary>
    private static TimeSpan? Duration(JsonElement value, string key, bool allowZero)
    {
        var seconds = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDecimal(),
            JsonValueKind.String => ParseSeconds(value.GetString()!),
            _ => (decimal?)null,
        };
        if (seconds is not { } s || s < 0 || (s == 0 && !allowZero) || s > (decimal)TimeSpan.MaxValue.TotalSeconds)
        {
            throw new FaultBodyException(key, $"'{key}' must be a duration {(allowZero ? "of 0s or more" : "longer than 0s")} such as 5s, 1m30s or 250ms, got {value.GetRawText()}");
        }

        return TimeSpan.FromTicks((long)(s * TimeSpan.TicksPerSecond));
    }

    private static decimal? ParseSeconds(string text)
    {
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bare))
        {
            return bare;
        }

        var match = DurationPattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        decimal total = 0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value.TrimStart("0123456789.".ToCharArray());
            var amount = decimal.Parse(part.Value[..^unit.Length], CultureInfo.InvariantCulture);
            total += amount * unit switch
            {
                "h" => 3600m,
                "m" => 60m,
                "s" => 1m,
                _ => 0.001m,
            };
        }

        return total;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(h|ms|m|s))+$")]
    private static partial Regex DurationPattern();
}
