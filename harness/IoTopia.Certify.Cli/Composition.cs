using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Steps;

namespace IoTopia.Certify.Cli;

/// <summary>
/// Where the command line puts the parts together: the step classes and the rig kinds it offers. The engine
/// knows no suite and no rig kind; a new pillar's step project (suites/&lt;pillar&gt;/IoTopia.Certify.Suites.&lt;Pillar&gt;)
/// is one project reference of the command line and one line here.
/// </summary>
public static class Composition
{
    public static StepRegistry Steps { get; } = new(
        typeof(StepRegistry).Assembly,                  // the engine's own steps: wait, selftest.*
        typeof(Rigs.Protocols.IPowerProtocol).Assembly, // the drivers' steps: serial.*, power.*, capture.*, lab.*, dut.*
        typeof(Suites.Intent.MudUrlStep).Assembly);     // suites/intent: intent.*

    /// <summary>What a run brings besides its rig file: the operator (the terminal's person, or an answers file).</summary>
    public static IRunDrivers RunDrivers => Terminal.RunOperator.Instance;

    public static RigKinds RigKinds { get; } = new RigKinds()
        .Add(new Rigs.Virtual.VirtualRigKind())
        .Add(new Rigs.Bench.BenchRigKind())
        .Add(new Rigs.Netns.NetnsRigKind())
        .Add(new Rigs.Qemu.QemuRigKind());
}
