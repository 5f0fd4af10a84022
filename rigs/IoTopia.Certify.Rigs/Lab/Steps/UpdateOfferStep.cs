using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Files;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Update;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Steps;

[Needs(typeof(ILabUpdateServer))]
[Step("update.offer", "Makes the lab update server serve a file at a path of the update host (default: the DUT's update-name fact) with a transport behaviour — genuine, bit-flip, truncate, endless, trickle, status, hang, or replay of an earlier offer at the path — until the next offer there or the next scenario.")]
public sealed class UpdateOfferStep : Step<UpdateOfferStep.Arguments>
{
    public const long MaxFileBytes = 64L * 1024 * 1024;
    public const string HostFact = "update-name";

    public sealed class Arguments : IValidatableArguments
    {
        /// <summary>The update server's host name; default the rig's <c>dut.update-name</c>.</summary>
        public string? Host { get; init; }

        public required string Path { get; init; }

        /// <summary>The artefact's bytes (at most 64 MiB); every behaviour but replay needs it.</summary>
        [SuiteFile]
        public string? File { get; init; }

        /// <summary>What the artefact is ("genuine 1.1.0"); default the file's name.</summary>
        public string? Label { get; init; }

        public string MediaType { get; init; } = "application/octet-stream";
        public UpdateBehaviourKind Behaviour { get; init; } = UpdateBehaviourKind.Genuine;

        /// <summary>bit-flip: the bit to flip (0 = the most significant bit of byte 0); else <see cref="Seed"/> (default: the run's seed) picks one.</summary>
        public long? Bit { get; init; }

        public int? Seed { get; init; }

        /// <summary>truncate: bytes sent before the connection is closed; trickle: bytes a second.</summary>
        public long? Bytes { get; init; }

        /// <summary>status: the 4xx or 5xx answered.</summary>
        public int? Status { get; init; }

        /// <summary>replay: the number of the earlier offer at the path (1 = the scenario's first); default the one before the latest.</summary>
        public int? Of { get; init; }

        /// <summary>How long one response may take before the service cuts it.</summary>
        public TimeSpan Deadline { get; init; } = UpdateBehaviour.DefaultDeadline;

        public IEnumerable<string> Validate()
        {
            if (Host is not null && !HostNames.IsValid(Host))
                yield return $"host: '{Host}' is not a host name";
            if (!Path.StartsWith('/') || Path.Any(c => c <= ' ' || c == '\u007f' || c == '*'))
                yield return $"path: '{Path}' is not a path (it starts with '/', has no spaces or '*')";
            if (Behaviour == UpdateBehaviourKind.Replay ? File is not null : File is null)
                yield return Behaviour == UpdateBehaviourKind.Replay ? "file: replay serves an earlier offer's file; give none" : $"file: {Arg(Behaviour)} needs the file to serve";
            if (Label is not null && (Label.Length is 0 or > 200 || Label.Any(char.IsControl)))
                yield return "label: 1-200 characters, no control characters";
            if (MediaType.Length == 0 || !MediaType.All(c => c is > ' ' and <= '~' || c == ' '))
                yield return "media-type: not a header value";
            foreach (var (name, given, wanted) in new (string, bool, bool)[]
            {
                ("bit", Bit is not null, Behaviour == UpdateBehaviourKind.BitFlip),
                ("seed", Seed is not null, Behaviour == UpdateBehaviourKind.BitFlip),
                ("bytes", Bytes is not null, Behaviour is UpdateBehaviourKind.Truncate or UpdateBehaviourKind.Trickle),
                ("status", Status is not null, Behaviour == UpdateBehaviourKind.Status),
                ("of", Of is not null, Behaviour == UpdateBehaviourKind.Replay),
            })
            {
                if (given && !wanted)
                    yield return $"{name}: not an argument of behaviour {Arg(Behaviour)}";
            }
            if (Bit is not null && Seed is not null)
                yield return "bit and seed: give one";
            if (Behaviour is UpdateBehaviourKind.Truncate or UpdateBehaviourKind.Trickle && Bytes is null)
                yield return $"bytes: required with behaviour {Arg(Behaviour)}";
            if (Behaviour == UpdateBehaviourKind.Status && Status is null)
                yield return "status: required with behaviour status";
            foreach (var problem in ToBehaviour(null).Problems(size: null))
                yield return problem;
        }

        public UpdateBehaviour ToBehaviour(int? defaultSeed) => new()
        {
            Kind = Behaviour,
            Bit = Bit,
            Seed = Seed ?? (Behaviour == UpdateBehaviourKind.BitFlip && Bit is null ? defaultSeed : null),
            Bytes = Bytes ?? 0,
            Status = Status ?? 0,
            ReplayOf = Of,
            Deadline = Deadline,
        };

        private static string Arg(UpdateBehaviourKind kind) => UpdateBehaviourNames.Of(kind);
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var server = context.Drivers.Get<ILabUpdateServer>();
        var host = args.Host;
        if (host is null && !context.Rig.Description.Dut.Facts.TryGetValue(HostFact, out host))
            return StepOutcome.Error($"host: not given, and the rig's dut: has no {HostFact}");
        if (!HostNames.IsValid(host))
            return StepOutcome.Error($"host: the rig's dut.{HostFact} '{host}' is not a host name");
        UpdateArtefact? artefact = null;
        if (args.File is not null)
        {
            byte[] bytes;
            try
            {
                // the loader kept the path inside the suite's or rig's folder; the read is bounded all the same (a FIFO, /dev/zero)
                bytes = UntrustedFile.ReadAllBytes(args.File, MaxFileBytes);
            }
            catch (UntrustedFileException e)
            {
                return StepOutcome.Error($"file: {e.Message}");
            }
            artefact = new UpdateArtefact { Bytes = bytes, MediaType = args.MediaType, Label = args.Label ?? System.IO.Path.GetFileName(args.File) };
        }
        UpdateOffer offer;
        try
        {
            offer = server.Offer(host, args.Path, artefact, args.ToBehaviour(context.Random.Next()));
        }
        catch (ArgumentException e)
        {
            return StepOutcome.Error(e.Message);
        }
        if (artefact is not null)
            await context.WriteEvidenceAsync("bin", "update-artefact", args.MediaType, artefact.Bytes, "artefact", ct);
        var behaviour = UpdateBehaviourNames.Of(offer.Behaviour.Kind);
        context.Details["host"] = offer.Host;
        context.Details["path"] = offer.Path;
        context.Details["offer"] = offer.Number;
        context.Details["label"] = offer.Artefact.Label;
        context.Details["behaviour"] = behaviour;
        context.Details["size"] = offer.Artefact.Bytes.Length;
        context.Details["sha256"] = offer.Artefact.Sha256;
        if (offer.FlippedBit is { } bit)
        {
            context.Details["flippedBit"] = bit;
            if (offer.Behaviour.Seed is { } seed)
                context.Details["seed"] = seed;
        }
        if (offer.Behaviour.ReplayOf is { } of)
            context.Details["replayOf"] = of;
        return StepOutcome.Pass($"the lab update server offers {offer.Artefact.Label} at {offer.Host}{offer.Path} ({behaviour}, offer {offer.Number})");
    }
}
