using IoTopia.Certify.Mud.Flows;

namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>
/// The one call into the capture reader, frame decoder and flow collection: <c>mud check</c>'s own analysis,
/// which reads the capture with the wire library's <c>CaptureScan</c> and adds the MUD facts in the same pass.
/// </summary>
public static class CaptureInput
{
    public static CaptureAnalysis Analyze(string path, CheckSettings settings) => CaptureAnalyzer.Analyze(path, settings);
}
