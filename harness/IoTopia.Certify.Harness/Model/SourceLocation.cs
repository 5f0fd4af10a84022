namespace IoTopia.Certify.Harness.Model;

/// <summary>Where something was written: file, line and column (1-based), for error messages.</summary>
public sealed record SourceLocation(string File, long Line, long Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
