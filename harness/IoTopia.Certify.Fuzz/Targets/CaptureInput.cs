using IoTopia.Certify.Mud.Flows;

namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>
/// The one call into the capture reader, packet decoder and flow collection. When they move to the wire
/// library, this line is what changes.
/// </summary>
public static class CaptureInput
{
    public static CaptureAnalysis Analyze(string path, CheckSettings settings) => CaptureAnalyzer.Analyze(path, settings);
}
