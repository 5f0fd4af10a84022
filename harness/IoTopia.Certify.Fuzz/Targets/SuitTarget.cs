using System.Security.Cryptography;
using IoTopia.Certify.Cli.Commands;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Mutation;
using IoTopia.Certify.Suit;
using IoTopia.Certify.Suit.Decoding;
using IoTopia.Certify.Suit.Inspection;

namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>
/// The SUIT envelope decoder as <c>certify suit inspect</c> runs it: decode, notation, digests, signature check with the
/// draft's public key (when the shared vectors are there, else a key of our own), then the text and JSON output.
/// Its own error: <see cref="SuitFormatException"/>, which must name a byte offset inside the input.
/// </summary>
public sealed class SuitTarget : IFuzzTarget
{
    private readonly ECDsa key;

    public SuitTarget(string root)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = Path.Combine(new SeedCorpus(root).SharedSuitVectors, "ietf-example-key-pub.pem");
        if (File.Exists(pem))
            key.ImportFromPem(File.ReadAllText(pem));
    }

    public string Name => "suit";

    public string Extension => ".suit";

    public Dialect Dialect => Dialect.Binary;

    public IReadOnlyList<Seed> Seeds(SeedCorpus corpus) => corpus.Suit();

    public void Run(byte[] input, Seed origin)
    {
        var inspection = SuitInspector.Inspect(input, key);
        using var sink = new StringWriter();
        SuitInspectOutput.WriteText(sink, origin.Name, input.Length, inspection);
        SuitInspectOutput.WriteJson(sink, origin.Name, input.Length, inspection);
        if (inspection.FormatError is { } error)
        {
            if (error.Offset < 0 || error.Offset > input.Length)
                throw new InvalidOperationException($"a format error names byte {error.Offset}, outside the {input.Length}-byte input: {error.Message}");
            // The decoder alone must refuse it the same way (its own error), not with another exception.
            SuitEnvelopeDecoder.Decode(input);
        }
    }

    public bool IsOwnError(Exception e) => e is SuitFormatException;

    // The envelope is at most 16 MiB (SuitDraft); the tree, the notation and the JSON cost a small multiple of it.
    public long MaxAllocatedBytes(byte[] input) => 64L * 1024 * 1024 + 64L * input.Length;

    public void Dispose() => key.Dispose();
}
