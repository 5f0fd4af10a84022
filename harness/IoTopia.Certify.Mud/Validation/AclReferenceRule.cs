using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Parsing;

namespace IoTopia.Certify.Mud.Validation;

/// <summary><c>acl-reference</c>: every policy entry names an ACL of <c>acls</c> (a YANG leafref), once per policy.</summary>
internal sealed class AclReferenceRule : IMudRule
{
    public void Check(MudFile file, ProblemSink sink)
    {
        var names = file.Acls.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var direction in new[] { Direction.FromDevice, Direction.ToDevice })
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var reference in file.PolicyReferences(direction))
            {
                var policy = direction == Direction.FromDevice ? "from-device-policy" : "to-device-policy";
                if (!names.Contains(reference.Name))
                    sink.Error("acl-reference", reference.Location, $"{policy} names ACL {Quoted.Of(reference.Name)}, which is not in the acls list");
                if (!seen.Add(reference.Name))
                    sink.Error("acl-reference", reference.Location, $"{policy} lists ACL {Quoted.Of(reference.Name)} twice");
            }
        }
    }
}
