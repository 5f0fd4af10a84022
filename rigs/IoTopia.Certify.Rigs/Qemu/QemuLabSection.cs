using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Rigs.Bench;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>
/// <c>drivers.lab</c> of a qemu rig file: which lab services run on the bridge (the bench's: dhcp by dnsmasq, dns,
/// https, mud) and the lab's test PKI. Interface and addresses are the slot's (<see cref="QemuLayout"/>), not the file's.
/// </summary>
public sealed class QemuLabSection : IValidatableArguments
{
    public List<BenchLabService> Services { get; init; } = [];

    /// <summary>Folder of the lab's test PKI (TLS certificates of the HTTPS host and MUD server), relative to the rig file.</summary>
    public string Pki { get; init; } = "../.build/test-pki";

    public IEnumerable<string> Validate()
    {
        foreach (var twice in Services.GroupBy(s => s).Where(g => g.Count() > 1))
            yield return $"services: {ArgumentBinder.KebabCase(twice.Key.ToString())} is listed twice";
        if (Services.Contains(BenchLabService.Mud) && !Services.Contains(BenchLabService.Https))
            yield return "services: mud is served through the HTTPS host: list https too";
    }
}
