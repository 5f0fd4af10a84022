using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>How the capture steps reach the rig's capture driver.</summary>
internal static class CaptureDriver
{
    /// <summary>The rig's <see cref="ICaptureProtocol"/>, or null when the rig has none.</summary>
    public static ICaptureProtocol? Find(StepContext context) => context.Drivers.Find<ICaptureProtocol>();

    /// <summary>The capture named <paramref name="name"/> of this attempt, or why there is none.</summary>
    public static (CaptureActivity? Activity, string? Problem) Running(StepContext context, string name)
    {
        if (context.Activities.Find<CaptureActivity>(name) is { } activity)
            return (activity, null);
        if (Find(context) is { Unavailable: { } why })
            return (null, why);
        return (null, $"no capture named '{name}' runs in this attempt; start it with capture.start");
    }
}
