using Dcrc.Data;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Localization;
using Dcrc.Kernel.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dcrc.Kernel;

public static class KernelSetup
{
    public static IServiceCollection AddDcrcKernel(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StartupWork>();
        services.AddMemoryCache();
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddScoped<Writes.UnitOfWork>();
        // Registered before the queue: hosted services stop in reverse order, so the last checkpoint comes after the queue's end mark.
        services.AddSingleton<AuditCheckpoints>();
        services.AddHostedService<AuditCheckpointWriter>();
        services.AddSingleton<AuditQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditQueue>());
        services.AddSingleton(sp => Security.AppSecret.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => AuditKey.From(sp.GetRequiredService<Security.AppSecret>()));
        services.AddSingleton<Security.PersonalData>();
        services.AddScoped<SettingsStore>();
        services.AddScoped<Deadlines.StoreCalendars>();
        services.AddScoped<Time.StoreClock>();
        services.AddSingleton<Jobs.JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<Jobs.JobRunner>());
        services.AddDcrcSms();
        services.AddScoped<ApiValidator>();
        services.AddScoped<DemoDealership>();
        services.AddScoped<DemoCustomers>();
        services.AddScoped<DemoCallbacks>();
        services.AddScoped<DemoComplaints>();
        services.AddScoped<DemoLeads>();
        services.AddScoped<DemoService>();
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<DemoCalls>();

        services.AddSingleton<MissingResources>();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<IStringLocalizerFactory, RecordingLocalizerFactory>();
        return services;
    }

    /// <summary>The SMS outbox, its gateway (<c>Dcrc:Sms:Provider</c>), the job draining it and the reply inbox.</summary>
    private static void AddDcrcSms(this IServiceCollection services)
    {
        services.AddOptions<Sms.SmsOptions>().BindConfiguration(Sms.SmsOptions.Section)
            .Validate(o => o.IsValid(), "Dcrc:Sms: Provider must be 'local' or 'http'; 'http' needs an absolute Http:Url; Http:TimeoutSeconds 1-120.")
            .ValidateOnStart();
        services.AddScoped<Sms.SmsOutbox>();
        services.AddScoped<Sms.SmsInbox>();
        services.AddScoped<Sms.LocalSmsGateway>();
        services.AddHttpClient<Sms.HttpSmsGateway>((sp, client) =>
            client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<Sms.SmsOptions>>().Value.Http.TimeoutSeconds));
        services.AddScoped<Sms.ISmsGateway>(sp => sp.GetRequiredService<IOptions<Sms.SmsOptions>>().Value.UsesHttp
            ? sp.GetRequiredService<Sms.HttpSmsGateway>() : sp.GetRequiredService<Sms.LocalSmsGateway>());
        services.AddScoped<Jobs.IScheduledJob, Sms.SmsOutboxJob>();
    }

    /// <summary>MVC's own model-binding messages ("The value '' is invalid") in the user's language.</summary>
    public static void LocaliseBindingMessages(MvcOptions o, IStringLocalizer l)
    {
        var m = o.ModelBindingMessageProvider;
        m.SetValueMustNotBeNullAccessor(f => l["Validation.Required", f]);
        m.SetAttemptedValueIsInvalidAccessor((v, f) => l["Validation.InvalidValue", f]);
        m.SetMissingBindRequiredValueAccessor(f => l["Validation.Required", f]);
        m.SetMissingKeyOrValueAccessor(() => l["Validation.Invalid", ""]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.Body"]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["Validation.InvalidValue", ""]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.InvalidValue", ""]);
        m.SetUnknownValueIsInvalidAccessor(f => l["Validation.InvalidValue", f]);
        m.SetValueIsInvalidAccessor(v => l["Validation.InvalidValue", ""]);
        m.SetValueMustBeANumberAccessor(f => l["Validation.Number", f]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.Number", ""]);
    }
}
