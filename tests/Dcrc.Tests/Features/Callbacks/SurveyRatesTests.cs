using Dcrc.Features.Callbacks;
using Shouldly;
using Xunit;

namespace Dcrc.Tests.Features.Callbacks;

/// <summary>The rates of 表7/表8 and of the trend count only the events whose survey window has closed.</summary>
public class SurveyRatesTests
{
    [Fact]
    public void Surveys_still_in_their_window_are_in_progress_and_in_no_rate()
    {
        var line = new CallbackReports.SatisfactionLine("", Events: 10, Succeeded: 3, Failed: 2, Refused: 1, Unreachable: 1, Other: 0, 2, 1, 0);
        (line.InProgress, line.SuccessRate, line.FailureRate).ShouldBe((5, 60.0m, 40.0m));
        var week = new CallbackReports.TrendPoint(new(2026, 11, 30), new(2026, 12, 6), Events: 12, Succeeded: 0, Failed: 0, 0, 0, 0);
        (week.InProgress, week.SuccessRate).ShouldBe((12, (decimal?)null)); // a week whose surveys all still run is no collapse to 0 %
    }
}
