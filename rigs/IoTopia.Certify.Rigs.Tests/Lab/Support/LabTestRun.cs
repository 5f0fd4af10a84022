using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>
/// A scratch run for lab service tests: a StepHost run folder, an address plan on a test slot with
/// high ports (no root needed), and a test PKI in its own temporary folder. The host's rig is an in-process
/// rig, or the one <c>rig</c> makes (for running steps that need the rig's drivers).
/// </summary>
public sealed class LabTestRun : IAsyncDisposable
{
    private readonly string _pkiFolder;

    private LabTestRun(StepHost host, AddressPlan plan, TestPki pki, string pkiFolder)
    {
        Host = host;
        Plan = plan;
        Pki = pki;
        _pkiFolder = pkiFolder;
        Lab = new LabContext(host.Run, plan, pki);
    }

    public StepHost Host { get; }
    public AddressPlan Plan { get; }
    public TestPki Pki { get; }
    public LabContext Lab { get; }
    public string RigFolder => Host.Folder.Rig;

    public static async Task<LabTestRun> CreateAsync(int slot, Func<AddressPlan, TestPki, RigRuntime>? rig = null)
    {
        var pkiFolder = Directory.CreateTempSubdirectory("lab-test-pki-").FullName;
        TestPki? pki = null;
        try
        {
            using var deadline = new CancellationTokenSource(Deadlines.Step);
            pki = await TestPki.OpenAsync(pkiFolder, deadline.Token);
            var plan = new AddressPlan(slot, privilegedPorts: false);
            var host = StepHost.Create(rig?.Invoke(plan, pki) ?? new InProcessRig(new RigDescription { Name = "lab-test", File = "lab-test.yaml" }),
                RigSteps.Registry);
            return new LabTestRun(host, plan, pki, pkiFolder);
        }
        catch
        {
            pki?.Dispose();
            Directory.Delete(pkiFolder, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Pki.Dispose();
        try
        {
            Directory.Delete(_pkiFolder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS
        }
    }
}
