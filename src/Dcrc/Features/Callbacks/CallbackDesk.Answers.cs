using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks.Questionnaires;
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

    /// <summary>
    /// The owner's confirmation (002 回访): the task records whether the data were right; corrections go into the
    /// archive through its contact service (checked, with their history), saved with the attempt.
    /// </summary>
    private async Task<ContactChanged?> ConfirmAsync(CallbackTask task, MaskedCustomer? customer, OwnerConfirmationInput c)
    {
        task.AnsweredBy = Blank(c.AnsweredBy);
        if (c.DataCorrect || customer is null)
        {
            task.OwnerDataCorrect = true;
            return null;
        }
        var changed = await contacts.ChangeForWorkAsync(task.StoreId, customer.Id, new ContactChange(c.Name, c.Mobile, c.MailingAddress, c.Postcode), "confirmation.");
        // Right first time: nothing needed correcting.
        task.OwnerDataCorrect = changed is null || changed.Fields.Count == 0;
        return changed;
    }
}
