using Microsoft.AspNetCore.Routing;

namespace EStreamer.Emulator.Control;

/// <summary>
/// A set of routes added to the control API next to the built-in ones (POST /scenario, /events and /faults
/// come this way with the scenario engine). They share the port, the bearer-token check, camelCase JSON and
/// problem+json errors, and appear in the OpenAPI document.
/// </summary>
public interface IControlEndpoints
{
    void Map(IEndpointRouteBuilder endpoints, EmulatorControl control);
}
