using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Pinyin;
using Dcrc.Kernel.Security;

namespace Dcrc.Features.Customers;

/// <summary>
/// One search box (SPEC §1.3): works out what was typed — mobile (full or last 4), ID number, credit code,
/// VIN (full or last 6), plate fragment, archive number, pinyin (full or initials), or a name/company
/// fragment — and builds an indexed query for it. Exact name and prefix matches rank first.
/// </summary>
public static class CustomerSearch
{
    public static IQueryable<Customer> Apply(IQueryable<Customer> visible, IQueryable<Vehicle> vehicles, string q, PersonalData personal, DateOnly today)
    {
        q = q.Trim();
        var digits = Phone.Digits(q);
        if (digits.Length == 11 && Phone.CheckMobile(digits).Ok) return visible.Where(c => c.Mobile == digits);
        if (q.Length == 4 && q.All(char.IsAsciiDigit))
        {
            // The last four of a mobile or four digits of a plate (1538 of 粤A1538K), each through its own index, united.
            var byPlate = vehicles.Where(v => v.PlateNumber!.Contains(q)).Select(v => v.CustomerId)
                .Union(visible.Where(c => c.MobileLast4 == q).Select(c => c.Id));
            return visible.Where(c => byPlate.Contains(c.Id));
        }
        if (IdNumber.Check(q, today) is { Ok: true } id)
        {
            var hash = personal.LookupHash(id.Value);
            return visible.Where(c => c.IdNumberHash == hash);
        }
        if (CreditCode.Check(q) is { Ok: true } code) return visible.Where(c => c.CreditCode == code.Value);
        var upper = q.ToUpperInvariant();
        // A VIN has digits (its serial part); seventeen letters are a long pinyin (zhalinglingbafang).
        if (upper.Length == 17 && upper.All(char.IsAsciiLetterOrDigit) && upper.Any(char.IsAsciiDigit))
            return visible.Where(c => vehicles.Any(v => v.CustomerId == c.Id && v.Vin == upper));
        // A plate starts with the province and the city letter (粤A…); a province character followed by more
        // Chinese is a name (苏磊, 云飞).
        if (IsPlate(q, out var plate))
            return visible.Where(c => vehicles.Any(v => v.CustomerId == c.Id && v.PlateNumber!.Contains(plate)));
        if (upper.Length == 6 && upper.All(char.IsAsciiLetterOrDigit))
        {
            // The last six of a VIN, a plate fragment — or, letters only, pinyin too.
            if (upper.Any(char.IsAsciiDigit))
                return visible.Where(c => vehicles.Any(v => v.CustomerId == c.Id && (v.VinLast6 == upper || v.PlateNumber!.Contains(upper))));
            // Each way of matching through its own index, united: an OR of the vehicle subquery and the name
            // columns reads every archive (seconds at a million).
            var key6 = q.ToLowerInvariant();
            var ids = vehicles.Where(v => v.VinLast6 == upper || v.PlateNumber!.Contains(upper)).Select(v => v.CustomerId)
                .Union(visible.Where(c => c.NamePinyin!.StartsWith(key6) || c.NameInitials!.StartsWith(key6)
                    || c.NameKeys.StartsWith(key6) || c.NameKeys.Contains(" " + key6)).Select(c => c.Id));
            return visible.Where(c => ids.Contains(c.Id));
        }
        if (q.Contains('-') && q.Any(char.IsAsciiDigit)) return visible.Where(c => c.ArchiveNumber.StartsWith(upper));
        if (Pinyin.IsPinyinQuery(q))
        {
            // Prefixes of the main spelling use their indexes; from three letters on, every reading (重庆
            // chongqing, 覃 tan, 朴 pu) is found too, as the start of any of the keys, through their trigram index.
            var key = q.ToLowerInvariant();
            return key.Length < 3
                ? visible.Where(c => c.NamePinyin!.StartsWith(key) || c.NameInitials!.StartsWith(key))
                : visible.Where(c => c.NamePinyin!.StartsWith(key) || c.NameInitials!.StartsWith(key)
                    || c.NameKeys.StartsWith(key) || c.NameKeys.Contains(" " + key));
        }
        if (upper.All(char.IsAsciiLetterOrDigit) && upper.Length >= 3)
            return visible.Where(c => c.ArchiveNumber.Contains(upper) || vehicles.Any(v => v.CustomerId == c.Id && v.PlateNumber!.Contains(upper)));
        // One or two characters (张伟) mean the start of a name, and only a prefix can use an index at a
        // million customers; three or more are looked for anywhere (trigram index on PostgreSQL).
        return q.Length <= 2 ? visible.Where(c => c.Name.StartsWith(q)) : visible.Where(c => c.Name.Contains(q));
    }

    /// <summary>
    /// Whether a query may match by name (Chinese characters, or letters only: pinyin): such a match tells the name,
    /// so it must not find an archive whose name the viewer may not see.
    /// </summary>
    public static bool MayMatchName(string q) =>
        !IsPlate(q.Trim(), out _) && (q.Any(ch => ch >= '\u3400' && ch <= '\u9fff') || q.Trim().All(char.IsAsciiLetter));

    private static bool IsPlate(string q, out string plate)
    {
        plate = PlateNumber.Normalise(q);
        return plate.Length >= 2 && PlateNumber.ProvinceCharacters.Contains(plate[0]) && char.IsAsciiLetter(plate[1]);
    }

    /// <summary>
    /// A Chinese name or fragment ranks exact name, then prefix, then the rest; anything else (pinyin, numbers)
    /// newest first. The planner fetches a few matches through their own index and sorts them, or, for a
    /// query matching thousands (zh, wang), walks the (CreatedAt, Id) index newest first until the page is full.
    /// </summary>
    public static IQueryable<Customer> Ranked(IQueryable<Customer> found, string q) =>
        q.Any(ch => ch >= '\u3400' && ch <= '\u9fff')
            ? found.OrderBy(c => c.Name == q ? 0 : c.Name.StartsWith(q) ? 1 : 2).ThenByDescending(c => c.Id)
            : found.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id);

    /// <summary>
    /// The matches in the order shown, as disjoint parts each ranked by <see cref="Ranked"/>: a pinyin query of
    /// three letters or more lists the names whose main spelling (a surname in its surname reading: 覃 qin, 朴
    /// piao) it starts first, then those found by another reading (谭飞波 before 覃飞波 for tanfeibo). Two
    /// parts rather than one sort, so that each can still walk the newest-first index when it is dense.
    /// </summary>
    public static IReadOnlyList<IQueryable<Customer>> RankedParts(IQueryable<Customer> found, string q)
    {
        if (!Pinyin.IsPinyinQuery(q) || q.Length < 3) return [Ranked(found, q)];
        var key = q.ToLowerInvariant();
        return
        [
            Ranked(found.Where(c => c.NamePinyin!.StartsWith(key) || c.NameInitials!.StartsWith(key)), q),
            Ranked(found.Where(c => !(c.NamePinyin!.StartsWith(key) || c.NameInitials!.StartsWith(key))), q),
        ];
    }
}
