using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Parsing;

namespace IoTopia.Certify.Mud.Validation;

/// <summary><c>ace-name-unique</c>: ACE names are the key of an ACL's ace list.</summary>
internal sealed class AceNameUniqueRule : IMudRule
{
    public void Check(MudFile file, ProblemSink sink)
    {
        foreach (var acl in file.Acls)
        {
            foreach (var group in acl.Aces.GroupBy(a => a.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                var first = group.First();
                foreach (var ace in group.Skip(1))
                {
                    sink.Error("ace-name-unique", ace.Location,
                        $"ACE name {Quoted.Of(ace.Name)} is used again in ACL {Quoted.Of(acl.Name)} (first on line {first.Location.Line}); ACE names must be unique within an ACL");
                }
            }
        }
    }
}
