using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks.Questionnaires;
using Dcrc.Features.Complaints;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Sms;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks;

/// <summary>What a callback call came to, checked: the questionnaire's answers and the owner's confirmation with its corrections to the archive.</summary>
public partial class CallbackDesk
{
    private List<CallbackAnswer> CheckAnswers(Questionnaire q, List<AnswerInput> given, Dictionary<string, string[]> errors)
    {
        var byQuestion = given.GroupBy(a => a.QuestionId).ToDictionary(g => g.Key, g => g.Last());
        if (byQuestion.Keys.Any(k => q.Questions.All(x => x.Id != k))) errors["answers"] = [l["Validation.InvalidValue", l["Field.Answers"]]];
        var list = new List<CallbackAnswer>();
        foreach (var question in q.Questions.OrderBy(x => x.Number))
        {
            var key = $"answers[{question.Number}]";
            var label = l["Callbacks.Question", question.Number].Value;
            byQuestion.TryGetValue(question.Id, out var a);
            var answer = new CallbackAnswer { QuestionId = question.Id };
            switch (question.Type)
            {
                case AnswerType.Score:
                    if (a?.Score is null) errors[key] = [l["Validation.Required", label]];
                    else if (a.Score is < 1 or > 10) errors[key] = [l["Validation.Range", label, 1, 10]];
                    answer.Score = a?.Score;
                    break;
                case AnswerType.YesNo:
                    if (a?.YesNo is null) errors[key] = [l["Validation.Required", label]];
                    answer.YesNo = a?.YesNo;
                    break;
                case AnswerType.Choice:
                    if (string.IsNullOrWhiteSpace(a?.Choice)) errors[key] = [l["Validation.Required", label]];
                    else if (!question.OptionList.Contains(a.Choice.Trim())) errors[key] = [l["Validation.InvalidValue", label]];
                    answer.Choice = a?.Choice?.Trim();
                    break;
                default:
                    if (a?.Text is { Length: > 1000 }) errors[key] = [l["Validation.StringLength", label, 1000, 0]];
                    answer.Text = Blank(a?.Text);
                    break;
            }
            list.Add(answer);
        }
        return list;
    }

    private void CheckConfirmation(OwnerConfirmationInput c, Dictionary<string, string[]> errors)
    {
        if (c.DataCorrect) return;
        if (c.Mobile is { Length: > 0 } m && !m.Contains('*') && !Phone.CheckMobile(m).Ok) errors["confirmation.mobile"] = [l["Validation.InvalidValue", l["Field.Mobile"]]];
        if (c.Postcode is { Length: > 0 } p && !Postcode.Check(p).Ok) errors["confirmation.postcode"] = [l["Validation.InvalidValue", l["Field.Postcode"]]];
        if (c.Name is { } n && n.Trim().Length == 0 && n.Length > 0) errors["confirmation.name"] = [l["Validation.Required", l["Field.Name"]]];
    }

    /// <summary>The owner's corrections go into the archive with their history; the task records whether the data were right.</summary>
    private void ApplyConfirmation(CallbackTask task, Customer customer, OwnerConfirmationInput c, DateTime now)
    {
        task.AnsweredBy = Blank(c.AnsweredBy);
        var changed = false;
        if (!c.DataCorrect)
        {
            void Change(string field, string? old, string? @new, Action set, bool masked = false)
            {
                if (@new is null || @new == old) return;
                set();
                changed = true;
                db.ArchiveChanges.Add(new ArchiveChange
                {
                    CustomerId = customer.Id, Field = field, OldValue = masked ? Phone.Mask(old) : ArchiveChange.Clip(old),
                    NewValue = masked ? Phone.Mask(@new) : ArchiveChange.Clip(@new), ChangedBy = me.UserName, ChangedAt = now,
                });
            }
            var name = Blank(c.Name);
            Change("name", customer.Name, name, () => customer.SetName(name!, customer.Type == CustomerType.Individual));
            var mobile = c.Mobile is { Length: > 0 } m && !m.Contains('*') ? Phone.CheckMobile(m).Value : null;
            Change("mobile", customer.Mobile, mobile, () => customer.SetMobile(mobile), masked: true);
            var address = Blank(c.MailingAddress);
            Change("mailingAddress", customer.MailingAddress, address, () => customer.MailingAddress = address);
            var postcode = c.Postcode is { Length: > 0 } p ? Postcode.Check(p).Value : null;
            Change("postcode", customer.Postcode, postcode, () => customer.Postcode = postcode);
        }
        // Right first time: nothing needed correcting.
        task.OwnerDataCorrect = !changed;
    }
}
