using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Integrity;

/// <summary>Signs a run after the fact (<c>certify sign</c>): only an intact, sealed run that no process is writing.</summary>
public static class RunSigning
{
    /// <exception cref="InputException">not a sealed run, not intact, being written, or a bad key file</exception>
    public static X509Certificate2 Sign(RunFolder folder, string keyFile)
    {
        if (!File.Exists(folder.Manifest))
            throw new InputException(File.Exists(folder.Journal)
                ? $"{folder.Root}: not sealed yet (no manifest.json); run `certify resume {folder.Root}` first"
                : $"{folder.Root}: not a run folder (no manifest.json)");
        using var writer = RunLock.Acquire(folder);
        var certificate = ManifestSigner.Load(keyFile);
        var report = ManifestVerifier.Verify(folder, [], requireSignature: false);
        var tampered = report.Problems.Where(p => !p.StartsWith("manifest.json.p7s:", StringComparison.Ordinal)).ToList();
        if (tampered.Count > 0)
            throw new InputException($"{folder.Root}: not intact, refusing to sign: {string.Join("; ", tampered)}");

        var contents = JournalReader.Read(folder.Journal);
        using (var journal = Journal.Continue(folder.Journal, contents.ValidLength, contents.Events.Count == 0 ? 0 : contents.Events[^1].Seq))
            journal.Append(new RunSigned { Signer = certificate.Subject, CertificateSha256 = ManifestSigner.Thumbprint(certificate) });
        var runId = contents.Events.OfType<RunStarted>().FirstOrDefault()?.Run.Id ?? Path.GetFileName(folder.Root);
        ManifestWriter.Write(folder, runId);
        return ManifestSigner.Sign(folder, certificate);
    }
}
