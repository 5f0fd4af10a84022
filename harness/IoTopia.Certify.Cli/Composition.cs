using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Steps;

namespace IoTopia.Certify.Cli;

/// <summary>Where the command line puts the parts together: the step classes and the rig kinds it offers.</summary>
public static class Composition
{
    public static StepRegistry Steps { get; } = new(typeof(StepRegistry).Assembly, typeof(Rigs.Protocols.IPowerProtocol).Assembly);

    public static RigKinds RigKinds { get; } = new RigKinds()
        .Add(new Rigs.Virtual.VirtualRigKind())
        .Add(new Rigs.Bench.BenchRigKind())
        .Add(new Rigs.Netns.NetnsRigKind());
}
