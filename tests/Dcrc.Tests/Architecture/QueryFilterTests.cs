using System.Reflection;

namespace Dcrc.Tests.Architecture;

/// <summary>
/// IgnoreQueryFilters lifts the store filter off the whole query (every store's rows), so each call site is named
/// here with why it may: a job or a global check that spans the stores, or a seam that reads the record of another
/// store the user works on (a callback task, a case) and names the store itself. A new call site fails until it is
/// listed; a listed method that no longer calls it fails until its entry is removed. Found in the compiled IL, so a
/// call inside a lambda, a local function or an async method counts as the method it was written in.
/// </summary>
public class QueryFilterTests
{
    private static readonly Dictionary<(string Type, string Method), string> Allowed = new()
    {
        // Kernel
        [("Dcrc.Kernel.Sms.SmsOutbox", "EnqueueAsync")] = "idempotency: the key is unique in the store named by the request, whoever sends",
        // Data (demo seeding, runs before anyone signs in)
        [("Dcrc.Data.DemoCustomers", "SeedAsync")] = "demo seeding: mobiles of every store, for unique demo numbers",
        [("Dcrc.Data.DemoCallbacks", "SeedAsync")] = "demo seeding: the store being seeded, named in the query",
        [("Dcrc.Data.DemoComplaints", "SeedAsync")] = "demo seeding: the store being seeded, named in the query",
        [("Dcrc.Data.DemoCalls", "SeedAsync")] = "demo seeding: the store being seeded, named in the query",
        [("Dcrc.Data.DemoLeads", "SeedAsync")] = "demo seeding: the store being seeded, named in the query",
        // Callbacks
        [("Dcrc.Features.Callbacks.CallbackOpenings", "OpenAsync")] = "idempotency: the (kind, source, event date) index is global; the asking feature checked its record",
        [("Dcrc.Features.Callbacks.CallbackGeneration", "ExpireAsync")] = "job: runs for every store, one store per statement",
        // Calls
        [("Dcrc.Features.Calls.CallDesk", "CheckReportAsync")] = "telephony report: an agent line is unique across the stores; it gives the store",
        [("Dcrc.Features.Calls.CallDesk", "ReportedAsync")] = "telephony report: the provider's call id is unique across the stores",
        [("Dcrc.Features.Calls.Dialer", "ReportAsync")] = "telephony report: our request id (and the provider's call id) is unique across the stores",
        [("Dcrc.Features.Calls.CallDesk", "SetLineAsync")] = "global check: a line name is unique across the stores (refused if another store's)",
        // Complaints
        [("Dcrc.Features.Complaints.ComplaintDesk", "CreateAsync")] = "case number: the customer's complaints in every store count",
        [("Dcrc.Features.Complaints.ComplaintDesk", "OpenCaseAsync")] = "case number: the customer's complaints in every store count (case from a callback)",
        [("Dcrc.Features.Complaints.ComplaintLimitsJob", "RunAsync")] = "job: runs for every store",
        // Customers
        [("Dcrc.Features.Customers.CustomerArchive", "DuplicatesAsync")] = "duplicate check: the whole store, archives the user may not see included",
        [("Dcrc.Features.Customers.CustomerImport", "DuplicatesAsync")] = "duplicate check: the whole target store and VINs of every store",
        [("Dcrc.Features.Customers.CustomerBackfill", "RunAsync")] = "startup job: fills pinyin columns in every store",
        [("Dcrc.Features.Customers.CustomerMerge", "MergeAsync")] = "merge: archives merged earlier into the merged one, whoever may see them",
        [("Dcrc.Features.Customers.VehicleRegister", "AddAsync")] = "global check: a VIN belongs to one customer across the stores",
        [("Dcrc.Features.Customers.ContactDetails", "ChangeForWorkAsync")] = "seam: the customer of a record of another store the user works on (store named)",
        [("Dcrc.Features.Customers.ContactDetails", "ReachAsync")] = "seam: the number the system itself reaches a customer by (SMS survey, case contact)",
        [("Dcrc.Features.Customers.ContactDetails", "ApplyAsync")] = "duplicate check: a mobile is unique in the customer's store",
        [("Dcrc.Features.Customers.CustomerArchive", "NumberForCallAsync")] = "seam: the number of a customer of a record the user works on, for a call (store named, audited)",
        [("Dcrc.Features.Customers.MaskedCustomers", "ForWorkAsync")] = "seam: customers of records of other stores the user works on (store checked per record)",
        [("Dcrc.Features.Customers.MaskedCustomers", "VehicleForWorkAsync")] = "seam: the vehicle of a record of another store the user works on (store named)",
        [("Dcrc.Features.Customers.MaskedCustomers", "TransactionForWorkAsync")] = "seam: the transaction of a record of another store the user works on (store named)",
        [("Dcrc.Features.Customers.Records.ContactLog", "RecordAsync")] = "seam: the caller checked the customer; the cadence update names one archive by id",
        [("Dcrc.Features.Customers.Records.CustomerRecords", "AddTransactionAsync")] = "duplicate check: a transaction number is unique in the customer's store",
    };

    [Fact]
    public void IgnoreQueryFilters_is_called_only_in_the_listed_methods()
    {
        var calls = IlReferences.Instructions
            .Where(i => i.Operand is MethodInfo { Name: "IgnoreQueryFilters" } m && m.DeclaringType?.Namespace == "Microsoft.EntityFrameworkCore")
            .Select(i => ((i.Site.FullName!, i.Method), $"{i.Where} calls IgnoreQueryFilters"));
        AllowList.ShouldMatch(calls, Allowed, "IgnoreQueryFilters (lifts the store filter)");
    }
}
