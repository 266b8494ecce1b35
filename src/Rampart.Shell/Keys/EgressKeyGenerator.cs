using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Rampart.Core.Bastion.Keys;
using Rampart.Core.Errors;
using Rampart.Shell.Sessions;

namespace Rampart.Shell.Keys;

/// <summary>
/// Generates egress key pairs (The Bastion's <c>generate_ssh_key</c>, default ecdsa 521). RSA and ECDSA are made
/// in-process and exported as PEM, which ssh and ssh-add read; Ed25519 private keys have no PEM form OpenSSH reads, so
/// <c>ssh-keygen</c> makes them in a private temporary directory removed at once. The private key never appears in
/// an argument, the environment or a log.
/// </summary>
public static class EgressKeyGenerator
{
    public const int DefaultRsaSize = 4096;
    public const int DefaultEcdsaSize = 521;
    public const int MinRsaSize = 2048;
    public const int MaxRsaSize = 8192;

    private const int MaxCommentBytes = 128;

    /// <summary>
    /// The KO code refusing <paramref name="algorithm"/> (rsa, ecdsa or ed25519, any case) with <paramref name="size"/>
    /// (null for the default), or null when they can be generated. Codes are The Bastion's
    /// (<c>is_allowed_algo_and_size</c>): KO_NOT_SUPPORTED, KO_KEY_SIZE_TOO_SMALL, KO_KEY_SIZE_INVALID.
    /// </summary>
    public static string? CheckAlgorithm(string algorithm, int? size)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.ToLowerInvariant() switch
        {
            "rsa" => (size ?? DefaultRsaSize) switch
            {
                < MinRsaSize => KeyErrors.KeySizeTooSmall,
                > MaxRsaSize => KeyErrors.KeySizeInvalid,
                var bits when bits % 8 != 0 => KeyErrors.KeySizeInvalid,
                _ => null,
            },
            "ecdsa" => (size ?? DefaultEcdsaSize) is 256 or 384 or 521 ? null : KeyErrors.KeySizeInvalid,

            // As The Bastion: Ed25519 has one size, 256; giving it is allowed, giving another is not.
            "ed25519" => size is null or 256 ? null : KeyErrors.KeySizeInvalid,
            _ => KeyErrors.NotSupported,
        };
    }

    /// <exception cref="ClientErrorException">The algorithm or size is refused (the message starts with its KO code),
    /// or the comment is not a valid key comment.</exception>
    /// <exception cref="ShellFailedException">ssh-keygen failed.</exception>
    public static async Task<GeneratedKeyPair> GenerateAsync(string algorithm, int? size, string comment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (CheckAlgorithm(algorithm, size) is { } code)
        {
            throw new ClientErrorException(code + ": " + KeyErrors.Describe(code));
        }

        if (comment.Length == 0 || Encoding.UTF8.GetByteCount(comment) > MaxCommentBytes
            || comment.Any(c => char.IsControl(c) || (char.IsWhiteSpace(c) && c != ' ')))
        {
            throw new ClientErrorException("A key comment is 1 to 128 bytes of printable text.");
        }

        return algorithm.ToLowerInvariant() switch
        {
            "rsa" => await Task.Run(() => GenerateRsa(size ?? DefaultRsaSize, comment), ct),
            "ecdsa" => GenerateEcdsa(size ?? DefaultEcdsaSize, comment),
            _ => await GenerateEd25519Async(comment, ct),
        };
    }

    private static GeneratedKeyPair GenerateRsa(int bits, string comment)
    {
        using var rsa = RSA.Create(bits);
        var blob = SshPublicKeyBlob.ForRsa(rsa.ExportParameters(includePrivateParameters: false));
        return new GeneratedKeyPair(rsa.ExportRSAPrivateKeyPem() + "\n", Public("ssh-rsa", blob, comment));
    }

    private static GeneratedKeyPair GenerateEcdsa(int bits, string comment)
    {
        var curve = bits switch
        {
            256 => ECCurve.NamedCurves.nistP256,
            384 => ECCurve.NamedCurves.nistP384,
            _ => ECCurve.NamedCurves.nistP521,
        };
        using var ecdsa = ECDsa.Create(curve);
        var blob = SshPublicKeyBlob.ForEcdsa(ecdsa.ExportParameters(includePrivateParameters: false));
        return new GeneratedKeyPair(ecdsa.ExportECPrivateKeyPem() + "\n", Public("ecdsa-sha2-nistp" + bits, blob, comment));
    }

    private static SshPublicKey Public(string typecode, byte[] blob, string comment) =>
        Parse(typecode + " " + Convert.ToBase64String(blob) + " " + comment);

    private static SshPublicKey Parse(string line) =>
        SshPublicKeyParser.TryParse(line, out var key, out var code, out _)
            ? key
            : throw new ShellFailedException("The generated public key does not read back (" + code + ").");

    private static async Task<GeneratedKeyPair> GenerateEd25519Async(string comment, CancellationToken ct)
    {
        // CreateTempSubdirectory makes it 0700: nobody else can read the key in the moment it is on disk.
        var directory = Directory.CreateTempSubdirectory("rampart-keygen-");
        try
        {
            var path = Path.Combine(directory.FullName, "key");
            var start = new ProcessStartInfo("ssh-keygen")
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            foreach (var argument in new[] { "-t", "ed25519", "-N", "", "-C", comment, "-f", path, "-q" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new ShellFailedException("ssh-keygen did not start");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            try
            {
                await process.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            await output;
            var message = (await error).Trim();
            if (process.ExitCode != 0)
            {
                throw new ShellFailedException($"ssh-keygen failed ({process.ExitCode}): {message}");
            }

            var privateKey = await File.ReadAllTextAsync(path, ct);
            var publicKey = Parse((await File.ReadAllTextAsync(path + ".pub", ct)).Trim());
            return new GeneratedKeyPair(privateKey, publicKey);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
