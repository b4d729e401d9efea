// Fixtures run side by side: scenario tests load, compile and enumerate plans with no shared state.
[assembly: Parallelizable(ParallelScope.Fixtures)]
