using Dcrc.Kernel.Access;

namespace Dcrc.Features.Callbacks;

/// <summary>The callback centre (SPEC §4–5).</summary>
[PermissionSet]
public static class CallbackPermissions
{
    /// <summary>Editing the questionnaires: the CR manager (and the GM).</summary>
    public static readonly Permission Questionnaires = new("callbacks.questionnaires", Roles.GeneralManager, Roles.CrManager);
}
