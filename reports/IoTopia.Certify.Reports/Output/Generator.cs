using System.Reflection;

namespace IoTopia.Certify.Reports.Output;

/// <summary>Names this renderer in the reports it writes.</summary>
internal static class Generator
{
    public static readonly string Name = "IoTopia.Certify.Reports " +
        (typeof(Generator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");
}
