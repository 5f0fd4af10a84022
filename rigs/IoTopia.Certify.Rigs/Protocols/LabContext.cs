using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Addressing;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>What lab services share: the run, the address plan and the lab's test PKI.</summary>
public sealed record LabContext(RunContext Run, AddressPlan Addresses, Lab.TestPki Pki);
