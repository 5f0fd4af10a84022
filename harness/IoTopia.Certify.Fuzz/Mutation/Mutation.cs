namespace IoTopia.Certify.Fuzz.Mutation;

/// <summary>
/// One change to an input. Positions are drawn as plain numbers and taken modulo the input's length (or its
/// count of boundaries), so a mutation applies to any input and shrinks towards the start of the file.
/// </summary>
public abstract record Mutation
{
    /// <param name="seeds">the other seeds, for splicing</param>
    public abstract byte[] Apply(byte[] input, IReadOnlyList<byte[]> seeds);

    protected static int Position(uint at, int length) => length == 0 ? 0 : (int)(at % (uint)(length + 1));
}

public sealed record FlipBit(uint At, int Bit) : Mutation
{
    public override byte[] Apply(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        if (input.Length == 0)
            return input;
        var output = (byte[])input.Clone();
        output[At % (uint)input.Length] ^= (byte)(1 << (Bit & 7));
        return output;
    }
}

/// <summary>Overwrites 1, 2, 4 or 8 bytes with a value that lengths, counts and offsets get wrong (0, -1, 2^31 …).</summary>
public sealed record SetInteresting(uint At, int Width, int Which, bool BigEndian) : Mutation
{
    public static readonly ulong[] Values =
        [0, 1, 2, 4, 12, 16, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x0A0D0D0A, 0x1A2B3C4D, ulong.MaxValue, long.MaxValue];

    public override byte[] Apply(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var width = Width switch { 0 => 1, 1 => 2, 2 => 4, _ => 8 };
        if (input.Length < width)
            return input;
        var output = (byte[])input.Clone();
        var at = (int)(At % (uint)(input.Length - width + 1));
        var value = Values[Which % Values.Length];
        for (var i = 0; i < width; i++)
            output[at + (BigEndian ? width - 1 - i : i)] = (byte)(value >> (8 * i));
        return output;
    }
}

public sealed record InsertBytes(uint At, byte[] Bytes) : Mutation
{
    public override byte[] Apply(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var at = Position(At, input.Length);
        return [.. input.AsSpan(0, at), .. Bytes, .. input.AsSpan(at)];
    }

    public override string ToString() => $"InsertBytes {{ At = {At}, Bytes = {Convert.ToHexString(Bytes.AsSpan(0, Math.Min(Bytes.Length, 32)))}{(Bytes.Length > 32 ? "…" : "")} ({Bytes.Length}) }}";
}

public sealed record DeleteRange(uint At, int Length) : Mutation
{
    public override byte[] Apply(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var at = Position(At, input.Length);
        var length = Math.Min(Length, input.Length - at);
        return [.. input.AsSpan(0, at), .. input.AsSpan(at + length)];
    }
}

public sealed record Truncate(uint At) : Mutation
{
    public override byte[] Apply(byte[] input, IReadOnlyList<byte[]> seeds) => input[..Position(At, input.Length)];
}

/// <summary>Inserts a slice of another seed: a record, block or object from a file of the same format.</summary>
public sealed record Splice(uint At, int Other, uint OtherAt, int Length) : Mutation
{
    public override byte[] Apply(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        if (seeds.Count == 0)
            return input;
        var other = seeds[Other % seeds.Count];
        var from = Position(OtherAt, other.Length);
        var length = Math.Min(Length, other.Length - from);
        var at = Position(At, input.Length);
        return [.. input.AsSpan(0, at), .. other.AsSpan(from, length), .. input.AsSpan(at)];
    }
}

/// <summary>Repeats a block in place: many packets, many ACEs, many scenarios.</summary>
public sealed record DuplicateBlock(uint At, int Length, int Times) : Mutation
{
    public override byte[] Apply(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var at = Position(At, input.Length);
        var length = Math.Min(Length, input.Length - at);
        if (length == 0)
            return input;
        var block = input.AsSpan(at, length);
        var output = new List<byte>(input.Length + length * Times);
        output.AddRange(input.AsSpan(0, at + length));
        for (var i = 0; i < Times; i++)
            output.AddRange(block);
        output.AddRange(input.AsSpan(at + length));
        return [.. output];
    }
}
