using IoTopia.Certify.Rigs.Bench;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>A qemu rig file's <c>drivers:</c> as read, paths absolute.</summary>
public sealed record QemuSettings
{
    /// <summary>The image folder: <c>image:</c>, or the one the run's isolation built for <c>build:</c>; null before it is built.</summary>
    public string? ImageFolder { get; init; }

    /// <summary>The variant to build (<c>build:</c>), or null for a given image.</summary>
    public string? Variant { get; init; }

    /// <summary>The folder of boot, build and select-slot.</summary>
    public required string ToolsFolder { get; init; }

    public string? PasswordFile { get; init; }

    public IReadOnlySet<BenchLabService> Services { get; init; } = new HashSet<BenchLabService>();

    public required string PkiFolder { get; init; }

    public string BootScript => Path.Combine(ToolsFolder, "boot");

    public string BuildScript => Path.Combine(ToolsFolder, "build");

    /// <summary>The password file's path, when the image and the key are known.</summary>
    public string? PasswordPath => ImageFolder is { } image && PasswordFile is { } file ? Path.Combine(image, file) : null;
}
