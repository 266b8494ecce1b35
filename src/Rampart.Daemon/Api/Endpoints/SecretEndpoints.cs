using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Core.Vault;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// <c>/secret/encrypt</c> and <c>/secret/decrypt</c>: seal a value with the vault key in XPipe's format, and back.
/// A decrypted value appears only in the decrypt response, never in a log or an error.
/// </summary>
public static class SecretEndpoints
{
    public static void MapSecrets(this IEndpointRouteBuilder app)
    {
        app.Map("/secret/encrypt", EncryptAsync).WithName("secretEncrypt");
        app.Map("/secret/decrypt", DecryptAsync).WithName("secretDecrypt");
    }

    private static async Task<IResult> EncryptAsync(HttpContext http, ApiSecretCodec codec, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        return ApiResults.Json(new JsonObject { ["encrypted"] = codec.Encrypt(request.RequireString("value")) });
    }

    private static async Task<IResult> DecryptAsync(HttpContext http, ApiSecretCodec codec, CancellationToken ct)
    {
        var request = await ApiRequest.ReadAsync(http, ct);
        var encrypted = request.Optional("encrypted") ?? throw new Core.Errors.ClientErrorException("Field encrypted is missing from object");
        using var document = JsonDocument.Parse(encrypted.ToJsonString());
        return ApiResults.Json(new JsonObject { ["decrypted"] = codec.Decrypt(document.RootElement) });
    }
}
