using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.Capture;

/// <summary>A rig whose only driver is a capture driver.</summary>
internal sealed class CaptureTestRig : RigRuntime
{
    public CaptureTestRig(ICaptureProtocol capture)
        : base(new RigDescription { Name = "capture-test", File = "(test)", Capabilities = ["capture"] }) =>
        Drivers.Add(capture, "test capture");
}
