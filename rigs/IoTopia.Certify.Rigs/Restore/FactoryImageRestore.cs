using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Restore;

/// <summary>
/// The virtual rig's restore: the device's state dir (its flash) is replaced by a copy of the factory
/// image dir. Refused unless the power is off — a running device would write into the copy.
/// The copy is made beside the state dir and swapped in, so a failure never leaves half a flash.
/// </summary>
public sealed class FactoryImageRestore(string stateDir, string factoryImageDir, IPowerProtocol power) : IRestoreProtocol
{
    public string StateDir { get; } = Path.GetFullPath(stateDir);
    public string FactoryImageDir { get; } = Path.GetFullPath(factoryImageDir);

    public async Task RestoreAsync(AttemptContext attempt, CancellationToken ct)
    {
        var state = await power.GetStateAsync(ct);
        if (state != PowerState.Off)
            throw new InvalidOperationException($"restore refused: the DUT's power is {state.ToString().ToLowerInvariant()}; switch it off first");
        if (!Directory.Exists(FactoryImageDir))
            throw new DirectoryNotFoundException($"restore: no factory image dir {FactoryImageDir}");
        var parent = Path.GetDirectoryName(StateDir) ?? throw new InvalidOperationException($"restore: the state dir {StateDir} has no parent");
        Directory.CreateDirectory(parent);
        var fresh = Path.Combine(parent, $".{Path.GetFileName(StateDir)}.restore-{Guid.NewGuid():N}");
        var old = fresh + ".old";
        var files = 0;
        try
        {
            files = Copy(new DirectoryInfo(FactoryImageDir), Directory.CreateDirectory(fresh), ct);
            if (Directory.Exists(StateDir))
                Directory.Move(StateDir, old);
            Directory.Move(fresh, StateDir);
        }
        finally
        {
            DeleteIfThere(fresh);
            DeleteIfThere(old);
        }
        attempt.Run.Journal.Append(new Note
        {
            ScenarioId = attempt.Scenario.Id,
            Text = $"restore: state dir reset to the factory image ({files} files)",
            Data = new JsonObject { ["state-dir"] = StateDir, ["factory-image"] = FactoryImageDir, ["files"] = files },
        });
    }

    private static int Copy(DirectoryInfo from, DirectoryInfo to, CancellationToken ct)
    {
        var files = 0;
        foreach (var entry in from.EnumerateFileSystemInfos())
        {
            ct.ThrowIfCancellationRequested();
            var target = Path.Combine(to.FullName, entry.Name);
            switch (entry)
            {
                case { LinkTarget: { } link }:
                    // a link in the image stays a link: never followed out of the image
                    File.CreateSymbolicLink(target, link);
                    break;
                case DirectoryInfo dir:
                    files += Copy(dir, Directory.CreateDirectory(target), ct);
                    break;
                case FileInfo file:
                    file.CopyTo(target);
                    files++;
                    break;
            }
        }
        return files;
    }

    private static void DeleteIfThere(string dir)
    {
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
    }
}
