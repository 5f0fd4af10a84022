using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Parsing;

namespace IoTopia.Certify.Mud.Validation;

/// <summary>A check across the model (references, uniqueness, consistency); value-level checks happen while reading.</summary>
internal interface IMudRule
{
    void Check(MudFile file, ProblemSink sink);
}
