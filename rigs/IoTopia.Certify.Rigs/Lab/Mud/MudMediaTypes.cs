namespace IoTopia.Certify.Rigs.Lab.Mud;

/// <summary>The media types of RFC 8520 §13 and §17.</summary>
public static class MudMediaTypes
{
    public const string MudFile = "application/mud+json";
    public const string Signature = "application/pkcs7-signature";
}
