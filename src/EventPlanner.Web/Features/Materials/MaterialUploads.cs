using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;

namespace EventPlanner.Web.Features.Materials;

/// <summary>
/// An upload from the API or the page: the file checked and stored first, then its row in one transaction; when the
/// row is refused the stored file is deleted again, so nothing is left half-way.
/// </summary>
public sealed class MaterialUploads(MaterialFiles files, MaterialStore store)
{
    /// <summary>Reads the multipart form with this feature's own limits (the site-wide form limit is smaller).</summary>
    public async Task<(WriteResult<MaterialRow> Write, bool TooLarge)> FromApiAsync(HttpContext http, EventRow e, long sessionId, Validator v)
    {
        if (files.TooLarge(http.Request.ContentLength - WebPlatform.UploadFormOverhead))
        {
            v.Add("file", $"The upload is {http.Request.ContentLength / 1024 / 1024.0:0.0} MB; the limit is {files.Limit}.");
            return (WriteResult<MaterialRow>.Invalid(v), true);
        }
        if (!http.Request.HasFormContentType)
        {
            v.Add("file", "Send the file as multipart/form-data in a field named file.");
            return (WriteResult<MaterialRow>.Invalid(v), false);
        }
        if (http.Features.Get<IFormFeature>()?.Form is null)
        {
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions
            {
                MultipartBodyLengthLimit = files.MaxBytes + WebPlatform.UploadFormOverhead,
                ValueCountLimit = 16,
            }));
        }
        IFormCollection form;
        try { form = await http.Request.ReadFormAsync(http.RequestAborted); }
        catch (InvalidDataException)
        {
            v.Add("file", $"The upload is larger than {files.Limit}, the limit, or is not a well-formed form.");
            return (WriteResult<MaterialRow>.Invalid(v), true);
        }
        if (form.Files.GetFile("file") is not { } file) { v.Add("file", "Choose a file (PDF, ODP or PPTX)."); return (WriteResult<MaterialRow>.Invalid(v), false); }
        // Two files or two titles in one upload: which one was meant is a guess, so neither is kept.
        if (form.Files.GetFiles("file").Count > 1) v.Add("file", "Send one file at a time.");
        if (form["title"].Count > 1) v.Add("title", "Send one title.");
        if (v.HasErrors) return (WriteResult<MaterialRow>.Invalid(v), false);
        var write = await SaveAsync(e, sessionId, http.User.RequiredUserId(), file, form["title"].ToString(), v, http.RequestAborted);
        return (write, file.Length > files.MaxBytes);
    }

    public async Task<WriteResult<MaterialRow>> SaveAsync(EventRow e, long sessionId, long userId, IFormFile file, string? title, Validator v,
        CancellationToken ct)
    {
        if (file.Length > files.MaxBytes)
        {
            v.Add("file", $"The file is {file.Length / 1024 / 1024.0:0.0} MB; the limit is {files.Limit}.");
            return WriteResult<MaterialRow>.Invalid(v);
        }
        var checkedTitle = MaterialRules.Title("title", title, MaterialRules.Slides, v);
        if (checkedTitle is null) return WriteResult<MaterialRow>.Invalid(v);
        StoredUpload? stored;
        await using (var stream = file.OpenReadStream()) stored = await files.SaveAsync(stream, file.FileName, v, ct);
        if (stored is null) return WriteResult<MaterialRow>.Invalid(v);
        var write = await store.AddFileAsync(e.Id, sessionId, userId, checkedTitle, stored, v, ct);
        if (!write.IsOk) files.Delete(stored.FileName);
        return write;
    }
}
