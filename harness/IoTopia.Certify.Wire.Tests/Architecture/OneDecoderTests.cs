using System.Reflection;
using IoTopia.Certify.Wire.Dhcp;
using IoTopia.Certify.Wire.Frames;

namespace IoTopia.Certify.Wire.Tests.Architecture;

/// <summary>
/// Exactly one type decodes frames (<see cref="FrameDecoder"/>) and one walks DHCP options
/// (<see cref="DhcpOptionReader"/>) in the program's own assemblies — every project of the solution that is
/// not a test, a fixture (the reference device is the simulated device: it keeps its own DHCP client, so
/// that a bug in the harness's walker cannot hide on both sides) or the benchmark. Recognised by what such
/// code cannot do without: a frame decoder reads 16-bit big-endian fields and knows the IPv6 ethertype
/// (0x86DD); a DHCP option walker knows the DHCP magic cookie (0x63825363). Builders write the cookie
/// with <see cref="DhcpOptionReader.WriteMagicCookie"/>. The rule checks itself against decoys below.
/// </summary>
[TestFixture]
public sealed class OneDecoderTests
{
    private const int EthertypeIpv6 = 0x86DD;
    private const int DhcpMagicCookie = 0x63825363;

    // test tooling, not the program: fixtures, tests, the benchmark, the fuzzer and the test kit
    private static readonly string[] NotProgram = ["/fixtures/", ".Tests/", ".BrowserTests/", ".Benchmarks/", ".Fuzz/", ".TestKit/", ".TestKit.Rigs/"];

    [Test]
    public void OnlyFrameDecoderDecodesFrames()
    {
        var decoders = ProgramTypes().Where(DecodesFrames).Select(t => t.FullName).ToList();
        Assert.That(decoders, Is.EqualTo(new[] { typeof(FrameDecoder).FullName }),
            "frames are decoded in one place, the wire library's FrameDecoder: use it (and its DecodedPacket) instead of reading ethertypes and IP headers again");
    }

    [Test]
    public void OnlyDhcpOptionReaderWalksDhcpOptions()
    {
        var walkers = ProgramTypes().Where(WalksDhcpOptions).Select(t => t.FullName).ToList();
        Assert.That(walkers, Is.EqualTo(new[] { typeof(DhcpOptionReader).FullName }),
            "DHCP options are walked in one place, the wire library's DhcpOptionReader (V4 and V6): use it instead of walking options again");
    }

    [Test]
    public void TheRuleRecognisesADecoderAndAWalkerWrittenAgain()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DecodesFrames(typeof(DecoyFrameDecoder)), Is.True);
            Assert.That(WalksDhcpOptions(typeof(DecoyDhcpWalker)), Is.True);
            Assert.That(DecodesFrames(typeof(DecoyDhcpWalker)) || WalksDhcpOptions(typeof(DecoyFrameDecoder)), Is.False);
        });
    }

    [Test]
    public void EveryProgramProjectIsScanned()
    {
        var scanned = ProgramAssemblies().Select(a => a.GetName().Name).ToHashSet();
        var projects = ProgramProjects().Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.That(projects, Does.Contain("IoTopia.Certify.Wire").And.Contain("IoTopia.Certify.Mud").And.Contain("IoTopia.Certify.Rigs").And.Contain("IoTopia.Certify.Cli"));
        Assert.That(projects, Has.None.EndsWith(".Tests"));
        Assert.That(projects.Where(p => !scanned.Contains(p)), Is.Empty,
            "a program project is not in this test's bin folder: reference it from IoTopia.Certify.Wire.Tests so that the rule sees it");
    }

    private static bool DecodesFrames(Type type) =>
        IlScan.LoadsConstant(type, EthertypeIpv6) && IlScan.Calls(type, "ReadUInt16BigEndian");

    private static bool WalksDhcpOptions(Type type) => IlScan.LoadsConstant(type, DhcpMagicCookie);

    private static IEnumerable<Type> ProgramTypes() => ProgramAssemblies().SelectMany(Types).Where(t => t.DeclaringType is null);

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static IReadOnlyList<Assembly> ProgramAssemblies() =>
        [.. ProgramProjects()
            .Select(p => Path.Combine(AppContext.BaseDirectory, Path.GetFileNameWithoutExtension(p) + ".dll"))
            .Where(File.Exists)
            .Select(Assembly.LoadFrom)];

    /// <summary>The solution's projects that make the program (not tests, fixtures or the benchmark).</summary>
    private static IEnumerable<string> ProgramProjects() =>
        File.ReadLines(Path.Combine(RepositoryRoot(), "IoTopia.Certify.sln"))
            .Where(line => line.StartsWith("Project(", StringComparison.Ordinal))
            .Select(line => line.Split('"').FirstOrDefault(part => part.EndsWith(".csproj", StringComparison.Ordinal)))
            .OfType<string>()
            .Select(path => "/" + path.Replace('\\', '/'))
            .Where(path => !NotProgram.Any(n => path.Contains(n, StringComparison.Ordinal) || path.EndsWith(n.TrimEnd('/') + ".csproj", StringComparison.Ordinal)));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IoTopia.Certify.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no IoTopia.Certify.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>What a second frame decoder would look like.</summary>
    private static class DecoyFrameDecoder
    {
        public static int Ports(ReadOnlySpan<byte> frame) =>
            System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == 0x86DD ? frame[54] : frame[34];
    }

    /// <summary>What a second DHCP option walker would look like.</summary>
    private static class DecoyDhcpWalker
    {
        public static int FirstOption(ReadOnlySpan<byte> bootp) =>
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bootp[236..]) == 0x63825363 ? bootp[240] : -1;
    }
}
