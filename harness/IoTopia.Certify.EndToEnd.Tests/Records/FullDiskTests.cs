using IoTopia.Certify.Harness.Integrity;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Records;

/// <summary>
/// A full disk while the journal is appended or the manifest written: a clear error naming the file, no torn
/// journal line, no leftover temporary manifest, and once space is back the same run folder carries on and seals.
/// Runs on a tiny tmpfs of its own (needs root to mount it).
/// </summary>
[TestFixture]
public sealed class FullDiskTests
{
    private TempFolder _temp = null!;
    private string _disk = null!;

    [SetUp]
    public async Task MountATinyDisk()
    {
        if (Environment.UserName != "root")
            Assert.Ignore("mounting a small tmpfs to fill needs root; CI runs as root");
        _temp = new TempFolder();
        _disk = Directory.CreateDirectory(_temp.Sub("disk")).FullName;
        await ExternalProgram.RunAsync("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", _disk);
    }

    [TearDown]
    public async Task Unmount()
    {
        if (_disk is not null && Environment.UserName == "root")
            await ExternalProgram.RunAsync("umount", _disk);
        _temp?.Dispose();
    }

    /// <summary>Fills the disk to the last byte; deleting the returned file frees it again.</summary>
    private string Fill()
    {
        var filler = Path.Combine(_disk, "filler");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[4096];
        try
        {
            while (true)
                stream.Write(block);
        }
        catch (IOException)
        {
            // full
        }
        var one = new byte[1];
        try
        {
            while (true)
                stream.Write(one);
        }
        catch (IOException)
        {
            return filler;
        }
    }

    [Test]
    public void AJournalAppendOnAFullDiskFailsCleanlyAndContinuesOnceSpaceIsBack()
    {
        var folder = new RunFolder(_disk);
        using (var journal = Journal.Create(folder.Journal))
        {
            journal.Append(new Note { Text = "first" });
            var filler = Fill();
            var error = Assert.Throws<RunFolderWriteException>(() => journal.Append(new Note { Text = new string('x', 8000) }));
            Assert.That(error!.Message, Does.Contain(folder.Journal).And.Contain("certify resume"));
            Assert.That(File.ReadAllText(folder.Journal), Does.EndWith("\n"), "no half line is left");
            File.Delete(filler);
            journal.Append(new Note { Text = "after space came back" });
        }
        var contents = JournalReader.Read(folder.Journal);
        Assert.That(contents.TornBytes, Is.Zero);
        Assert.That(contents.Events.OfType<Note>().Select(n => n.Text), Is.EqualTo(new[] { "first", "after space came back" }));
        Assert.That(contents.Events.Select(e => e.Seq), Is.EqualTo(new long[] { 1, 2 }), "the lost event took no sequence number");
    }

    [Test]
    public void AManifestWriteOnAFullDiskLeavesNoTemporaryFileAndSucceedsLater()
    {
        var folder = new RunFolder(_disk);
        using (var journal = Journal.Create(folder.Journal))
            journal.Append(new Note { Text = "a run" });
        Directory.CreateDirectory(folder.Evidence);
        File.WriteAllText(Path.Combine(folder.Evidence, "a.txt"), "evidence");
        var filler = Fill();

        var error = Assert.Throws<RunFolderWriteException>(() => ManifestWriter.Write(folder, "run"));
        Assert.That(error!.Message, Does.Contain("manifest.json"));
        Assert.That(File.Exists(folder.Manifest + ".tmp"), Is.False);
        Assert.That(File.Exists(folder.Manifest), Is.False);
        Assert.That(RunSeal.IsSealed(folder), Is.False);

        File.Delete(filler);
        ManifestWriter.Write(folder, "run");
        Assert.That(RunSeal.IsSealed(folder), Is.True);
        Assert.That(ManifestVerifier.Verify(folder, [], requireSignature: false).Intact, Is.True);
    }
}
