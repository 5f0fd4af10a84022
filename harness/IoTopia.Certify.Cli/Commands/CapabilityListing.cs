using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Secrets;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>A rig's capabilities, each with the driver and the resource behind it (secrets masked): what <c>certify list rig</c> and <c>certify lint</c> print.</summary>
public static class CapabilityListing
{
    public static void Print(RigDescription rig)
    {
        var secrets = new SecretMask(rig.Secrets.Select(s => s.Value)); // a resource may be a secret (an exec command with a credential)
        Console.WriteLine($"capabilities: {(rig.Capabilities.Count == 0 ? "none" : string.Join(", ", rig.Capabilities))}");
        foreach (var capability in Capabilities.InOrder)
        {
            foreach (var binding in rig.Bindings.Where(b => b.Capabilities.Contains(capability)))
            {
                var unavailable = rig.Capabilities.Contains(capability) ? "" : "\t(not available on this machine)";
                Console.WriteLine($"  {capability,-15} {binding.Name}{(binding.Resource.Length == 0 ? "" : $"\t{secrets.Mask(binding.Resource)}")}{unavailable}");
            }
        }
    }
}
