using EventPlanner.Web.Features.Surveys;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Features.Surveys;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SurveyRulesTests
{
    private static readonly SurveyQuestionRow[] Questions =
    [
        new() { Id = 1, Kind = SurveyKinds.Single, Prompt = "Again?", Required = true, Options = "[\"Yes\",\"No\"]" },
        new() { Id = 2, Kind = SurveyKinds.Multiple, Prompt = "Liked", Options = "[\"Talks\",\"Food\",\"Hallway\"]" },
        new() { Id = 3, Kind = SurveyKinds.Scale, Prompt = "Venue" },
        new() { Id = 4, Kind = SurveyKinds.Text, Prompt = "Else" },
    ];

    [Fact]
    public void Answers_are_checked_against_their_questions_and_optional_ones_may_be_left_out()
    {
        var v = new Validator();
        var ok = SurveyRules.ValidateAnswers(new SurveyResponseInput([new SurveyAnswerInput(1, [1], null, null), new SurveyAnswerInput(2, [2, 0], null, null),
            new SurveyAnswerInput(4, null, null, "  Zoë \r\n ")]), Questions, v)!;
        Assert.False(v.HasErrors);
        Assert.Equal([1L, 2L, 4L], ok.Select(a => a.QuestionId));
        Assert.Equal([0, 2], ok[1].Choices);
        Assert.Equal("Zoë", ok[2].Text);
    }

    [Theory]
    [InlineData(1L, new[] { 2 }, null, null)] // option out of range
    [InlineData(1L, new[] { 0, 1 }, null, null)] // two choices for a single choice
    [InlineData(2L, new[] { 1, 1 }, null, null)] // the same option twice
    [InlineData(3L, null, 0, null)] // scale below 1
    [InlineData(3L, null, 6, null)] // scale above 5
    [InlineData(4L, null, 3, "x")] // a scale value on a text question
    [InlineData(9L, null, null, "x")] // no such question
    public void A_wrong_answer_is_a_field_message_and_nothing_comes_back(long questionId, int[]? choices, int? scale, string? text)
    {
        var v = new Validator();
        Assert.Null(SurveyRules.ValidateAnswers(new SurveyResponseInput([new SurveyAnswerInput(1, [0], null, null),
            new SurveyAnswerInput(questionId, choices, scale, text)]), Questions, v));
        Assert.True(v.HasErrors);
    }

    [Fact]
    public void A_required_question_left_out_is_named()
    {
        var v = new Validator();
        Assert.Null(SurveyRules.ValidateAnswers(new SurveyResponseInput([]), Questions, v));
        Assert.Equal(["\"Again?\" needs an answer."], v.Errors["q1"]);
    }

    [Fact]
    public void Counts_list_every_option_and_every_scale_value() =>
        Assert.Equal([("1", 0), ("2", 2), ("3", 0), ("4", 0), ("5", 1)], SurveyRules.Counts(Questions[2],
            [new() { QuestionId = 3, Scale = 2 }, new() { QuestionId = 3, Scale = 2 }, new() { QuestionId = 3, Scale = 5 }, new() { QuestionId = 1, Choice = 0 }])
            .Select(c => (c.Label, c.Count)));
}
