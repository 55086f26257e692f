using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Dcrc.Data;

/// <summary>
/// Keeps ASP.NET Core's data-protection keys (which sign cookies, anti-forgery and bearer tokens) in the
/// database, so every app instance on one PostgreSQL accepts the others' cookies and tokens.
/// </summary>
public class DataProtectionKeys(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
        return db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DcrcDb>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
