using Dcrc.Features.Callbacks;

namespace Dcrc.Tests.Features.Callbacks;

public class OutcomeKeysTests
{
    [Fact]
    public void Every_outcome_has_one_letter_of_its_own_that_is_neither_a_digit_nor_the_dial_key()
    {
        var keys = OutcomeKeys.All.ToList();
        keys.Select(k => k.Outcome).ShouldBe(Enum.GetValues<CallbackOutcome>(), ignoreOrder: true);
        keys.Select(k => k.Key).Distinct().Count().ShouldBe(keys.Count);
        keys.ShouldAllBe(k => char.IsAsciiLetterLower(k.Key) && k.Key != OutcomeKeys.Dial);
    }
}
