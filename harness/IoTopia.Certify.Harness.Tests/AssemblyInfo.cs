using IoTopia.Certify.Harness.Tests.Support;

[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
[assembly: NoChildProcesses]
