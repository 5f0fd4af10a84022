using IoTopia.Certify.Rigs.Lab.Ntp;

namespace IoTopia.Certify.Rigs.Tests.Lab;

/// <summary>NTP's 64-bit timestamps: seconds since 1900 and a 32-bit fraction, wrapping into era 1 in 2036.</summary>
[TestFixture]
public sealed class NtpTimestampTests
{
    [Test]
    public void KnownInstantsHaveTheirWellKnownValues()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(NtpTimestamp.From(DateTimeOffset.UnixEpoch), Is.EqualTo(2_208_988_800UL << 32), "1970 is 2208988800 s after 1900");
            Assert.That(NtpTimestamp.From(DateTimeOffset.UnixEpoch.AddMilliseconds(500)) & 0xFFFF_FFFF, Is.EqualTo(0x8000_0000UL), "half a second");
            Assert.That(NtpTimestamp.From(new DateTimeOffset(2036, 2, 7, 6, 28, 16, TimeSpan.Zero)), Is.Zero, "era 1 begins at 0");
        }
    }

    [TestCase("2026-12-03T19:00:00.1234567Z")]
    [TestCase("2036-02-07T06:28:15.9Z")]
    [TestCase("2036-02-07T06:28:16.25Z")]
    [TestCase("2045-06-01T00:00:00Z")]
    public void ATimestampReadsBackInTheEraNearestTheClock(string text)
    {
        var time = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var back = NtpTimestamp.ToTime(NtpTimestamp.From(time), time.AddDays(-3));
        Assert.That(back, Is.EqualTo(time).Within(TimeSpan.FromTicks(1)));
    }
}
