using Microsoft.Extensions.Configuration;

namespace EStreamer.Emulator.Cli.Configuration;

/// <summary>
/// Option values already split into names and texts (command-line flags, ESTREAMER_* variables), as one
/// configuration layer that knows how each name was spelled at its source.
/// </summary>
public sealed class NamedValuesSource(IReadOnlyDictionary<string, string> values, Func<string, string> spelling) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(values, spelling);

    private sealed class Provider(IReadOnlyDictionary<string, string> values, Func<string, string> spelling) : ConfigurationProvider, IValueOrigin
    {
        public override void Load()
        {
            Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in values)
            {
                Data[key] = value;
            }
        }

        public string Describe(string key) => spelling(key);
    }
}
