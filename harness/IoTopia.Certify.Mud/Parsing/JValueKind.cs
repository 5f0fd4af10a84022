namespace IoTopia.Certify.Mud.Parsing;

internal enum JValueKind
{
    String,
    Number,
    True,
    False,
    Null,
}
