using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>
/// The board's restore: its four disks (slot A, slot B, data, bootloader environment) back to the image's factory
/// disks, each copied beside the unit's and renamed over it, so a failure never leaves half a disk. Refused unless
/// the power is off — a running board would write into the copy.
/// </summary>
[DriverBackend("restore", "board-disks", "a QEMU board's raw disks copied back from its image's factory disks")]
public sealed class QemuDiskRestore(string image, string unit, IPowerProtocol? power) : IRestoreProtocol, IDriverBackend<QemuDiskRestore, QemuDiskRestore.Options>
{
    public sealed class Options : IValidatableArguments
    {
        /// <summary>The image folder (its factory disks).</summary>
        public required string Image { get; init; }

        /// <summary>The unit's state folder (its disks).</summary>
        public required string Unit { get; init; }

        public IEnumerable<string> Validate()
        {
            if (!Path.IsPathRooted(Image))
                yield return $"image: '{Image}' is not an absolute path";
            if (!Path.IsPathRooted(Unit))
                yield return $"unit: '{Unit}' is not an absolute path";
        }
    }

    public static QemuDiskRestore Create(Options options, BackendContext context) =>
        new(options.Image, options.Unit, context.Drivers.TryGet<IPowerProtocol>(out var power) ? power : null);

    public static string Resource(Options options) => $"{string.Join(", ", BoardImage.Disks)} from {options.Image}";

    public async Task RestoreAsync(AttemptContext attempt, CancellationToken ct)
    {
        if (power is not null && await power.GetStateAsync(ct) != PowerState.Off)
            throw new InvalidOperationException("restore refused: the board's power is on; switch it off first");
        Directory.CreateDirectory(unit);
        foreach (var disk in BoardImage.Disks)
        {
            var factory = Path.Combine(image, disk);
            if (!File.Exists(factory))
                throw new FileNotFoundException($"restore: the image has no factory disk {factory}");
            var target = Path.Combine(unit, disk);
            var fresh = Path.Combine(unit, $".{disk}.restore");
            await using (var from = new FileStream(factory, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
            await using (var to = new FileStream(fresh, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                await from.CopyToAsync(to, ct);
                await to.FlushAsync(ct);
            }
            File.Move(fresh, target, overwrite: true);
        }
        attempt.Run.Journal.Append(new Note
        {
            ScenarioId = attempt.Scenario.Id,
            Text = $"restore: the board's disks copied back from the image's factory disks ({string.Join(", ", BoardImage.Disks)})",
            Data = new JsonObject { ["unit"] = unit, ["image"] = image },
        });
    }
}
