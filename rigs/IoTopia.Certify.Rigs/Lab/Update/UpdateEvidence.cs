using IoTopia.Certify.Rigs.Lab.Common;

namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>The update server's evidence lines: each offer a scenario made, each response served (every byte by count and SHA-256), each reset.</summary>
internal sealed class UpdateEvidence(JsonLinesLog log)
{
    public string RelativePath => log.RelativePath;

    public void Offered(UpdateOffer offer) => log.Write(w =>
    {
        w.WriteString("event", "offer");
        w.WriteString("host", offer.Host);
        w.WriteString("path", offer.Path);
        w.WriteNumber("offer", offer.Number);
        w.WriteString("label", offer.Artefact.Label);
        w.WriteString("mediaType", offer.Artefact.MediaType);
        w.WriteNumber("size", offer.Artefact.Bytes.Length);
        w.WriteString("sha256", offer.Artefact.Sha256);
        w.WriteString("behaviour", UpdateBehaviourNames.Of(offer.Behaviour.Kind));
        if (offer.FlippedBit is { } bit)
        {
            w.WriteNumber("flippedBit", bit);
            if (offer.Behaviour.Seed is { } seed)
                w.WriteNumber("seed", seed);
        }
        if (offer.Behaviour.Kind is UpdateBehaviourKind.Truncate or UpdateBehaviourKind.Trickle)
            w.WriteNumber("bytes", offer.Behaviour.Bytes);
        if (offer.Behaviour.Kind == UpdateBehaviourKind.Status)
            w.WriteNumber("status", offer.Behaviour.Status);
        if (offer.Behaviour.ReplayOf is { } of)
            w.WriteNumber("replayOf", of);
        w.WriteNumber("deadlineMs", (long)offer.Behaviour.Deadline.TotalMilliseconds);
    });

    public void Served(UpdateServed s) => log.Write(w =>
    {
        w.WriteString("event", "served");
        w.WriteString("requestTime", s.Time);
        w.WriteNumber("scenario", s.Scenario);
        w.WriteString("client", LabPeers.Text(s.Client));
        if (s.Sni is null)
            w.WriteNull("sni");
        else
            w.WriteString("sni", s.Sni);
        w.WriteString("host", s.Host);
        w.WriteString("method", s.Method);
        w.WriteString("path", s.Path);
        if (s.Offer is { } offer)
            w.WriteNumber("offer", offer);
        if (s.Label is not null)
            w.WriteString("label", s.Label);
        if (s.Behaviour is { } behaviour)
            w.WriteString("behaviour", UpdateBehaviourNames.Of(behaviour));
        if (s.ReplayOf is { } of)
            w.WriteNumber("replayOf", of);
        w.WriteNumber("status", s.Status);
        if (s.DeclaredSize is { } declared)
            w.WriteNumber("declaredSize", declared);
        w.WriteNumber("bytesSent", s.BytesSent);
        w.WriteString("sha256Sent", s.Sha256Sent);
        w.WriteNumber("durationMs", Math.Round(s.Duration.TotalMilliseconds, 1));
        w.WriteString("ending", UpdateBehaviourNames.Of(s.Ending));
        if (s.FlippedBit is { } bit)
            w.WriteNumber("flippedBit", bit);
        if (s.BytesPerSecond is { } rate)
            w.WriteNumber("bytesPerSecond", Math.Round(rate, 1));
        if (s.LastWriteAfter is { } last)
            w.WriteNumber("lastWriteAfterMs", Math.Round(last.TotalMilliseconds, 1));
        if (s.Note is not null)
            w.WriteString("note", s.Note);
    });

    public void Reset(IReadOnlyList<string> paths, int cut) => log.Write(w =>
    {
        w.WriteString("event", "reset");
        w.WriteStartArray("paths");
        foreach (var path in paths)
            w.WriteStringValue(path);
        w.WriteEndArray();
        w.WriteNumber("responsesCut", cut);
    });
}
