namespace Rampart.Cli.Input;

/// <summary>Text a user hands over inline, as <c>@FILE</c>, or on stdin (<c>-</c> or <c>@-</c>).</summary>
internal static class InputText
{
    /// <param name="what">Names the input in errors, e.g. <c>--data</c>.</param>
    public static async Task<string> ReadAsync(string value, string what, TextReader stdin, CancellationToken cancellationToken)
    {
        if (value is "-" or "@-")
        {
            return await stdin.ReadToEndAsync(cancellationToken);
        }

        if (!value.StartsWith('@'))
        {
            return value;
        }

        var path = value[1..];
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message.ReplaceLineEndings(" "),
            };
            throw CliException.Usage($"cannot read {what} file {path}: {reason}");
        }
    }

    /// <summary>All of stdin minus one final line break, so <c>echo secret | …</c> means "secret".</summary>
    public static async Task<string> ReadStdinAsync(TextReader stdin, CancellationToken cancellationToken)
    {
        var text = await stdin.ReadToEndAsync(cancellationToken);
        if (text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            return text[..^2];
        }

        return text.EndsWith('\n') ? text[..^1] : text;
    }
}
