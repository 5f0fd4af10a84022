using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Parsing;

namespace IoTopia.Certify.Mud.Validation;

/// <summary><c>acl-unused</c> (warning): an ACL no policy names has no effect.</summary>
internal sealed class AclUnusedRule : IMudRule
{
    public void Check(MudFile file, ProblemSink sink)
    {
        var used = file.FromDevicePolicy.Concat(file.ToDevicePolicy).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var acl in file.Acls.Where(a => !used.Contains(a.Name)))
            sink.Warning("acl-unused", acl.Location, $"ACL {Quoted.Of(acl.Name)} is in no policy, so it has no effect");
    }
}
