using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;

namespace Dcrc.Tests.Features.Customers;

public class CustomerAccessTests
{
    private static readonly (string? Owner, int? Dept, CustomerClass Class)[] Archives =
    [
        ("u1", 10, CustomerClass.B), ("u2", 10, CustomerClass.C), ("u3", 20, CustomerClass.B), ("u1", 10, CustomerClass.A), (null, null, CustomerClass.C),
    ];

    private static List<int> Visible(Viewer v)
    {
        var byRule = Archives.Select((a, i) => (a, i)).Where(x => v.MaySee(x.a.Owner, x.a.Dept, x.a.Class)).Select(x => x.i).ToList();
        var customers = Archives.Select((a, i) => new Customer { Id = i, OwnerUserId = a.Owner, OwnerDepartmentId = a.Dept, Class = a.Class }).AsQueryable();
        customers.VisibleTo(v).Select(c => (int)c.Id).ToList().ShouldBe(byRule); // the query filter and the rule agree
        return byRule;
    }

    [Fact]
    public void A_consultant_sees_only_their_own_customers_and_no_class_A() =>
        Visible(new Viewer("u1", DataScope.Own, 10, SeesClassA: false)).ShouldBe([0]);

    [Fact]
    public void A_manager_sees_the_department_and_class_A() =>
        Visible(new Viewer("m1", DataScope.Department, 10, SeesClassA: true)).ShouldBe([0, 1, 3]);

    [Fact]
    public void The_store_level_sees_the_store_but_class_A_only_at_manager_level()
    {
        Visible(new Viewer("c1", DataScope.Store, 30, SeesClassA: false)).ShouldBe([0, 1, 2, 4]);
        Visible(new Viewer("g1", DataScope.Store, null, SeesClassA: true)).ShouldBe([0, 1, 2, 3, 4]);
    }
}
