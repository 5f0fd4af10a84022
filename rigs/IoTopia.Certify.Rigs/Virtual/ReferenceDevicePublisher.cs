using System.Diagnostics;
using System.Text.Json;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Lab.Pki;

namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>
/// The reference-device rigs' source of the manufacturer's MUD publication: the test manufacturer's anchor issues a MUD
/// signer into <c>rig/pki/</c>, then the reference device program runs once in its <c>publish-mud</c> mode
/// (as the manufacturer's tool, for the run's personality) and writes the MUD file, its signature and the
/// certificate's MUD URL into <c>rig/mud-publication/</c>.
/// </summary>
public static class ReferenceDevicePublisher
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private const int MaxProvisioningBytes = 4096;

    public static async Task<ReferenceDevicePublication> PublishAsync(RunContext run, VirtualRigSettings settings, string model, string personality,
        int cloudPort, TestPki pki, CancellationToken ct)
    {
        using var manufacturer = await pki.OpenManufacturerAsync(ct);
        using var signer = manufacturer.IssueMudSigner($"{model} MUD signer");
        var signerPem = signer.WritePem(Path.Combine(run.Folder.Rig, "pki"), "mud-signer");
        var folder = Path.Combine(run.Folder.Rig, "mud-publication");
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true); // a resumed run publishes again
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(DeviceProgram.DllPath(settings.DeviceProject));
        foreach (var arg in new[] { "publish-mud", "--personality", personality, "--model", model, "--mud-url", settings.MudUrl, "--cloud-port", $"{cloudPort}",
                     "--signer-cert", signerPem.CertificatePath, "--signer-key", signerPem.KeyPath, "--out", folder })
            info.ArgumentList.Add(arg);
        foreach (var name in settings.CloudNames)
        {
            info.ArgumentList.Add("--cloud-name");
            info.ArgumentList.Add(name);
        }
        await RunAsync(run, info, ct);
        var signature = Path.Combine(folder, "mud.p7s");
        var mud = new ManufacturerMud
        {
            MudFile = Path.Combine(folder, "mud.json"),
            Signature = File.Exists(signature) ? signature : null,
            TrustAnchor = manufacturer.AnchorPath,
            Origin = $"the reference device manufacturer's publication (publish-mud, personality {personality}), served by the lab",
        };
        return new ReferenceDevicePublication(mud, ReadCertificateMudUrl(Path.Combine(folder, "provisioning.json")),
            new System.Security.Cryptography.X509Certificates.X500DistinguishedName(signer.Certificate.SubjectName.RawData));
    }

    private static async Task RunAsync(RunContext run, ProcessStartInfo info, CancellationToken ct)
    {
        await using var process = run.StartProcess(info);
        var errors = process.Process.StandardError.ReadToEndAsync(ct);
        var output = process.Process.StandardOutput.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"the reference device's publish-mud did not finish within {Deadline.TotalSeconds:0} s");
        }
        await output;
        if (process.Process.ExitCode != 0)
            throw new InvalidOperationException($"the reference device's publish-mud failed ({process.Process.ExitCode}): {(await errors).Trim()}");
    }

    private static string ReadCertificateMudUrl(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length > MaxProvisioningBytes)
            throw new InvalidDataException($"{path}: larger than {MaxProvisioningBytes} bytes");
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var url = document.RootElement.GetProperty("certificateMudUrl").GetString();
            // The certificate extension takes only an https URL of at most 255 printable characters: refuse anything else here, naming it.
            _ = MudCertificateExtensions.MudUrl(url ?? throw new InvalidDataException($"{path}: certificateMudUrl is null"));
            return url;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: no usable certificateMudUrl ({e.Message})", e);
        }
    }
}
