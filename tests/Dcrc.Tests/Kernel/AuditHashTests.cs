using Dcrc.Kernel.Audit;

namespace Dcrc.Tests.Kernel;

public class AuditHashTests
{
    private static readonly AuditKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static AuditEntry Entry() => new()
    {
        At = new DateTime(2026, 11, 22, 3, 4, 5, 678, DateTimeKind.Utc), UserId = "u1", UserName = "th.crm", StoreId = 1,
        Action = AuditActions.LoginSucceeded, EntityType = "User", EntityId = "u1", Summary = "web", ClientAddress = "127.0.0.1", PreviousHash = AuditLog.Genesis,
    };

    [Fact]
    public void The_hash_is_a_stable_sha256_of_the_entry_and_its_predecessor()
    {
        var hash = AuditLog.HashOf(Entry(), Key);
        hash.Length.ShouldBe(64);
        AuditLog.HashOf(Entry(), Key).ShouldBe(hash);
    }

    [Fact]
    public void Without_the_key_the_hash_cannot_be_recomputed() =>
        AuditLog.HashOf(Entry(), new AuditKey(new byte[32])).ShouldNotBe(AuditLog.HashOf(Entry(), Key));

    [Fact]
    public void Changing_any_field_or_the_link_changes_the_hash()
    {
        var original = AuditLog.HashOf(Entry(), Key);
        var changes = new Action<AuditEntry>[]
        {
            e => e.Summary = "web!", e => e.UserName = "th.gm", e => e.At = e.At.AddMilliseconds(1), e => e.StoreId = 2,
            e => e.Action = AuditActions.LoginFailed, e => e.EntityId = "u2", e => e.ClientAddress = "10.0.0.1", e => e.PreviousHash = new string('1', 64),
            e => e.EntityType = null, e => e.ClientAddress = "",
        };
        foreach (var change in changes)
        {
            var e = Entry();
            change(e);
            AuditLog.HashOf(e, Key).ShouldNotBe(original);
        }
    }
}
