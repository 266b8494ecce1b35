using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Tests.Osh;

// Expected words are what Perl's Text::ParseWords::shellwords returns for the same input.
public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("   ", new string[0])]
    [InlineData("  a  b\t c\n", new[] { "a", "b", "c" })]
    [InlineData("a \"b c\" d'e'f", new[] { "a", "b c", "def" })]
    [InlineData("''", new[] { "" })]
    [InlineData("a '' b", new[] { "a", "", "b" })]
    [InlineData(@"e\ f", new[] { "e f" })]
    [InlineData(@"""c\""d""", new[] { "c\"d" })]
    [InlineData(@"'a\'b'", new[] { @"a\'b" })]
    [InlineData(@"'a\b'", new[] { @"a\b" })]
    [InlineData("'a \"b\" c'", new[] { "a \"b\" c" })]
    [InlineData("x'y'\"z\"w", new[] { "xyzw" })]
    public void Splits_like_perl(string line, string[] words)
    {
        Assert.Equal(words, ShellWords.Split(line));
    }

    [Theory]
    [InlineData("a 'b")]
    [InlineData("a \"b")]
    [InlineData(@"a b\")]
    [InlineData("\"")]
    public void Unsplittable_input_gives_no_words(string line)
    {
        Assert.Empty(ShellWords.Split(line));
    }
}
