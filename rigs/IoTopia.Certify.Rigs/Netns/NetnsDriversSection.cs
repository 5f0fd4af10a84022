using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.Rigs.Netns;

/// <summary>The <c>drivers:</c> section of a netns rig file (kebab-case keys): the virtual rig's, without a capture interface (it is the veth).</summary>
public sealed class NetnsDriversSection
{
    public required VirtualDriversSection.DeviceSection Device { get; init; }
    public VirtualDriversSection.SerialSection Serial { get; init; } = new();

    /// <summary>Folder of the lab's test PKI, relative to the rig file.</summary>
    public string Pki { get; init; } = "../.build/test-pki";
}
