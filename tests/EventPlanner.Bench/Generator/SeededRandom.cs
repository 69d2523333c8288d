using System.Security.Cryptography;
using System.Text;

namespace EventPlanner.Bench.Generator;

/// <summary>Deterministic helpers over System.Random (whose seeded sequence is stable across platforms).</summary>
public static class SeededRandom
{
    /// <summary>A stream per step: string.GetHashCode is randomised per process, so hash with SHA-256.</summary>
    public static Random For(int seed, string stepName)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{stepName}"));
        return new Random(BitConverter.ToInt32(bytes, 0) & int.MaxValue);
    }

    /// <summary>Identity stamps are random GUIDs; generated ones come from the seed instead.</summary>
    public static string Stamp(this Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString("N");
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static string Colour(this Random random) => $"#{random.Next(0x1000000):x6}";
}
