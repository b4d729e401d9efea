// Fixtures run side by side: each starts its own emulator or scripted server on its own port.
[assembly: Parallelizable(ParallelScope.Fixtures)]
