using System.Buffers.Binary;
using System.Security.Cryptography;
using EventPlanner.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace EventPlanner.Bench.Generator;

/// <summary>
/// One password hash shared by every generated account. Hashing 9,000 passwords through
/// UserManager would spend minutes in PBKDF2, and Identity's hasher salts from the system RNG,
/// which would make the database differ run to run. So the hash is built once, in Identity's own
/// V3 format (0x01, PRF, iteration count, salt length, salt, subkey) with a salt from the seed,
/// and checked with Identity's PasswordHasher before use.
/// </summary>
public static class BenchPassword
{
    /// <summary>Every generated account signs in with this.</summary>
    public const string Password = "bench password 2026";

    private const int Iterations = 100_000; // Identity's V3 default since .NET 7
    private const uint Prf = 2;             // KeyDerivationPrf.HMACSHA512
    private const int SaltLength = 16;
    private const int SubkeyLength = 32;

    public static string Hash(Random random)
    {
        var salt = new byte[SaltLength];
        random.NextBytes(salt);
        var subkey = Rfc2898DeriveBytes.Pbkdf2(Password, salt, Iterations, HashAlgorithmName.SHA512, SubkeyLength);

        var output = new byte[13 + SaltLength + SubkeyLength];
        output[0] = 0x01;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1), Prf);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(5), Iterations);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(9), SaltLength);
        salt.CopyTo(output, 13);
        subkey.CopyTo(output, 13 + SaltLength);
        var hash = Convert.ToBase64String(output);

        var check = new PasswordHasher<AppUser>().VerifyHashedPassword(new AppUser(), hash, Password);
        if (check != PasswordVerificationResult.Success)
        {
            throw new InvalidOperationException($"Identity's PasswordHasher answered {check} for the generated hash: its format has changed; update BenchPassword.");
        }
        return hash;
    }
}
