using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EStreamer.Client;

/// <summary>
/// A client's PKCS#12 file as a management center issues it (reference 1.3): the client certificate with
/// its private key and the server's internal CA. Disposing it disposes every certificate it holds.
/// </summary>
public sealed class ClientCertificateBundle : IDisposable
{
    // CRYPT_E_BAD_PASSWORD's Windows code, which .NET reports on every platform for a wrong PKCS#12 password.
    private const int WrongPasswordResult = unchecked((int)0x80070056);

    private readonly X509Certificate2Collection _all;

    private ClientCertificateBundle(X509Certificate2Collection all)
    {
        _all = all;
        Certificate = all.First(c => c.HasPrivateKey);
        Authorities = all.Where(c => !c.HasPrivateKey).ToArray();
    }

    /// <summary>The client certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificates without a key: the CA to check the server against.</summary>
    public IReadOnlyList<X509Certificate2> Authorities { get; }

    /// <summary>Reads a PKCS#12 file; every failure is an <see cref="EStreamerClientException"/> naming the file.</summary>
    public static ClientCertificateBundle Load(string path, string password)
    {
        if (!File.Exists(path))
        {
            throw Failed(path, "no such file");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw Failed(path, failure.Message, failure);
        }

        return Load(bytes, password, path);
    }

    /// <summary>Reads PKCS#12 bytes; <paramref name="source"/> names them in error messages.</summary>
    public static ClientCertificateBundle Load(byte[] pkcs12, string password, string source = "bytes")
    {
        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12Collection(pkcs12, password);
        }
        catch (CryptographicException failure) when (failure.HResult == WrongPasswordResult)
        {
            throw Failed(source, "wrong password", failure);
        }
        catch (CryptographicException failure)
        {
            throw Failed(source, $"not a readable PKCS#12 file ({failure.GetBaseException().Message})", failure);
        }

        if (!all.Any(c => c.HasPrivateKey))
        {
            foreach (var certificate in all)
            {
                certificate.Dispose();
            }

            throw Failed(source, "it holds no certificate with a private key");
        }

        return new ClientCertificateBundle(all);
    }

    public void Dispose()
    {
        foreach (var certificate in _all)
        {
            certificate.Dispose();
        }
    }

    private static EStreamerClientException Failed(string source, string reason, Exception? cause = null) =>
        new(EStreamerClientFailure.ClientCertificate, $"cannot read PKCS#12 {source}: {reason}", cause);
}
