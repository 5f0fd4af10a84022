using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Mud.Signature;

/// <summary>
/// Builds the signer's chain to the given anchors only: custom root trust, no revocation, no downloads,
/// validity periods judged as <see cref="TimeCheck"/> says.
/// </summary>
internal static class ChainCheck
{
    private const X509ChainStatusFlags TimeStatuses = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested | X509ChainStatusFlags.CtlNotTimeValid;

    public sealed record Outcome(IReadOnlyList<string> Failures, IReadOnlyList<string> Chain);

    public static Outcome Run(X509Certificate2 signer, X509Certificate2Collection anchors, X509Certificate2Collection carried, TimeCheck time)
    {
        var waived = time.Kind == TimeCheckKind.Waived;
        using var chain = Build(signer, anchors, carried, time.Time, waived, out var ok);
        var subjects = chain.ChainElements.Select(e => e.Certificate.Subject).ToList();
        var failures = new List<string>();
        foreach (var element in chain.ChainElements)
        {
            // The ignore flags make Build succeed but leave the statuses in place.
            foreach (var status in element.ChainElementStatus.Where(s => s.Status != X509ChainStatusFlags.NoError && !(waived && TimeStatuses.HasFlag(s.Status))))
                failures.Add(Describe(element.Certificate, status, time));
        }
        if (!ok && failures.Count == 0)
            failures.AddRange(chain.ChainStatus.Select(s => $"chain: {s.StatusInformation.Trim()}"));
        if (!ok && failures.Count == 0)
            failures.Add("the signer's certificate chain does not validate");
        return new Outcome(failures.Distinct().ToList(), subjects);
    }

    /// <summary>The certificates of the chain that are outside their validity period at <paramref name="at"/>.</summary>
    public static IReadOnlyList<string> OutOfTime(X509Certificate2 signer, X509Certificate2Collection anchors, X509Certificate2Collection carried, DateTimeOffset at)
    {
        using var chain = Build(signer, anchors, carried, at, waiveTime: true, out _);
        return chain.ChainElements
            .Select(e => e.Certificate)
            .Where(c => c.NotBefore.ToUniversalTime() > at.UtcDateTime || c.NotAfter.ToUniversalTime() < at.UtcDateTime)
            .Select(c => $"{c.Subject} valid {Utc(c.NotBefore)} to {Utc(c.NotAfter)}")
            .ToList();
    }

    private static X509Chain Build(X509Certificate2 signer, X509Certificate2Collection anchors, X509Certificate2Collection carried, DateTimeOffset at, bool waiveTime, out bool ok)
    {
        var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(anchors);
        policy.ExtraStore.AddRange(carried);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTimeIgnored = false;
        policy.VerificationTime = at.UtcDateTime;
        if (waiveTime)
            policy.VerificationFlags |= X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid | X509VerificationFlags.IgnoreNotTimeNested;
        ok = chain.Build(signer);
        return chain;
    }

    private static string Describe(X509Certificate2 certificate, X509ChainStatus status, TimeCheck time) => status.Status switch
    {
        X509ChainStatusFlags.NotTimeValid =>
            $"time validity: {certificate.Subject} is valid {Utc(certificate.NotBefore)} to {Utc(certificate.NotAfter)}, not at {Utc(time.Time.UtcDateTime)}",
        X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain =>
            $"chain: {certificate.Subject} does not lead to any of the given trust anchors",
        X509ChainStatusFlags.NotSignatureValid => $"chain: the signature on {certificate.Subject} is not valid",
        _ => $"chain: {certificate.Subject}: {status.Status}: {status.StatusInformation.Trim()}",
    };

    public static string Utc(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
