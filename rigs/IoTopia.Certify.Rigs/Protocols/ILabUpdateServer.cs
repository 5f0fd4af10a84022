using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Update;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>
/// The lab update server (the vendor's update server, through the lab HTTPS host): a scenario offers artefacts
/// at paths, each served with a transport behaviour; every response, byte for byte, is logged.
/// </summary>
[Capability("lab-http")]
public interface ILabUpdateServer : ILabService
{
    /// <summary>
    /// What <paramref name="hostName"/> serves at <paramref name="path"/> from now until the next reset. A replay
    /// takes the artefact of an earlier offer at the path (<paramref name="artefact"/> null); every other behaviour needs one.
    /// Throws <see cref="ArgumentException"/> naming what is wrong.
    /// </summary>
    UpdateOffer Offer(string hostName, string path, UpdateArtefact? artefact, UpdateBehaviour behaviour);

    /// <summary>The offers made at a host and path since the scenario began, oldest first.</summary>
    IReadOnlyList<UpdateOffer> History(string hostName, string path);

    /// <summary>Every response served in the run (the last ones, bounded).</summary>
    ObservationList<UpdateServed> Served { get; }

    /// <summary>The responses served since the scenario began (the last reset).</summary>
    IReadOnlyList<UpdateServed> ServedSinceReset();
}
