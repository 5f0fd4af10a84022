using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace IoTopia.Certify.Mud.Signature;

/// <summary>
/// Verifies a MUD file's detached CMS signature as RFC 8520 asks of a MUD manager: over the file's exact
/// bytes, a chain to the given trust anchors, KeyUsage digitalSignature on the signer, and the signer's
/// subject equal to the device certificate's id-pe-mudsigner when it has one.
/// </summary>
public static class MudSignatureVerifier
{
    public static MudSignatureReport Verify(byte[] content, byte[] signature, MudSignatureOptions options)
    {
        try
        {
            return VerifyDecoded(content, signature, options);
        }
        catch (CryptographicException e)
        {
            // Parts of a CMS message (certificates, attributes) are decoded lazily: a corruption can surface late.
            return Failed($"the signature is malformed ({e.Message})", Describe(options.Time), options);
        }
    }

    private static MudSignatureReport VerifyDecoded(byte[] content, byte[] signature, MudSignatureOptions options)
    {
        var timeText = Describe(options.Time);
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var notes = new List<string>();
        try
        {
            cms.Decode(Der(signature, notes));
        }
        catch (CryptographicException e)
        {
            return Failed($"not a DER-encoded CMS signature ({e.Message})", timeText, options);
        }
        if (cms.SignerInfos.Count != 1)
            return Failed($"expected one signer, found {cms.SignerInfos.Count}", timeText, options);
        var signerInfo = cms.SignerInfos[0];
        if (signerInfo.Certificate is not { } signer)
            return Failed("the signature carries no signer certificate", timeText, options);

        var failures = new List<string>();
        try
        {
            signerInfo.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException e)
        {
            failures.Add($"the signature does not verify over the file's exact bytes ({e.Message})");
        }
        CheckKeyUsage(signer, failures);
        var chain = ChainCheck.Run(signer, options.TrustAnchors, cms.Certificates, options.Time);
        failures.AddRange(chain.Failures);
        CheckMudSigner(signer, options.DeviceCertificate, failures, notes);
        if (options.Time.Kind == TimeCheckKind.Waived)
            timeText = Waiver(signer, options, cms.Certificates);
        if (signerInfo.SignedAttributes.OfType<CryptographicAttributeObject>().SelectMany(a => a.Values.OfType<Pkcs9SigningTime>()).FirstOrDefault() is { } signed)
            notes.Add($"signing time (claimed by the signer): {ChainCheck.Utc(signed.SigningTime)}");
        notes.Add($"digest {signerInfo.DigestAlgorithm.FriendlyName ?? signerInfo.DigestAlgorithm.Value}, signer key {signer.PublicKey.Oid.FriendlyName ?? signer.PublicKey.Oid.Value}");

        return new MudSignatureReport
        {
            Valid = failures.Count == 0,
            Failures = failures,
            Notes = notes,
            Signer = signer.Subject,
            Chain = chain.Chain,
            TimeValidity = timeText,
            TimeWaived = options.Time.Kind == TimeCheckKind.Waived,
        };
    }

    private static void CheckKeyUsage(X509Certificate2 signer, List<string> failures)
    {
        var usage = signer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is null)
            failures.Add($"key usage: the signer {signer.Subject} has no KeyUsage extension; RFC 8520 requires KeyUsage with digitalSignature");
        else if (!usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
            failures.Add($"key usage: the signer {signer.Subject} lacks digitalSignature (has {usage.KeyUsages}); RFC 8520 requires it");
    }

    private static void CheckMudSigner(X509Certificate2 signer, X509Certificate2? device, List<string> failures, List<string> notes)
    {
        if (device is null)
            return;
        X500DistinguishedName? expected;
        try
        {
            expected = MudSignerExtension.Read(device);
        }
        catch (CryptographicException e)
        {
            failures.Add($"mudsigner: the device certificate's id-pe-mudsigner is not a valid Name ({e.Message})");
            return;
        }
        if (expected is null)
            notes.Add($"the device certificate {device.Subject} has no id-pe-mudsigner: any signer chained to the trust anchors is accepted");
        else if (!MudSignerExtension.SameName(expected, signer.SubjectName))
            failures.Add($"mudsigner: the device certificate names {expected.Name} as its MUD signer, but the file is signed by {signer.Subject}");
        else
            notes.Add($"the signer matches the device certificate's id-pe-mudsigner ({expected.Name})");
    }

    private static string Waiver(X509Certificate2 signer, MudSignatureOptions options, X509Certificate2Collection carried)
    {
        var outOfTime = ChainCheck.OutOfTime(signer, options.TrustAnchors, carried, options.Time.Time);
        return outOfTime.Count == 0
            ? "waived (--ignore-time); every certificate of the chain is also valid now"
            : $"waived (--ignore-time); without the waiver it fails: {string.Join("; ", outOfTime)} (now {ChainCheck.Utc(options.Time.Time.UtcDateTime)})";
    }

    private static string Describe(TimeCheck time) => time.Kind switch
    {
        TimeCheckKind.At => $"checked as of {ChainCheck.Utc(time.Time.UtcDateTime)} (--at)",
        TimeCheckKind.Waived => "waived (--ignore-time)",
        _ => $"checked at {ChainCheck.Utc(time.Time.UtcDateTime)} (now)",
    };

    /// <summary>RFC 8520 signatures are DER; a PEM-armoured one is accepted with a note.</summary>
    private static byte[] Der(byte[] signature, List<string> notes)
    {
        if (signature.Length > 11 && signature.AsSpan().StartsWith("-----BEGIN"u8))
        {
            var text = Encoding.ASCII.GetString(signature);
            if (PemEncoding.TryFind(text, out var fields))
            {
                notes.Add("the signature file is PEM-armoured; RFC 8520 serves DER");
                return Convert.FromBase64String(text[fields.Base64Data]);
            }
        }
        return signature;
    }

    private static MudSignatureReport Failed(string failure, string timeText, MudSignatureOptions options) => new()
    {
        Valid = false,
        Failures = [failure],
        TimeValidity = timeText,
        TimeWaived = options.Time.Kind == TimeCheckKind.Waived,
    };
}
