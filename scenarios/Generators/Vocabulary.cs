using Bogus;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// The words generated traffic is written with (file names, phrases, user names, versions), drawn once per plan
/// from Bogus's data sets with the scenario's seed. Events pick from these lists, so a million events cost a few
/// hundred calls into Bogus's string builders rather than millions, and share the strings they hold.
/// </summary>
internal sealed class Vocabulary
{
    public const int Size = 256;

    public Vocabulary(int seed)
    {
        var f = new Faker { Random = new Randomizer(seed) };
        f.DateTimeReference = GeneratorContext.DateReference;
        FileStems = Draw(() => Path.GetFileNameWithoutExtension(f.System.FileName("bin")));
        DomainWords = Draw(f.Internet.DomainWord);
        HackerNouns = Draw(f.Hacker.Noun);
        HackerPhrases = Draw(f.Hacker.Phrase);
        UserNames = Draw(() => f.Internet.UserName());
        Versions = Draw(() => f.System.Semver());
        Words = Draw(() => f.Lorem.Word());
        Sentences = Draw(() => f.Lorem.Sentence(6));
    }

    /// <summary>File names without their extension.</summary>
    public string[] FileStems { get; }

    /// <summary>Single words of domain names, e.g. for URL path segments.</summary>
    public string[] DomainWords { get; }

    public string[] HackerNouns { get; }

    public string[] HackerPhrases { get; }

    public string[] UserNames { get; }

    /// <summary>Semantic version strings.</summary>
    public string[] Versions { get; }

    public string[] Words { get; }

    public string[] Sentences { get; }

    private static string[] Draw(Func<string> next)
    {
        var words = new string[Size];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = next();
        }

        return words;
    }
}
