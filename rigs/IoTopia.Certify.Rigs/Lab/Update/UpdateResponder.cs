using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>Sends one offer's answer the way its behaviour says; cancellation (deadline, reset, client gone) ends it mid-way.</summary>
internal sealed class UpdateResponder(LabUpdateOptions options)
{
    /// <summary>Writes the answer; says how it ended when it was not cancelled, with a note when the service cut it itself.</summary>
    public async Task<(UpdateEnding Ending, string? Note)> SendAsync(UpdateOffer offer, HttpResponse response, ServedBytes sent, Stopwatch clock, bool head, CancellationToken ct)
    {
        var bytes = offer.Bytes;
        switch (offer.Behaviour.Kind)
        {
            case UpdateBehaviourKind.Status:
                response.StatusCode = offer.Behaviour.Status;
                response.ContentType = "text/plain; charset=utf-8";
                var text = System.Text.Encoding.UTF8.GetBytes($"lab update server: status {offer.Behaviour.Status}\n");
                response.ContentLength = text.Length;
                if (!head)
                    await sent.WriteAsync(text, ct);
                return (UpdateEnding.Complete, null);
            case UpdateBehaviourKind.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return (UpdateEnding.Complete, null);
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = offer.Artefact.MediaType;
        if (offer.Behaviour.Kind != UpdateBehaviourKind.Endless)
            response.ContentLength = bytes.Length;
        if (head)
            return (UpdateEnding.Complete, null);
        switch (offer.Behaviour.Kind)
        {
            case UpdateBehaviourKind.Truncate:
                await WriteChunkedAsync(bytes[..(int)offer.Behaviour.Bytes], sent, ct);
                // not Abort(): that resets the connection and drops what is still buffered; Kestrel closes a
                // response shorter than its Content-Length itself, after sending every byte written
                return (UpdateEnding.ResetByService, $"closed after {offer.Behaviour.Bytes} of {bytes.Length} bytes");
            case UpdateBehaviourKind.Endless:
                return (UpdateEnding.CutByDeadline, await EndlessAsync(bytes, response, sent, ct));
            case UpdateBehaviourKind.Trickle:
                await TrickleAsync(bytes, offer.Behaviour.Bytes, sent, clock, ct);
                return (UpdateEnding.Complete, null);
            default:
                await WriteChunkedAsync(bytes, sent, ct);
                return (UpdateEnding.Complete, null);
        }
    }

    private async Task WriteChunkedAsync(ReadOnlyMemory<byte> bytes, ServedBytes sent, CancellationToken ct)
    {
        for (var at = 0; at < bytes.Length; at += options.ChunkBytes)
            await sent.WriteAsync(bytes[at..Math.Min(bytes.Length, at + options.ChunkBytes)], ct);
    }

    private async Task<string> EndlessAsync(ReadOnlyMemory<byte> bytes, HttpResponse response, ServedBytes sent, CancellationToken ct)
    {
        var cap = options.EndlessCapBytes;
        await WriteChunkedAsync(bytes[..(int)Math.Min(bytes.Length, cap)], sent, ct);
        var filler = new byte[options.ChunkBytes];
        while (sent.Count < cap)
            await sent.WriteAsync(filler.AsMemory(0, (int)Math.Min(filler.Length, cap - sent.Count)), ct);
        // closed, not ended: a chunked end would tell the client the data was whole
        response.HttpContext.Abort();
        return $"the service's cap of {cap} bytes reached";
    }

    private static async Task TrickleAsync(ReadOnlyMemory<byte> bytes, long perSecond, ServedBytes sent, Stopwatch clock, CancellationToken ct)
    {
        var start = clock.Elapsed;
        var at = 0;
        while (at < bytes.Length)
        {
            var due = (long)Math.Floor((clock.Elapsed - start).TotalSeconds * perSecond);
            var n = (int)Math.Min(bytes.Length - at, due - at);
            if (n > 0)
            {
                await sent.WriteAsync(bytes.Slice(at, n), ct);
                at += n;
                continue;
            }
            var next = start + TimeSpan.FromSeconds((at + 1.0) / perSecond) - clock.Elapsed;
            await Task.Delay(next > TimeSpan.FromMilliseconds(1) ? next : TimeSpan.FromMilliseconds(1), ct);
        }
    }
}
