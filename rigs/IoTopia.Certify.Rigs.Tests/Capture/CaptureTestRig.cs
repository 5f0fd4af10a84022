using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.Capture;

/// <summary>A rig whose only driver is a capture driver.</summary>
internal sealed class CaptureTestRig(ICaptureProtocol capture) : RigRuntime(new RigDescription
{
    Name = "capture-test",
    File = "(test)",
    Capabilities = ["capture"],
})
{
    public override T Driver<T>() => capture as T ?? base.Driver<T>();
}
