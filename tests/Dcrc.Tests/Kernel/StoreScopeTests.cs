using Dcrc.Kernel.Access;

namespace Dcrc.Tests.Kernel;

public class StoreScopeTests
{
    [Fact]
    public void A_fresh_scope_sees_nothing() => new StoreScope().CanSee(1).ShouldBeFalse();

    [Fact]
    public void A_store_user_sees_their_stores_only()
    {
        var scope = new StoreScope();
        scope.Restrict([1, 2], null);
        scope.CanSee(1).ShouldBeTrue();
        scope.CanSee(2).ShouldBeTrue();
        scope.CanSee(3).ShouldBeFalse();
    }

    [Fact]
    public void Switching_to_one_store_narrows_the_view_and_a_foreign_store_shows_nothing()
    {
        var scope = new StoreScope();
        scope.Restrict([1, 2], 2);
        scope.CanSee(1).ShouldBeFalse();
        scope.CanSee(2).ShouldBeTrue();
        var foreign = new StoreScope();
        foreign.Restrict([1], 3);
        foreign.CanSee(1).ShouldBeFalse();
        foreign.CanSee(3).ShouldBeFalse();
    }

    [Fact]
    public void A_group_user_sees_every_store_until_they_pick_one()
    {
        var scope = new StoreScope();
        scope.AllowAll(null);
        scope.CanSee(42).ShouldBeTrue();
        scope.AllowAll(7);
        scope.CanSee(42).ShouldBeFalse();
        scope.CanSee(7).ShouldBeTrue();
    }
}
