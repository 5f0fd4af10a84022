using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Parsing;

namespace IoTopia.Certify.Mud.Validation;

/// <summary><c>acl-name-unique</c>: ACL names are the key of the acl list.</summary>
internal sealed class AclNameUniqueRule : IMudRule
{
    public void Check(MudFile file, ProblemSink sink)
    {
        foreach (var group in file.Acls.GroupBy(a => a.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var acl in group.Skip(1))
                sink.Error("acl-name-unique", acl.Location, $"ACL name {Quoted.Of(acl.Name)} is used again (first on line {first.Location.Line}); ACL names must be unique");
        }
    }
}
