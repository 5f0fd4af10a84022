using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>
/// <c>drivers.board</c> of a qemu rig file as written (kebab-case keys, bound with file:line errors): which board
/// image QEMU boots — a built image folder (<c>image</c>, a lab's own) or a variant the project builds when the run
/// starts (<c>build</c>, cached) — the board's host-side tools, and which file of the image holds the unit's
/// login password.
/// </summary>
public sealed class QemuBoardSection : IValidatableArguments
{
    /// <summary>A built image folder, relative to the rig file: vmlinuz, initramfs.cpio.gz, the four factory disks, board.env.</summary>
    public string? Image { get; init; }

    /// <summary>A variant of fixtures/linux-board (stock, hardened), built into .build/linux-board when the run starts.</summary>
    public string? Build { get; init; }

    /// <summary>The folder of the board's tools (boot, build, select-slot), relative to the rig file.</summary>
    public string Tools { get; init; } = "../fixtures/linux-board";

    /// <summary>The image's file holding the unit's root password (relative to the image folder): dut.login-password, masked in the run's record.</summary>
    public string? PasswordFile { get; init; }

    public IEnumerable<string> Validate()
    {
        if ((Image is null) == (Build is null))
            yield return "give one of image: (a built image folder) or build: (a variant of fixtures/linux-board to build)";
        if (Build is not null && (Build.Length == 0 || !Build.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            yield return $"build: '{Build}' is not a variant name (stock, hardened)";
        if (PasswordFile is not null && (PasswordFile.Length == 0 || Path.IsPathRooted(PasswordFile) || PasswordFile.Split('/').Contains("..")))
            yield return $"password-file: '{PasswordFile}' is not a file name inside the image folder";
    }
}
