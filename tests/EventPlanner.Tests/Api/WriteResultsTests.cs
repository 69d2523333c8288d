using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EventPlanner.Tests.Api;

/// <summary>The one mapping of a write's result to HTTP and the one to a form: each kind, its status and problem shape.</summary>
public sealed class WriteResultsTests
{
    private sealed record Row(long Id, string Name);

    [Fact]
    public void Ok_answers_what_the_endpoint_chose()
    {
        var http = WriteResult<Row>.Ok(new Row(7, "Ubuntu")).ToHttp(r => TypedResults.Created($"/rows/{r.Id}", r));
        var created = Assert.IsType<Created<Row>>(http.Result);
        Assert.Equal("/rows/7", created.Location);
        Assert.Equal("Ubuntu", created.Value!.Name);
    }

    [Fact]
    public void Not_found_is_404()
    {
        var http = WriteResult<Row>.NotFound.ToHttp(TypedResults.Ok);
        Assert.Equal(StatusCodes.Status404NotFound, Assert.IsType<NotFound>(http.Result).StatusCode);
    }

    [Fact]
    public void Forbidden_is_403_problem_with_title_and_detail()
    {
        var http = WriteResult<Row>.Forbidden("Only the group's hosts can edit it.", "Only the group's hosts can do that").ToHttp(TypedResults.Ok);
        var problem = Assert.IsType<ProblemHttpResult>(http.Result).ProblemDetails;
        Assert.Equal(403, problem.Status);
        Assert.Equal("Only the group's hosts can do that", problem.Title);
        Assert.Equal("Only the group's hosts can edit it.", problem.Detail);
    }

    [Fact]
    public void Conflict_is_409_problem_carrying_its_extensions()
    {
        var current = new Row(7, "Fedora");
        var result = WriteResult<Row>.Conflict("Someone else changed this first", "It is now called Fedora.", details: current,
            extensions: new Dictionary<string, object?> { ["currentVersion"] = 3, ["row"] = current });
        Assert.Same(current, result.Details);
        var problem = Assert.IsType<ProblemHttpResult>(result.ToHttp(TypedResults.Ok).Result).ProblemDetails;
        Assert.Equal(409, problem.Status);
        Assert.Equal("Someone else changed this first", problem.Title);
        Assert.Equal("It is now called Fedora.", problem.Detail);
        Assert.Equal(3, problem.Extensions["currentVersion"]);
        Assert.Same(current, problem.Extensions["row"]);
    }

    [Fact]
    public void A_conflict_may_keep_the_status_its_feature_has_always_answered()
    {
        var problem = Assert.IsType<ProblemHttpResult>(WriteResult<Row>.Conflict("Room too small", "40 people expected.", status: 422)
            .ToHttp(TypedResults.Ok).Result).ProblemDetails;
        Assert.Equal(422, problem.Status);
    }

    [Fact]
    public void Invalid_is_the_validators_400_with_its_field_messages()
    {
        var v = new Validator();
        v.Add("name", "Name is required.");
        var result = WriteResult<Row>.Invalid(v);
        v.Add("later", "Added after the refusal, not part of it.");
        var problem = Assert.IsType<ValidationProblem>(result.ToHttp(TypedResults.Ok).Result).ProblemDetails;
        Assert.Equal(400, problem.Status);
        Assert.Equal("Some fields need another look.", problem.Title);
        Assert.Equal(["Name is required."], problem.Errors["name"]);
        Assert.False(problem.Errors.ContainsKey("later"));
    }

    [Fact]
    public async Task The_async_mapping_reads_the_answer_only_when_done()
    {
        var read = 0;
        var refused = await WriteResult<Row>.NotFound.ToHttpAsync(r => { read++; return Task.FromResult(TypedResults.Ok(r)); });
        Assert.IsType<NotFound>(refused.Result);
        Assert.Equal(0, read);
        var done = await WriteResult<Row>.Ok(new Row(1, "x")).ToHttpAsync(r => { read++; return Task.FromResult(TypedResults.Ok(r.Name)); });
        Assert.Equal("x", Assert.IsType<Ok<string>>(done.Result).Value);
        Assert.Equal(1, read);
    }

    [Fact]
    public void Map_and_As_carry_a_refusal_to_another_type()
    {
        var conflict = WriteResult<Row>.Conflict("Taken", "That slot is taken.", status: 409).As<long>();
        Assert.Equal((WriteKind.Conflict, 409, "That slot is taken."), (conflict.Kind, conflict.Status, conflict.Message));
        Assert.Equal(7L, WriteResult<Row>.Ok(new Row(7, "x")).Map(r => r.Id).Value);
        Assert.Throws<InvalidOperationException>(() => WriteResult<Row>.Ok(new Row(7, "x")).As<long>());
    }

    [Fact]
    public void Widening_keeps_the_answer_for_an_endpoint_that_also_refuses_by_itself()
    {
        var conflict = WriteResult<Row>.Conflict("Taken", "That slot is taken.").ToHttp(TypedResults.Ok).Widen<Ok<Row>, ForbidHttpResult>();
        Assert.Equal(409, Assert.IsType<ProblemHttpResult>(conflict.Result).StatusCode);
        var done = WriteResult<Row>.Ok(new Row(3, "x")).ToHttp(TypedResults.Ok).Widen<Ok<Row>, ForbidHttpResult>();
        Assert.Equal(3, Assert.IsType<Ok<Row>>(done.Result).Value!.Id);
        Assert.IsType<NotFound>(WriteResult<Row>.NotFound.ToHttp(TypedResults.Ok).Widen<Ok<Row>, ForbidHttpResult>().Result);
    }

    [Fact]
    public void Field_messages_go_under_the_prefix_and_the_rest_to_the_whole_form()
    {
        var v = new Validator();
        v.Add("roomId", "Choose a room.");
        var fields = new ModelStateDictionary();
        Assert.False(fields.AddErrors(WriteResult<Row>.Invalid(v), "Propose"));
        Assert.Equal("Choose a room.", Assert.Single(fields["Propose.RoomId"]!.Errors).ErrorMessage);

        var form = new ModelStateDictionary();
        form.AddErrors(WriteResult<Row>.Conflict("Room not free", "Clashes with X.", formMessage: "Clashes with X. Free at that time: Hall B."), "");
        form.AddErrors(WriteResult<Row>.Forbidden("Only the group's hosts can edit it."), "");
        form.AddErrors(WriteResult<Row>.NotFound, "");
        Assert.Equal(["Clashes with X. Free at that time: Hall B.", "Only the group's hosts can edit it.", "That is no longer there. Reload the page."],
            form[""]!.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public void Done_adds_nothing_to_the_form()
    {
        var form = new ModelStateDictionary();
        Assert.True(form.AddErrors(WriteResult<Row>.Ok(new Row(1, "x"))));
        Assert.True(form.IsValid);
        Assert.Equal(0, form.ErrorCount);
    }
}
