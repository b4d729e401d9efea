using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EStreamer.Emulator.Control;

/// <summary>
/// One JSON shape for the control API and the report files: camelCase members and dictionary keys, enum
/// values as kebab-case words ("acknowledged-all", "packet-data"), so a report read from the API and from
/// reports/session-N.json are the same text.
/// </summary>
internal static class ControlJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));

        // Rule messages and close reasons hold "<", ">" and quotes; these documents are never embedded in HTML.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }
}
