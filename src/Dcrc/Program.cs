using Dcrc.Data;
using Dcrc.Features;
using Dcrc.Kernel;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Security;

if (await Commands.TryRunAsync(args)) return;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5000");
builder.Logging.AddDcrcLogging(builder.Configuration);

builder.Services.AddDcrcDatabase(builder.Configuration);
builder.Services.AddDcrcIdentity(builder.Configuration);
builder.Services.AddDcrcKernel();
builder.Services.AddDcrcWeb(builder.Configuration);
builder.Services.AddDcrcFeatures();

var app = builder.Build();
await app.Services.PrepareDatabaseAsync();
app.UseDcrcWeb();
app.MapDcrcFeatures();
app.Lifetime.ApplicationStarted.Register(() => Startup.PrintWelcome(app));
await app.RunAsync();

public partial class Program;
