using Dcrc.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Kernel;

public static class Startup
{
    /// <summary>Tells the person who ran the command where DCRC is and, for the demo dealership, how to log in.</summary>
    public static void PrintWelcome(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
        var demo = scope.ServiceProvider.GetRequiredService<DemoDealership>();
        var lines = new List<string> { "", "DCRC is running:" };
        lines.AddRange(addresses.Select(a => "  " + a));
        var demoUsers = DemoDealership.Users().Select(u => u.UserName).ToList();
        var preparing = scope.ServiceProvider.GetRequiredService<StartupWork>().Running;
        if (preparing || db.Users.Any(u => u.UserName == demoUsers[0]))
        {
            if (preparing) lines.Add("The demo dealership is being prepared in the background (about half a minute); the login page says when it is ready.");
            lines.Add($"Demo logins (password {demo.Password}):");
            foreach (var u in DemoDealership.Users())
                lines.Add($"  {u.UserName,-16} {u.Role}{(u.StoreCode is null ? " (group)" : " @" + u.StoreCode)}");
        }
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
