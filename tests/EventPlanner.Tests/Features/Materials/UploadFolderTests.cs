using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Lightning;
using EventPlanner.Web.Features.Materials;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace EventPlanner.Tests.Features.Materials;

/// <summary>
/// Every kind of upload lives under the one configured uploads folder (shared between nodes), under names only the
/// app makes; a body larger than its limit is refused whatever length it claimed. No database: engine-independent.
/// </summary>
[Trait("Engine", "Both")]
public sealed class UploadFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("ep-uploads-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private DataPaths Paths(string? uploads) => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["EventPlanner:DataDirectory"] = Path.Combine(root, "data"),
        ["EventPlanner:Uploads:Path"] = uploads,
    }).Build(), new Env(root));

    [Fact]
    public async Task Photos_slides_and_materials_all_go_under_the_configured_shared_folder_and_are_found_there_by_another_instance()
    {
        var shared = Path.Combine(root, "shared");
        var config = new ConfigurationBuilder().Build();
        var pdf = "%PDF-1.7\nslides"u8.ToArray();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8];

        var v = new Validator();
        var slide = await new LightningSlides(Paths(shared)).SaveAsync(new MemoryStream(pdf), pdf.Length, v);
        var photo = await new SpeakerPhotos(Paths(shared)).SaveAsync(new MemoryStream(png), png.Length, v);
        var material = await new MaterialFiles(Paths(shared), config).SaveAsync(new MemoryStream(pdf), "talk.pdf", v);
        Assert.False(v.HasErrors);

        // A second node: its own data directory, the same shared uploads folder.
        Assert.StartsWith(shared, new LightningSlides(Paths(shared)).Find(slide!)!);
        Assert.Equal("image/png", new SpeakerPhotos(Paths(shared)).Find(photo!.Value.FileName)!.Value.ContentType);
        Assert.StartsWith(shared, new MaterialFiles(Paths(shared), config).Find(material!.FileName)!);
        Assert.Equal(3, Directory.GetFiles(shared, "*", SearchOption.AllDirectories).Length);

        // Without the setting everything stays where it always was: uploads/ under the data directory.
        Assert.Equal(Path.Combine(root, "data", "uploads", "lightning-slides"), new LightningSlides(Paths(null)).Folder);
        Assert.Equal(Path.Combine(root, "data", "uploads", "speaker-photos"), new SpeakerPhotos(Paths(null)).Folder);
        Assert.Equal(Path.Combine(root, "data", "uploads", "materials"), new MaterialFiles(Paths(null), config).Folder);
    }

    [Fact]
    public async Task A_body_longer_than_it_claimed_is_refused_and_nothing_is_written()
    {
        var slides = new LightningSlides(Paths(null));
        var big = new byte[LightningRules.MaxSlidesBytes + 10];
        "%PDF-"u8.CopyTo(big);
        var v = new Validator();
        Assert.Null(await slides.SaveAsync(new MemoryStream(big), length: 100, v));
        Assert.Contains(v.Errors, e => e.Key == "slides");
        Assert.False(Directory.Exists(slides.Folder) && Directory.EnumerateFiles(slides.Folder).Any());
        Assert.Null(await UploadFolder.ReadBoundedAsync(new MemoryStream(new byte[11]), 10, CancellationToken.None));
        Assert.Equal(10, (await UploadFolder.ReadBoundedAsync(new MemoryStream(new byte[10]), 10, CancellationToken.None))!.Length);
    }

    [Theory]
    [InlineData("../eventplanner.db")]
    [InlineData("0123456789abcdef0123456789abcdef.exe")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF.png")]
    [InlineData("")]
    public void Names_the_app_did_not_make_are_never_looked_up_or_deleted(string name)
    {
        var photos = new SpeakerPhotos(Paths(null));
        Directory.CreateDirectory(photos.Folder);
        File.WriteAllText(Path.Combine(photos.Folder, "keep.txt"), "x");
        Assert.Null(photos.Find(name));
        photos.Delete(name);
        Assert.True(File.Exists(Path.Combine(photos.Folder, "keep.txt")));
    }

    private sealed class Env(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "EventPlanner.Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
