namespace IoTopia.Certify.Wire.Flows;

/// <summary>Which end of a flow: the device under test or the remote host.</summary>
public enum Side
{
    Unknown,
    Device,
    Remote,
}
