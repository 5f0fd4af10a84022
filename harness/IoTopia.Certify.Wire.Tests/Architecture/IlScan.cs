using System.Reflection;

namespace IoTopia.Certify.Wire.Tests.Architecture;

/// <summary>
/// What a type's compiled code does, read from its IL: the 32-bit constants it loads and the methods it
/// calls (by name). Enough to recognise code that parses a protocol by the constants the protocol defines.
/// </summary>
internal static class IlScan
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The type and its nested types (lambdas, iterators and local functions compile into nested types).</summary>
    public static IEnumerable<MethodBase> Methods(Type type)
    {
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
            yield return method;
        foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
        {
            foreach (var method in Methods(nested))
                yield return method;
        }
    }

    /// <summary>True when some method of <paramref name="type"/> loads <paramref name="constant"/> with ldc.i4.</summary>
    public static bool LoadsConstant(Type type, int constant) => Methods(type).Any(m => LoadsConstant(m, constant));

    /// <summary>True when some method of <paramref name="type"/> calls a method named <paramref name="name"/>.</summary>
    public static bool Calls(Type type, string name) => Methods(type).Any(m => Calls(m, name));

    private static bool LoadsConstant(MethodBase method, int constant)
    {
        var il = Il(method);
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] == 0x20 && BitConverter.ToInt32(il, i + 1) == constant) // ldc.i4 <int32>
                return true;
        }
        return false;
    }

    private static bool Calls(MethodBase method, string name)
    {
        var il = Il(method);
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is not (0x28 or 0x6F)) // call, callvirt <token>
                continue;
            var token = BitConverter.ToInt32(il, i + 1);
            if ((token >> 24) is not (0x06 or 0x0A or 0x2B))
                continue;
            try
            {
                if (method.Module.ResolveMethod(token, GenericArguments(method.DeclaringType), GenericArguments(method))?.Name == name)
                    return true;
            }
            catch (Exception e) when (e is ArgumentException or BadImageFormatException)
            {
                // an operand byte that only looked like a call
            }
        }
        return false;
    }

    private static byte[] Il(MethodBase method)
    {
        try
        {
            return method.GetMethodBody()?.GetILAsByteArray() ?? [];
        }
        catch (Exception e) when (e is InvalidOperationException or BadImageFormatException or NotSupportedException)
        {
            return [];
        }
    }

    private static Type[]? GenericArguments(Type? type) => type is { IsGenericType: true } ? type.GetGenericArguments() : null;

    private static Type[]? GenericArguments(MethodBase method) => method.IsGenericMethod ? method.GetGenericArguments() : null;
}
