using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>How the harness reaches the DUT over the network, from its own probe address.</summary>
public interface IDutNetwork
{
    IPAddress DutAddress { get; }

    /// <summary>The harness's own address for probes (scans, status polls, browser); excluded from the DUT's behavioural traffic.</summary>
    IPAddress ProbeAddress { get; }

    /// <summary><c>https</c> (the certificate must chain to <see cref="WebTrustRoots"/>) or <c>http</c> (plain: nothing is verified).</summary>
    string WebScheme { get; }

    int WebPort { get; }

    /// <summary>The DUT's MAC on the captured link, when the rig knows it (the netns rig's veth, a bench's DUT); else null.</summary>
    System.Net.NetworkInformation.PhysicalAddress? DutMac => null;

    /// <summary>Roots the DUT's web certificate must chain to (the lab's test CA on the virtual rig).</summary>
    X509Certificate2Collection WebTrustRoots { get; }
}
