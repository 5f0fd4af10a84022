using IoTopia.Certify.Harness.Steps;

namespace IoTopia.Certify.Rigs.Tests.DeviceBench;

/// <summary>The harness's steps and the rigs' steps, as a run would register them.</summary>
internal static class RigSteps
{
    public static StepRegistry Registry { get; } = new(typeof(StepRegistry).Assembly, typeof(Rigs.Serial.SerialConsole).Assembly);
}
