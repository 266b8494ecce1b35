using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Plugins;
using Rampart.Core.Bastion.Keys;
using Rampart.Core.Bastion.Model;
using Rampart.Core.Bastion.Names;
using Rampart.Core.Errors;

namespace Rampart.Bastion.Accounts;

/// <summary>What creating an account needs, from <c>accountCreate</c> or from <c>rampart bastion bootstrap-admin</c>.</summary>
/// <param name="Uid">A fixed uid, or null to take the first free one in the bastion's range.</param>
public sealed record AccountRequest(
    string Name,
    int? Uid,
    SshPublicKey? IngressKey,
    string? Comment,
    DateTimeOffset? Expiry,
    bool AlwaysActive,
    bool OshOnly,
    bool IsAdmin,
    IReadOnlyCollection<string> Grants);

/// <summary>
/// Creates a bastion account: checks the name and uid, creates the OS user, generates the personal egress key, then
/// records the account. If recording fails the OS user is removed again, so no half-made account stays behind.
/// </summary>
public static class AccountCreation
{
    public static async Task<BastionAccount> CreateAsync(BastionServices services, AccountRequest request, string createdBy, CancellationToken cancellationToken)
    {
        if (AccountName.Check(request.Name) is { Ok: false } bad)
        {
            throw new PluginFailureException(bad.ErrorCode ?? "KO_FORBIDDEN_NAME", bad.Message ?? $"Invalid account name '{request.Name}'");
        }

        if (request.Uid is 0)
        {
            throw new PluginFailureException("ERR_IN_YOUR_DREAMS", "Creating an account with uid 0? In your dreams.");
        }

        if (request.Uid is { } fixedUid && (fixedUid < services.Settings.UidMin || fixedUid > services.Settings.UidMax))
        {
            throw new PluginFailureException("ERR_UID_INVALID_RANGE", $"The uid must be between {services.Settings.UidMin} and {services.Settings.UidMax}");
        }

        var userCreated = false;
        try
        {
            return await CreateRecordedAsync(services, request, createdBy, () => userCreated = true, cancellationToken);
        }
        catch (Exception) when (userCreated)
        {
            await services.Accounts.DeleteUserAsync(request.Name, CancellationToken.None);
            throw;
        }
    }

    private static Task<BastionAccount> CreateRecordedAsync(
        BastionServices services, AccountRequest request, string createdBy, Action userCreated, CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        return services.Directory.ChangeAsync<BastionAccount>(async (snapshot, ct) =>
        {
            if (snapshot.Account(request.Name) is not null || services.Accounts.UserExists(request.Name))
            {
                throw new PluginFailureException("KO_ALREADY_EXISTING", $"Account '{request.Name}' already exists");
            }

            var taken = services.Accounts.IdsInUse();
            var uid = request.Uid ?? FreeUid(services.Settings, snapshot, taken);
            if (snapshot.AccountByUid(uid) is not null || taken.Contains(uid))
            {
                throw new PluginFailureException("ERR_UID_COLLISION", $"The uid {uid} is already taken");
            }

            var now = services.Time.GetUtcNow();
            var egressKey = await EgressKeys.GenerateAsync(services.Cipher, settings.EgressKeyAlgorithm, settings.EgressKeySize,
                $"{request.Name}@{settings.Name}:{now.ToUnixTimeSeconds()}", now, ct);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await services.Accounts.CreateUserAsync(request.Name, uid, ct);
                    break;
                }
                catch (RampartException) when (request.Uid is null && attempt < 5 && services.Accounts.IdsInUse().Contains(uid))
                {
                    // Another program took this uid between the check and useradd: the next free one will do.
                    uid = FreeUid(services.Settings, snapshot, services.Accounts.IdsInUse());
                }
            }

            userCreated();
            var account = new BastionAccount(
                request.Name, uid, now, createdBy, request.Comment, request.IsAdmin, IsSuperOwner: request.IsAdmin,
                [.. request.Grants],
                request.IngressKey is { } key ? [new IngressKey(key, now, createdBy)] : [],
                [egressKey],
                [],
                Frozen: null,
                request.Expiry,
                request.AlwaysActive,
                request.OshOnly,
                LastLogin: null);
            return (snapshot.With(account), account);
        }, cancellationToken);
    }

    private static int FreeUid(BastionSettings settings, BastionSnapshot snapshot, IReadOnlySet<int> taken)
    {
        var accounts = snapshot.Accounts.Values.Select(a => a.Uid).ToHashSet();
        for (var uid = settings.UidMin; uid <= settings.UidMax; uid++)
        {
            if (!accounts.Contains(uid) && !taken.Contains(uid))
            {
                return uid;
            }
        }

        throw new PluginFailureException("ERR_UID_INVALID_RANGE", "No free uid left in the bastion's range");
    }
}
