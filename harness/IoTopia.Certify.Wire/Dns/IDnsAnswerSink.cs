using IoTopia.Certify.Wire.Addresses;

namespace IoTopia.Certify.Wire.Dns;

/// <summary>Where <see cref="DnsAnswerReader"/> puts what a response binds: address records and CNAME aliases.</summary>
public interface IDnsAnswerSink
{
    /// <summary>An A or AAAA record: <paramref name="owner"/> has <paramref name="address"/>.</summary>
    void AddAddress(string owner, IpAddr address);

    /// <summary>A CNAME record: <paramref name="alias"/> is another name of <paramref name="canonical"/>.</summary>
    void AddAlias(string alias, string canonical);
}
