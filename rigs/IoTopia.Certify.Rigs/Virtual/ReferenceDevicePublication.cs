using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Rigs.Lab.Mud;

namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>
/// What the reference device's manufacturer published for a run: the MUD files the lab serves, the MUD URL
/// to provision into the device certificate (id-pe-mud-url), and the subject of the manufacturer's MUD
/// signer (id-pe-mudsigner).
/// </summary>
public sealed record ReferenceDevicePublication(ManufacturerMud Mud, string CertificateMudUrl, X500DistinguishedName SignerSubject);
