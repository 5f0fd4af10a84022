namespace IoTopia.Certify.Harness.Catalogue;

/// <summary>A public baseline's list of identifiers (<c>suites/frameworks/&lt;id&gt;.yaml</c>).</summary>
public sealed record Framework(string Id, string Title, IReadOnlyList<FrameworkItem> Items, string File)
{
    public bool Contains(string identifier) => Items.Any(i => i.Id == identifier);
}

/// <summary>One provision, capability or clause; <see cref="Status"/> is e.g. <c>M</c>, <c>R</c>, <c>M C (3)</c>.</summary>
public sealed record FrameworkItem(string Id, string Title, string? Status);
