using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Parsing;

namespace IoTopia.Certify.Mud.Validation;

/// <summary><c>ace-matches-any</c> (warning): an accepting ACE without matches lets every packet through, which defeats the MUD file.</summary>
internal sealed class AceMatchesAnyRule : IMudRule
{
    public void Check(MudFile file, ProblemSink sink)
    {
        foreach (var ace in file.Acls.SelectMany(a => a.Aces).Where(a => a.Action == ForwardingAction.Accept && a.Matches.IsEmpty))
            sink.Warning("ace-matches-any", ace.Location, $"ACE {Quoted.Of(ace.Name)} accepts without any match: it allows all traffic");
    }
}
