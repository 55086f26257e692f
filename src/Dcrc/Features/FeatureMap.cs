using Dcrc.Features.Account;
using Dcrc.Features.Admin;
using Dcrc.Features.Admin.Calendar;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Callbacks.Reports;
using Dcrc.Features.Calls;
using Dcrc.Features.Callbacks.Questionnaires;
using Dcrc.Features.Audit;
using Dcrc.Features.Complaints;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Cadence;
using Dcrc.Features.Customers.Filing;
using Dcrc.Features.Customers.Records;
using Dcrc.Features.Knowledge;
using Dcrc.Features.Leads;
using Dcrc.Features.Service;
using Dcrc.Features.Vehicles;
using Dcrc.Kernel.Sms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Dcrc.Features;

public static class FeatureMap
{
    /// <summary>Every feature's services and its part of <c>/api/v1</c>. The API takes bearer tokens only.</summary>
    public static IServiceCollection AddDcrcFeatures(this IServiceCollection services)
    {
        services.AddScoped<SignInCheck>();
        services.AddScoped<UserAdmin>();
        services.AddScoped<Shared.Shell>();
        services.AddScoped<Admin.Permissions.RolePermissions>();
        services.AddScoped<Customers.CustomerArchive>();
        services.AddScoped<Customers.ArchiveHistory>();
        services.AddScoped<Customers.MaskedCustomers>();
        services.AddScoped<Customers.ContactDetails>();
        services.AddScoped<Customers.Records.ContactLog>();
        services.AddScoped<Customers.VehicleRegister>();
        services.AddScoped<Customers.CustomerImport>();
        services.AddScoped<Customers.Records.CustomerRecords>();
        services.AddScoped<Customers.CustomerMerge>();
        services.AddScoped<Customers.CustomerExport>();
        services.AddScoped<Customers.Cadence.DueContacts>();
        services.AddScoped<Admin.Calendar.CalendarDays>();
        services.AddScoped<Callbacks.Questionnaires.QuestionnaireBook>();
        services.AddScoped<Kernel.Jobs.IScheduledJob, Customers.Filing.WeeklyCheckJob>();
        services.AddScoped<Callbacks.CallbackGeneration>();
        services.AddScoped<Customers.Records.ITransactionFollowUp, Callbacks.CallbacksOnTransaction>();
        services.AddScoped<Callbacks.CallbackDesk>();
        services.AddScoped<Callbacks.CallbackOpenings>();
        services.AddScoped<Callbacks.CallbackReports>();
        services.AddScoped<Callbacks.Reports.ReportFilters>();
        services.AddScoped<Callbacks.Reports.CallbackLists>();
        services.AddScoped<Callbacks.Reports.ReportExports>();
        services.AddScoped<Callbacks.Reports.NumberCorrections>();
        services.AddScoped<Kernel.Sms.ISmsReplyHandler, Callbacks.CallbackSmsReplies>();
        services.AddScoped<Complaints.ComplaintDesk>();
        services.AddScoped<Callbacks.ICallbackGrievances>(sp => sp.GetRequiredService<Complaints.ComplaintDesk>());
        services.AddScoped<Complaints.ComplaintNames>();
        services.AddScoped<Complaints.ComplaintStatistics>();
        services.AddScoped<Kernel.Jobs.IScheduledJob, Complaints.ComplaintLimitsJob>();
        services.AddScoped<Kernel.Jobs.IScheduledJob, Callbacks.CallbackJob>();
        services.AddSingleton<Customers.Records.DocumentStore>();
        services.AddScoped<Vehicles.VehicleTimeline>();
        services.AddScoped<Customers.Filing.DocumentHandovers>();
        services.AddScoped<Customers.Filing.ArchiveAudit>();
        services.AddScoped<Knowledge.KnowledgeBase>();
        services.AddOptions<Calls.TelephonyOptions>().BindConfiguration(Calls.TelephonyOptions.Section);
        services.AddScoped<Calls.CallDesk>();
        services.AddSingleton<Calls.LocalTelephony>();
        services.AddHttpClient<Calls.HttpTelephony>((sp, client) =>
            client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Calls.TelephonyOptions>>().Value.DialTimeoutSeconds));
        services.AddScoped<Calls.ITelephony>(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Calls.TelephonyOptions>>().Value.UsesHttp
            ? sp.GetRequiredService<Calls.HttpTelephony>() : sp.GetRequiredService<Calls.LocalTelephony>());
        services.AddScoped<Calls.Dialer>();
        services.AddScoped<Calls.CallCases>();
        services.AddScoped<Customers.ICallerNumbers>(sp => sp.GetRequiredService<Calls.CallCases>());
        services.AddScoped<Callbacks.ISourceCalls>(sp => sp.GetRequiredService<Calls.CallCases>());
        services.AddScoped<Calls.CallerCards>();
        services.AddScoped<Calls.ICallerCaseSource, Complaints.OpenComplaints>();
        services.AddSingleton<Calls.CallSignals>();
        services.AddSingleton<Calls.CallSignalListener>();
        services.AddHostedService(sp => sp.GetRequiredService<Calls.CallSignalListener>());
        services.AddScoped<Leads.LeadDesk>();
        services.AddScoped<Leads.LeadViews>();
        services.AddScoped<Leads.LeadCards>();
        services.AddScoped<Leads.LeadVisits>();
        services.AddScoped<Leads.LeadBatches>();
        services.AddScoped<Leads.LeadReports>();
        services.AddScoped<Customers.ICustomerLeads>(sp => sp.GetRequiredService<Leads.LeadViews>());
        services.AddScoped<Leads.LeadBatchImport>();
        services.AddScoped<Callbacks.ISourceVisits>(sp => sp.GetRequiredService<Leads.LeadVisits>());
        services.AddScoped<Kernel.Jobs.IScheduledJob, Leads.LeadClocksJob>();
        services.AddScoped<Kernel.Jobs.IScheduledJob, Leads.LeadPoolJob>();
        services.AddScoped<Kernel.Jobs.IScheduledJob, Leads.LeadDeliveryJob>();
        services.AddScoped<Service.Forecasts>();
        services.AddScoped<Customers.Cards.IVehicleMaintenance>(sp => sp.GetRequiredService<Service.Forecasts>());
        services.AddScoped<Customers.Records.ITransactionFollowUp, Service.ForecastOnRepairOrder>();
        services.AddScoped<Kernel.Jobs.IScheduledJob, Service.ForecastJob>();
        services.AddScoped<Service.MaintenancePlans>();
        services.AddScoped<Service.MaintenanceList>();
        services.AddScoped<Home.SpecialistDay>();
        services.AddScoped<Home.ManagerDashboard>();
        services.AddScoped<Home.StaffDay>();
        services.AddScoped<Home.MarketingDesk>();
        return services;
    }

    public static WebApplication MapDcrcFeatures(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme })
            .WithTags("DCRC")
            .AddEndpointFilter(Kernel.Api.StoreReach.FilterAsync);
        api.MapAuthApi();
        api.MapAdminApi();
        api.MapAuditApi();
        api.MapCustomersApi();
        api.MapLookupApi();
        api.MapRecordsApi();
        api.MapVehiclesApi();
        api.MapCadenceApi();
        api.MapCalendarApi();
        api.MapQuestionnairesApi();
        api.MapFilingApi();
        api.MapSmsApi();
        api.MapCallbacksApi();
        api.MapComplaintsApi();
        api.MapCallbackReportsApi();
        api.MapKnowledgeApi();
        api.MapCallsApi();
        api.MapDialApi();
        api.MapLeadsApi();
        api.MapServiceApi();
        app.MapCallEvents();
        return app;
    }
}
