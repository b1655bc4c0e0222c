namespace ReactorHost.Cli.Bench;

/// <summary>Writes rows of cells as an aligned text table or as a Markdown table.</summary>
internal static class TableWriter
{
    public static void Write(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<string[]> rows, bool markdown)
    {
        if (markdown)
        {
            output.WriteLine("| " + string.Join(" | ", header) + " |");
            output.WriteLine("|" + string.Join("|", header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
            foreach (var row in rows)
            {
                output.WriteLine("| " + string.Join(" | ", row) + " |");
            }

            return;
        }

        var widths = new int[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            widths[i] = Math.Max(header[i].Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length));
        }

        output.WriteLine(Format(header, widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(Format(row, widths));
        }
    }

    private static string Format(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd();
}
