namespace IoTopia.Certify.Harness.Loading;

/// <summary>Marks the argument a step takes when it is written as a single value (<c>- wait: 2s</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ShortFormAttribute : Attribute;
