using System.Text;
using IoTopia.Certify.Wire.Lldp;

namespace IoTopia.Certify.Wire.Tests.Options;

[TestFixture]
public sealed class LldpTlvReaderTests
{
    private static byte[] Tlv(int type, byte[] value) => [(byte)(type << 1 | value.Length >> 8), (byte)value.Length, .. value];

    [Test]
    public void TlvsUntilTheEnd()
    {
        byte[] url = [0x00, 0x00, 0x5E, 1, .. Encoding.ASCII.GetBytes("https://example.com/mud")];
        byte[] lldpdu = [.. Tlv(1, [4, 1, 2, 3, 4, 5, 6]), .. Tlv(127, url), 0, 0, .. Tlv(5, [1])];
        var seen = new List<(int, int)>();
        foreach (var tlv in new LldpTlvReader(lldpdu))
            seen.Add((tlv.Type, tlv.Value.Length));
        Assert.That(seen, Is.EqualTo(new[] { (1, 7), (127, url.Length) }));
    }

    [Test]
    public void ATlvPastTheFrameIsAProblem()
    {
        byte[] lldpdu = [.. Tlv(1, [4, 1]), 0xFF, 0xFF, 1];
        var reader = new LldpTlvReader(lldpdu);
        var count = 0;
        while (reader.MoveNext())
            count++;
        Assert.That(count, Is.EqualTo(1));
        Assert.That(reader.Problem, Does.Contain("TLV type 127 at 4 is 511 bytes long"));
    }
}
