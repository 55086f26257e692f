using System.Security.Cryptography;
using Dcrc.Kernel.Security;

namespace Dcrc.Tests.Kernel;

public class PersonalDataTests
{
    private static readonly PersonalData Data = new(new AppSecret(RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public void Protected_data_reads_back_and_is_not_stored_in_clear()
    {
        var stored = Data.Protect("11010519491231002X")!;
        stored.ShouldNotContain("11010519491231002X");
        stored.ShouldStartWith("v1:");
        Data.Unprotect(stored).ShouldBe("11010519491231002X");
        Data.Protect("11010519491231002X").ShouldNotBe(stored); // a fresh nonce each time
    }

    [Fact]
    public void A_changed_ciphertext_or_another_secret_cannot_be_read()
    {
        var stored = Data.Protect("11010519491231002X")!;
        var bytes = Convert.FromBase64String(stored[3..]);
        bytes[^1] ^= 1;
        Should.Throw<CryptographicException>(() => Data.Unprotect("v1:" + Convert.ToBase64String(bytes)));
        Should.Throw<CryptographicException>(() => new PersonalData(new AppSecret(RandomNumberGenerator.GetBytes(32))).Unprotect(stored));
    }

    [Fact]
    public void Lookup_hashes_are_stable_per_secret_and_differ_between_secrets()
    {
        Data.LookupHash("11010519491231002X").ShouldBe(Data.LookupHash("11010519491231002X"));
        new PersonalData(new AppSecret(RandomNumberGenerator.GetBytes(32))).LookupHash("11010519491231002X").ShouldNotBe(Data.LookupHash("11010519491231002X"));
        Data.LookupHash(null).ShouldBeNull();
    }
}
