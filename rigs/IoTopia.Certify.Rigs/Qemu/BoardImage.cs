using IoTopia.Certify.Rigs.Lab.Mud;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>
/// A built board image folder (<c>fixtures/linux-board/build</c>, or a lab's own with the same files): the kernel,
/// initramfs and factory disks QEMU boots, and <c>board.env</c>, the facts its build wrote (shell assignments,
/// <c>KEY=value</c> or <c>KEY='value'</c>). Read, never executed.
/// </summary>
public sealed class BoardImage
{
    /// <summary>The unit's disks, in the order the board's virtio drives take them (vda … vdd).</summary>
    public static readonly IReadOnlyList<string> Disks = ["slot-a.img", "slot-b.img", "data.img", "bootenv.img"];

    private BoardImage(string folder, IReadOnlyDictionary<string, string> env)
    {
        Folder = folder;
        Env = env;
    }

    public string Folder { get; }

    /// <summary>board.env's assignments (empty when the image has none).</summary>
    public IReadOnlyDictionary<string, string> Env { get; }

    /// <summary>The image at <paramref name="folder"/>, or why it is not one.</summary>
    public static BoardImage Open(string folder)
    {
        if (!Directory.Exists(folder))
            throw new InvalidOperationException($"no board image folder {folder} (fixtures/linux-board/build makes one)");
        var missing = new[] { "vmlinuz", "initramfs.cpio.gz" }.Concat(Disks).Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"{folder} is not a board image: it has no {string.Join(", ", missing)}");
        var envFile = Path.Combine(folder, "board.env");
        return new BoardImage(folder, File.Exists(envFile) ? ParseEnv(File.ReadAllLines(envFile)) : new Dictionary<string, string>());
    }

    /// <summary>
    /// The manufacturer's MUD publication the build put in the image (<c>BOARD_MUD_FILE</c>, <c>BOARD_MUD_SIGNATURE</c>,
    /// <c>BOARD_MUD_TRUST_ANCHOR</c>, relative to the image folder), or null when board.env names no MUD file.
    /// </summary>
    public ManufacturerMud? Mud()
    {
        if (FileOf("BOARD_MUD_FILE") is not { } file)
            return null;
        return new ManufacturerMud
        {
            MudFile = file,
            Signature = FileOf("BOARD_MUD_SIGNATURE"),
            TrustAnchor = FileOf("BOARD_MUD_TRUST_ANCHOR"),
            Origin = $"published by the board's manufacturer tooling in its image ({Folder}/board.env)",
        };
    }

    private string? FileOf(string key) =>
        Env.TryGetValue(key, out var relative) && relative.Length > 0 ? System.IO.Path.GetFullPath(System.IO.Path.Combine(Folder, relative)) : null;

    /// <summary>Shell assignments as the build writes them: <c>KEY=value</c> or <c>KEY='value'</c>; anything else is skipped.</summary>
    public static IReadOnlyDictionary<string, string> ParseEnv(IEnumerable<string> lines)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !line[..eq].All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                continue;
            var value = line[(eq + 1)..];
            if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
                value = value[1..^1].Replace("'\\''", "'", StringComparison.Ordinal);
            env[line[..eq]] = value;
        }
        return env;
    }
}
