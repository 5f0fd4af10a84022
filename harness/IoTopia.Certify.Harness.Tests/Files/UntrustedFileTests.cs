using IoTopia.Certify.Harness.Files;

namespace IoTopia.Certify.Harness.Tests.Files;

/// <summary>A file from a user, a suite or a device is read within bounds: never a hang on a FIFO, never an endless read.</summary>
[TestFixture]
public sealed class UntrustedFileTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void MakeFolder() => _temp = new TempFolder();

    [TearDown]
    public void RemoveFolder() => _temp.Dispose();

    private string Fifo() => TestKit.Fifo.Create(_temp.Sub("fifo"));

    [Test]
    public void ARegularFileIsReadWhole() =>
        Assert.That(UntrustedFile.ReadAllBytes(_temp.Write("a", "abc"), 3), Is.EqualTo("abc"u8.ToArray()));

    [Test]
    public void AFileOverTheLimitIsRefusedNamingIt()
    {
        var path = _temp.Write("a", "abcd");
        Assert.That(() => UntrustedFile.ReadAllBytes(path, 3), Throws.InstanceOf<UntrustedFileException>().With.Message.Contains(path).And.Message.Contains("limit"));
    }

    [Test]
    [CancelAfter(10_000)]
    public void AFifoWithNoWriterIsRefusedAtOnce()
    {
        var fifo = Fifo();
        Assert.That(() => UntrustedFile.ReadAllBytes(fifo, 100), Throws.InstanceOf<UntrustedFileException>().With.Message.Contains("not a regular file"));
    }

    [Test]
    public void DevZeroIsRefusedEvenThroughALink()
    {
        var link = _temp.Sub("zero");
        File.CreateSymbolicLink(link, "/dev/zero");
        Assert.That(() => UntrustedFile.ReadAllBytes(link, 1 << 20), Throws.InstanceOf<UntrustedFileException>().With.Message.Contains("not a regular file"));
    }

    [Test]
    public void AFolderOrAMissingFileIsNamed()
    {
        Assert.That(() => UntrustedFile.ReadAllBytes(_temp.Path, 10), Throws.InstanceOf<UntrustedFileException>().With.Message.Contains("a directory"));
        Assert.That(() => UntrustedFile.ReadAllBytes(_temp.Sub("none"), 10), Throws.InstanceOf<UntrustedFileException>().With.Message.Contains("no such file"));
    }

    [Test]
    [CancelAfter(10_000)]
    public void APipeWithAWriterCanBeStreamed()
    {
        var fifo = Fifo();
        FileStream stream;
        using (var writer = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite)) // O_RDWR: a FIFO's writer that does not wait for a reader
        {
            writer.Write("streamed"u8);
            writer.Flush();
            stream = UntrustedFile.OpenForStreaming(fifo);
        }
        using (stream)
        {
            Assert.That(stream.CanSeek, Is.False);
            Assert.That(UntrustedFile.ReadBounded(stream, fifo, 100), Is.EqualTo("streamed"u8.ToArray()));
        }
    }
}
