namespace EStreamer.Emulator.Cli.Configuration;

/// <summary>A configuration layer that can say where one of its values was written, for error messages.</summary>
public interface IValueOrigin
{
    /// <summary>How an error about <paramref name="key"/> starts: "--port", "ESTREAMER_PORT" or "FILE:LINE:COL: port".</summary>
    string Describe(string key);
}
