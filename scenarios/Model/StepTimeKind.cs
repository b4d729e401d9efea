namespace EStreamer.Scenarios.Model;

internal enum StepTimeKind
{
    FromStart,
    AfterPrevious,
    Absolute,
}
