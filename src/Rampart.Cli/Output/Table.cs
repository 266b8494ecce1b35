using System.Text;

namespace Rampart.Cli.Output;

/// <summary>Plain aligned columns, two spaces apart; the last column is not padded, so lines carry no trailing blanks.</summary>
internal sealed class Table
{
    private readonly string[]? _header;
    private readonly List<string[]> _rows = [];

    /// <param name="header">Column titles, or null for a headerless key/value list.</param>
    public Table(params string[]? header)
    {
        _header = header is { Length: > 0 } ? [.. header.Select(Clean)] : null;
    }

    public int Count => _rows.Count;

    public void Add(params string[] cells) => _rows.Add([.. cells.Select(Clean)]);

    /// <summary>Writes the whole table at once: one write instead of a flush per line on a console.</summary>
    public async Task WriteAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var all = _header is null ? _rows : [_header, .. _rows];
        if (all.Count == 0)
        {
            return;
        }

        var columns = all.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var row in all)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var text = new StringBuilder();
        foreach (var row in all)
        {
            for (var i = 0; i < row.Length; i++)
            {
                var cell = row[i];
                text.Append(i == row.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
            }

            text.Append('\n');
        }

        await output.WriteAsync(text, cancellationToken);
    }

    /// <summary>A cell is one line: a newline inside a name would break the columns.</summary>
    private static string Clean(string cell) => cell.ReplaceLineEndings(" ").Replace('\t', ' ');
}
