using System.Net;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Mutation;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>
/// The small parsers of what a device sends the lab, picked by the seed's name: a DHCP message at the lab
/// listener (parsed, observed, answered with an ACK when it is an INFORM), a DNS query at the lab resolver
/// (parsed, its name rendered, answered), and console bytes rendered as the serial text view. They report a
/// malformed input as a reason, never an exception: they have no error type of their own.
/// </summary>
public sealed class DeviceInputTarget : IFuzzTarget
{
    private static readonly IPEndPoint Device = new(IPAddress.Parse("127.77.0.2"), 68);
    private static readonly IPAddress Lab = IPAddress.Parse("127.77.0.1");

    public string Name => "device";

    public string Extension => ".bin";

    public Dialect Dialect => Dialect.Binary;

    public IReadOnlyList<Seed> Seeds(SeedCorpus corpus) => corpus.DeviceInput();

    public void Run(byte[] input, Seed origin)
    {
        if (origin.Name.StartsWith("dhcp-", StringComparison.Ordinal))
            Dhcp(input);
        else if (origin.Name.StartsWith("dns-", StringComparison.Ordinal))
            Dns(input);
        else
            _ = new SerialTextRenderer(timestamps: true).Render(input, DateTimeOffset.UnixEpoch);
    }

    private static void Dhcp(byte[] input)
    {
        if (!DhcpMessageParser.TryParse(input, out var message, out _))
            return;
        var seen = new DhcpObservation { Time = DateTimeOffset.UnixEpoch, Client = Device, Message = message };
        _ = seen.MudUrl;
        if (seen.IsInform)
            DhcpAck.ForInform(message!, Lab);
    }

    private static void Dns(byte[] input)
    {
        if (!DnsQueryParser.TryParse(input, out var query, out _))
            return;
        _ = DnsNameText.Escape(query!.Labels);
        _ = DnsNameText.AsHostName(query.Labels);
        DnsResponse.Build(query, input, DnsRcode.NoError, IPAddress.Parse("127.77.0.10"));
        DnsResponse.Build(query, input, DnsRcode.Refused, null);
    }

    public bool IsOwnError(Exception e) => false;

    // The serial text view builds each control character's escape as a string: about 170 bytes allocated per
    // input byte when a chunk is full of them, linear (a tty read is at most a few KiB).
    public long MaxAllocatedBytes(byte[] input) => 16L * 1024 * 1024 + 256L * input.Length;

    public void Dispose()
    {
    }
}
