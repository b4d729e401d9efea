namespace EStreamer.Scenarios.Model;

/// <summary>
/// The metadata a scenario defines, with the built-in defaults filled in for any list it leaves out.
/// </summary>
internal sealed record ScenarioMetadata(
    IReadOnlyList<DeviceDefinition> Devices,
    IReadOnlyList<ClassificationDefinition> Classifications,
    IReadOnlyList<PriorityDefinition> Priorities,
    IReadOnlyList<PolicyDefinition> IntrusionPolicies,
    IReadOnlyList<PolicyDefinition> AccessPolicies,
    IReadOnlyList<RuleDefinition> Rules,
    IReadOnlyList<UserDefinition> Users);
