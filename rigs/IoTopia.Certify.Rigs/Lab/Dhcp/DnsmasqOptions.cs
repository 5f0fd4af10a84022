using System.Net.NetworkInformation;

namespace IoTopia.Certify.Rigs.Lab.Dhcp;

/// <summary>What dnsmasq serves on the DUT-facing link; its addresses come from the run's address plan.</summary>
/// <param name="Interface">the DUT-facing interface (for the journal; dnsmasq binds the lab address on it)</param>
/// <param name="DutMac">the DUT's MAC, leased its fixed address; null: the range's one address to whoever asks</param>
/// <param name="ResolverPort">the lab resolver's port on the lab address, DNS is forwarded there; null: no DNS</param>
/// <param name="ServesNtp">whether the lab's NTP server runs on the lab address: the lease names it (option 42)</param>
public sealed record DnsmasqOptions(string Interface, PhysicalAddress? DutMac, int? ResolverPort, bool ServesNtp = false);
