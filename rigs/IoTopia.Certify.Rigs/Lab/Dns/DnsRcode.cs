namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>The response codes the lab resolver gives (RFC 1035 §4.1.1).</summary>
public enum DnsRcode
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NxDomain = 3,
    NotImp = 4,
    Refused = 5,
}
