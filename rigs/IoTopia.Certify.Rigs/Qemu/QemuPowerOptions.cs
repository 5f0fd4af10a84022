using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>What <c>fixtures/linux-board/boot</c> gets at each power-on (absolute paths).</summary>
public sealed class QemuPowerOptions : IValidatableArguments
{
    /// <summary>The boot script (it execs QEMU, so its process is the board).</summary>
    public required string Boot { get; init; }

    public required string Image { get; init; }

    /// <summary>The unit's state folder: its four disks (copied from the image's when missing).</summary>
    public required string Unit { get; init; }

    /// <summary>The tty QEMU's serial port opens (the device end of the console's pty pair).</summary>
    public required string Console { get; init; }

    /// <summary>The persistent tap the board's NIC uses.</summary>
    public required string Tap { get; init; }

    public required string Mac { get; init; }

    /// <summary>QEMU's QMP socket, or null for none.</summary>
    public string? Qmp { get; init; }

    public IEnumerable<string> Validate()
    {
        foreach (var (key, path) in new[] { ("boot", Boot), ("image", Image), ("unit", Unit), ("console", Console) })
        {
            if (!Path.IsPathRooted(path))
                yield return $"{key}: '{path}' is not an absolute path";
        }
        if (string.IsNullOrWhiteSpace(Tap))
            yield return "tap: the interface name is empty";
    }
}
