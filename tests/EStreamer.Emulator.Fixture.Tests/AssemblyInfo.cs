// Each fixture starts its own emulator on its own port and folder, so fixtures run side by side.
[assembly: Parallelizable(ParallelScope.Fixtures)]
