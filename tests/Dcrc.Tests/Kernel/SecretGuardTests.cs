using Dcrc.Tests.Infrastructure;

namespace Dcrc.Tests.Kernel;

/// <summary>Where the application secret may live, and a restore with the wrong one.</summary>
public abstract class SecretGuardTests(bool sqlite)
{
    private const string SecretA = "c2VjcmV0LWEtb2YtdGhpcnR5LXR3by1ieXRlcy1sb25nISEhIQ==";
    private const string SecretB = "c2VjcmV0LWItb2YtdGhpcnR5LXR3by1ieXRlcy1sb25nISEhIQ==";

    [Fact]
    public async Task Production_refuses_to_start_with_the_key_inside_the_data_directory_unless_accepted()
    {
        await using var installation = new OwnInstallation(sqlite);
        var refused = await Should.ThrowAsync<Exception>(() => installation.StartAsync("Production"));
        AuditIntegrityTests.Flatten(refused).ShouldContain("secret key inside the data directory");
        File.Exists(Path.Combine(installation.Dir, "secret.key")).ShouldBeTrue();

        await using (await installation.StartAsync("Production", new() { ["Dcrc:Security:AllowSecretInDataDirectory"] = "true" })) { }
    }

    [Fact]
    public async Task Production_starts_with_the_secret_from_the_environment_or_a_mounted_file()
    {
        await using var installation = new OwnInstallation(sqlite);
        await using (await installation.StartAsync("Production", new() { ["Dcrc:Secret"] = SecretA })) { }
        var mounted = Path.Combine(Path.GetTempPath(), "dcrc-secret-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(mounted, SecretA);
        try
        {
            await using (await installation.StartAsync("Production", new() { ["Dcrc:SecretFile"] = mounted })) { }
        }
        finally { File.Delete(mounted); }
    }

    [Fact]
    public async Task A_restore_started_with_another_secret_is_refused_with_a_message_saying_so()
    {
        await using var installation = new OwnInstallation(sqlite);
        await using (await installation.StartAsync(extra: new() { ["Dcrc:Secret"] = SecretA })) { }
        var refused = await Should.ThrowAsync<Exception>(() => installation.StartAsync(extra: new() { ["Dcrc:Secret"] = SecretB }));
        AuditIntegrityTests.Flatten(refused).ShouldContain("does not match the one this database was written with");
        await using (await installation.StartAsync(extra: new() { ["Dcrc:Secret"] = SecretA })) { }
    }
}

public class SecretGuardTests_Sqlite() : SecretGuardTests(true);
public class SecretGuardTests_Postgres() : SecretGuardTests(false);
