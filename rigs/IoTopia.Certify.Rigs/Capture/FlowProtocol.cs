namespace IoTopia.Certify.Rigs.Capture;

/// <summary>The transport a flow spec asks for.</summary>
public enum FlowProtocol
{
    Tcp,
    Udp,
}
