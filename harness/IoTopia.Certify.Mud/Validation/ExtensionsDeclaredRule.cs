using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Parsing;

namespace IoTopia.Certify.Mud.Validation;

/// <summary><c>extensions-declared</c>: RFC 8520 says an extension MUST NOT be used without being named in <c>extensions</c>.</summary>
internal sealed class ExtensionsDeclaredRule : IMudRule
{
    public const string Transparency = "transparency";

    public void Check(MudFile file, ProblemSink sink)
    {
        if (file.Transparency is { } t && !file.Extensions.Contains(Transparency))
        {
            sink.Error("extensions-declared", t.Location,
                "the file uses the RFC 9472 transparency extension but does not list \"transparency\" in extensions; RFC 8520 forbids using an undeclared extension");
        }
    }
}
