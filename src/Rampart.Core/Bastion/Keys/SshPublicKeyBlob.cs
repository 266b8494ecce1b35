using System.Security.Cryptography;

namespace Rampart.Core.Bastion.Keys;

/// <summary>
/// The OpenSSH public key blob (RFC 4253 §6.6, RFC 5656 §3.1) of a key made with System.Security.Cryptography, so
/// keys generated in-process get the same public line <c>ssh-keygen -y</c> would print.
/// </summary>
public static class SshPublicKeyBlob
{
    public static byte[] ForRsa(RSAParameters parameters)
    {
        if (parameters.Exponent is null || parameters.Modulus is null)
        {
            throw new ArgumentException("The RSA parameters have no public part.", nameof(parameters));
        }

        return new SshWireWriter().String("ssh-rsa").PositiveMpint(parameters.Exponent).PositiveMpint(parameters.Modulus).ToArray();
    }

    public static byte[] ForEcdsa(ECParameters parameters)
    {
        var curve = parameters.Curve.Oid?.Value switch
        {
            "1.2.840.10045.3.1.7" => "nistp256",
            "1.3.132.0.34" => "nistp384",
            "1.3.132.0.35" => "nistp521",
            _ => throw new ArgumentException("Only the NIST P-256, P-384 and P-521 curves have an OpenSSH key type.", nameof(parameters)),
        };
        var size = curve switch
        {
            "nistp256" => 32,
            "nistp384" => 48,
            _ => 66,
        };
        if (parameters.Q.X is not { } x || parameters.Q.Y is not { } y || x.Length > size || y.Length > size)
        {
            throw new ArgumentException("The EC parameters have no valid public point.", nameof(parameters));
        }

        // SEC1 uncompressed point: 0x04, then X and Y each left-padded to the field size.
        var point = new byte[1 + (2 * size)];
        point[0] = 0x04;
        x.CopyTo(point.AsSpan(1 + size - x.Length));
        y.CopyTo(point.AsSpan(1 + size + size - y.Length));
        return new SshWireWriter().String("ecdsa-sha2-" + curve).String(curve).String(point).ToArray();
    }
}
