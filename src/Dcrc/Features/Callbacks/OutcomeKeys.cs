namespace Dcrc.Features.Callbacks;

/// <summary>
/// The callback screen by keyboard: one letter per outcome (shown on its button), the groups the buttons stand in,
/// and the letter that dials. Digits are the answers' (1–9, 0 for 10; 1 yes, 2 no), so no letter here is a digit.
/// </summary>
public static class OutcomeKeys
{
    public const char Dial = 'd';

    public static readonly IReadOnlyList<(CallbackOutcome Outcome, char Key)> Reached =
        [(CallbackOutcome.Success, 's'), (CallbackOutcome.Busy, 'b'), (CallbackOutcome.NotOwner, 'o')];

    public static readonly IReadOnlyList<(CallbackOutcome Outcome, char Key)> Failed =
    [
        (CallbackOutcome.NoAnswer, 'a'), (CallbackOutcome.LineBusy, 'l'), (CallbackOutcome.SwitchedOff, 'g'), (CallbackOutcome.Suspended, 't'),
        (CallbackOutcome.Unreachable, 'u'), (CallbackOutcome.CallBarred, 'c'), (CallbackOutcome.Refused, 'r'),
    ];

    public static readonly IReadOnlyList<(CallbackOutcome Outcome, char Key)> Invalid =
        [(CallbackOutcome.WrongNumber, 'w'), (CallbackOutcome.EmptyNumber, 'e')];

    public static IEnumerable<(CallbackOutcome Outcome, char Key)> All => Reached.Concat(Failed).Concat(Invalid);

    public static char KeyOf(CallbackOutcome outcome) => All.First(k => k.Outcome == outcome).Key;
}
